/**
 * `npm run demo`: the example program (examples/index.ts) on the embedded Ops Manager emulator,
 * driven through the engine's CLI (the harness's, or `pulumi` when installed) and walked through
 * up → out-of-band change → `preview --expect-no-changes` failing on the drift → refresh + up →
 * `preview --expect-no-changes` passing (no drift) → reading a private key with `stack output`
 * → rotation → destroy, checking the emulator's state after every step. Exits non-zero on any
 * mismatch.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../emulator/index";
import { prepareExampleProgram } from "../engine-harness/example-program";
import { REPO_ROOT } from "../engine-harness/host";
import { Checks, keyByDescription, orgView, sameList, writes } from "./demo-checks";
import {
  cliEngine,
  harnessEngine,
  pulumiCliAvailable,
  type DemoEngine,
  type DemoOutcome,
} from "./demo-engines";

/** `ExitNoChanges` of the pulumi CLI (pkg/cmd/pulumi/cmd/exit_codes.go), which the harness CLI uses too. */
const EXIT_CHANGES_PROPOSED = 7;

const CI = "CI pipeline (read-only)";
const AUTOMATION = "Automation (owner)";
const CI_ENTRIES = ["198.51.100.0/24", "203.0.113.10/32"];
const BASTION = ["192.0.2.15/32"];

const print = (line = ""): void => void process.stdout.write(`${line}\n`);
const indent = (text: string): string =>
  text
    .trimEnd()
    .split("\n")
    .map((l) => `      ${l}`)
    .join("\n");

async function main(): Promise<void> {
  const started = Date.now();
  const checks = new Checks(print);
  const emulator = await startEmulator({ seed: 20261101 });
  try {
    const org = emulator.orgId;
    const baseline = orgView(emulator);
    const workDir = path.join(REPO_ROOT, ".demo");
    fs.rmSync(workDir, { recursive: true, force: true });
    fs.mkdirSync(workDir, { recursive: true });
    const example = await prepareExampleProgram();
    const program = { ...example, workDir };
    const engine: DemoEngine = pulumiCliAvailable()
      ? await cliEngine(program)
      : harnessEngine(program);
    print(
      `Ops Manager emulator at ${emulator.baseUrl}, organization ${org} (one bootstrap ORG_OWNER key)`,
    );
    print(`Engine: ${engine.description}`);
    print(`Program: examples/index.ts, installed with the packed package in ${example.programDir}`);

    await engine.setConfig("orgId", org);
    await engine.setConfig("projectId", emulator.projectId);
    await engine.setConfig("opsmanager:baseUrl", emulator.baseUrl);
    await engine.setConfig("opsmanager:publicKey", emulator.publicKey);
    await engine.setConfig("opsmanager:privateKey", emulator.privateKey, true);
    await engine.setConfig("rotation", "2026-11");

    /** Runs one command and prints what it printed; `exitCode` is the one expected (default 0). */
    const run = async (
      title: string,
      op: () => Promise<DemoOutcome>,
      exitCode = 0,
    ): Promise<DemoOutcome> => {
      print(`\n== ${title}`);
      const outcome = await op();
      print(indent(outcome.text));
      checks.expect(
        outcome.exitCode === exitCode,
        `${title.split(":")[0]} exited with code ${exitCode}`,
        `exit code ${outcome.exitCode}`,
      );
      return outcome;
    };

    // 1. up: two keys, three entries; private keys only ever shown as [secret].
    const up = await run("pulumi up: create the keys and their access lists", () => engine.up());
    let view = orgView(emulator);
    const ci = keyByDescription(view, CI);
    const automation = keyByDescription(view, AUTOMATION);
    checks.expect(
      ci?.roles.join() === "ORG_READ_ONLY",
      "CI key exists with ORG_READ_ONLY",
      JSON.stringify(ci?.roles),
    );
    checks.expect(
      sameList(ci?.entries ?? [], CI_ENTRIES),
      "CI key allows 203.0.113.10 and 198.51.100.0/24",
      JSON.stringify(ci?.entries),
    );
    checks.expect(automation?.roles.join() === "ORG_OWNER", "automation key exists with ORG_OWNER");
    checks.expect(sameList(automation?.entries ?? [], BASTION), "automation key allows 192.0.2.15");
    checks.expect(
      projectRolesOf(emulator, ci?.id) === "GROUP_READ_ONLY",
      "CI key is assigned GROUP_READ_ONLY on the project",
      projectRolesOf(emulator, ci?.id),
    );
    checks.expect(
      /ciPrivateKey\s*:\s*\[secret\]/.test(up.text),
      "ciPrivateKey is shown as [secret]",
    );
    checks.expect(
      /automationPrivateKey\s*:\s*\[secret\]/.test(up.text),
      "automationPrivateKey is shown as [secret]",
    );
    checks.expect(
      !up.text.includes(emulator.privateKey),
      "the managing key's private key is never printed",
    );
    checks.endStep("up");
    if (!ci || !automation) return;

    // 2. Out-of-band change through the API's back door.
    print(
      "\n== out-of-band change: someone edits the CI key's description, deletes its office entry " +
        "and makes it project owner",
    );
    emulator.admin.setKeyDescription(org, ci.id, "edited by hand in the Ops Manager UI");
    emulator.admin.deleteEntry(org, ci.id, "198.51.100.0/24");
    emulator.admin.setProjectRoles(emulator.projectId, ci.id, ["GROUP_OWNER"]);
    view = orgView(emulator);
    checks.expect(
      keyByDescription(view, CI) === undefined,
      "the CI key's description changed in Ops Manager",
    );
    checks.endStep("out-of-band change");

    // 3. Preview shows the drift, writes nothing, and fails a CI drift check.
    emulator.clearLog();
    const drift = await run(
      "pulumi preview --expect-no-changes (no --refresh): the drift shows and fails the check",
      () => engine.previewExpectingNoChanges(),
      EXIT_CHANGES_PROPOSED,
    );
    checks.expect(
      writes(emulator.requests).length === 0,
      "preview made no API writes",
      JSON.stringify(writes(emulator.requests).map((r) => r.method)),
    );
    checks.expect(/description/.test(drift.text), "the description drift is shown");
    checks.expect(/ci-office/.test(drift.text), "the missing ci-office entry is shown");
    checks.expect(
      /roles drifted: live \[GROUP_OWNER\], declared \[GROUP_READ_ONLY\]/.test(drift.text),
      "the project roles changed outside Pulumi are shown",
    );
    checks.expect(
      /^ ~ .*\bci +update\b/m.test(drift.stdout) &&
        /^ \+- .*\bci-office +replace\b/m.test(drift.stdout) &&
        /^ ~ .*\bci-project +update\b/m.test(drift.stdout),
      "plan: update ci, replace ci-office, update ci-project",
    );
    checks.endStep("preview");

    // 4. refresh + up repair it.
    await run("pulumi refresh: state learns about the drift", () => engine.refresh());
    await run("pulumi up: repair", () => engine.up());
    view = orgView(emulator);
    checks.expect(
      keyByDescription(view, CI)?.id === ci.id,
      "the CI key has its declared description again (same key)",
    );
    checks.expect(
      sameList(keyByDescription(view, CI)?.entries ?? [], CI_ENTRIES),
      "the office entry is back",
    );
    checks.expect(
      projectRolesOf(emulator, ci.id) === "GROUP_READ_ONLY",
      "the CI key is back to GROUP_READ_ONLY on the project",
      projectRolesOf(emulator, ci.id),
    );
    checks.endStep("refresh + up");

    // 5. No drift left: the CI drift check passes.
    emulator.clearLog();
    await run("pulumi preview --expect-no-changes: no drift left", () =>
      engine.previewExpectingNoChanges(),
    );
    checks.expect(writes(emulator.requests).length === 0, "preview made no API writes");
    checks.endStep("no drift");

    // 6. The created private key is readable by its owner, and only on request.
    const blinded = await run("pulumi stack output ciPrivateKey", () =>
      engine.stackOutput("ciPrivateKey", false),
    );
    checks.expect(blinded.stdout.trim() === "[secret]", "without --show-secrets it is [secret]");
    print("\n== pulumi stack output ciPrivateKey --show-secrets (value not printed here)");
    const revealed = await engine.stackOutput("ciPrivateKey", true);
    const key = revealed.stdout.trim();
    checks.expect(
      revealed.exitCode === 0 && key.length === emulator.privateKey.length && key !== "[secret]",
      `with --show-secrets it is the ${key.length}-character private key`,
    );
    checks.endStep("stack output");

    // 7. Rotation: new automation key first, entries follow, old key deleted last.
    emulator.clearLog();
    await engine.setConfig("rotation", "2026-12");
    await run("pulumi up with rotation=2026-12: rotate the automation key", () => engine.up());
    view = orgView(emulator);
    const rotated = keyByDescription(view, AUTOMATION);
    checks.expect(!!rotated && rotated.id !== automation.id, "a new automation key exists");
    checks.expect(!view.keys.some((k) => k.id === automation.id), "the old automation key is gone");
    checks.expect(
      sameList(rotated?.entries ?? [], BASTION),
      "the bastion entry moved to the new key",
    );
    const log = emulator.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`);
    const created = log.findIndex((l) => /^POST .*\/apiKeys$/.test(l));
    const deleted = log.findIndex(
      (l) => l === `DELETE /api/public/v1.0/orgs/${org}/apiKeys/${automation.id}`,
    );
    checks.expect(
      created >= 0 && deleted > created,
      "the new key was created before the old one was deleted",
      `${created} / ${deleted}`,
    );
    checks.endStep("rotation");

    // 8. destroy leaves the organization as it was.
    await run("pulumi destroy: remove everything the program created", () => engine.destroy());
    view = orgView(emulator);
    checks.expect(
      sameList(
        view.keys.map((k) => k.id),
        baseline.keys.map((k) => k.id),
      ),
      "only the bootstrap key is left",
      JSON.stringify(view.keys.map((k) => k.desc)),
    );
    checks.endStep("destroy");
    print(
      `\nDemo finished: every expectation held (${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
  } finally {
    await emulator.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    print(`\nDemo FAILED: ${(e as Error).message}`);
    process.exit(1);
  },
);

/** The key's roles on the emulator's project, comma-separated ("" when not assigned). */
function projectRolesOf(emulator: Emulator, apiKeyId: string | undefined): string {
  const assigned = emulator.admin
    .listProjectKeys(emulator.projectId)
    .find((k) => k.id === apiKeyId);
  return (assigned?.roles ?? []).join();
}
