/**
 * Drift at program level: the example program (examples/index.ts) through the engine harness,
 * provider in the real host, Ops Manager emulated. Plain `preview` (no --refresh) plans exactly
 * the repairs of drift made outside Pulumi, `up` performs them, and an unchanged stack previews
 * as no changes for one list per organization and key.
 */
import { expect } from "chai";
import { startEmulator, type Emulator } from "../../emulator/index";
import { type OperationResult, type Stack } from "../../engine-harness/stack";
import { openExampleStack, resourceNamed } from "./support";

const KINDS = /opsmanager:(OrgApiKey|ApiKeyWhitelistEntry|ApiKeyProjectAssignment)/;

describe("engine harness: drift in plain preview (example program, driftCheck live)", function () {
  this.timeout(120000);
  let emulator: Emulator;
  let stack: Stack;
  let cleanup: () => void;

  const ok = async (op: () => Promise<OperationResult>): Promise<OperationResult> => {
    const result = await op();
    expect(result.ok, `${result.summary}\n${result.errors.join("\n")}`).to.equal(true);
    return result;
  };
  /** name → "op [replaceKeys]" of the provider's resources. */
  const plan = (result: OperationResult): Record<string, string> =>
    Object.fromEntries(
      result.steps
        .filter((s) => KINDS.test(s.type) && !s.replacement)
        .map((s) => [
          s.name,
          `${s.op}${s.replaceKeys.length ? ` [${s.replaceKeys.join(",")}]` : ""}`,
        ]),
    );
  const allSame = {
    ci: "same",
    "ci-runner": "same",
    "ci-office": "same",
    automation: "same",
    "automation-bastion": "same",
    "ci-project": "same",
  };
  const driftLines = (result: OperationResult): string[] =>
    result.hostOutput.split("\n").filter((l) => /drifted|deleted outside Pulumi/.test(l));
  /** List requests in the emulator log (the program's lookupOrgApiKeys makes one K1 list too). */
  const lists = () => {
    const get = emulator.requests.filter((r) => r.method === "GET" && r.status < 400);
    return {
      keys: get.filter((r) => /\/orgs\/[0-9a-f]{24}\/apiKeys(\?|$)/.test(r.path)).length,
      projectKeys: get.filter((r) => /\/groups\/[0-9a-f]{24}\/apiKeys(\?|$)/.test(r.path)).length,
      entries: get.filter((r) => /\/(accessList|whitelist)(\?|$)/.test(r.path)).length,
      other: emulator.requests.filter((r) => r.status !== 401).length - get.length,
    };
  };
  const id = (name: string): string => resourceNamed(stack, name)!.id;

  before(async () => {
    emulator = await startEmulator({ seed: 77 });
    ({ stack, cleanup } = await openExampleStack(emulator, "harness-drift-"));
    await ok(() => stack.up());
  });
  after(async () => {
    cleanup?.();
    await emulator?.close();
  });

  it("previews the unchanged stack as no changes with one list per organization and per key", async () => {
    emulator.clearLog();
    const result = await ok(() => stack.preview());
    expect(plan(result)).to.deep.equal(allSame);
    // keys: the program's lookup + the provider; one project list for the assignment
    expect(lists()).to.deep.equal({ keys: 2, projectKeys: 1, entries: 2, other: 0 });
  });

  it("with driftCheck state, previews drift as no changes and the provider makes no request", async () => {
    emulator.admin.setKeyDescription(emulator.orgId, id("ci"), "edited in the UI");
    emulator.admin.setKeyRoles(emulator.orgId, id("automation"), ["ORG_READ_ONLY"]);
    emulator.admin.deleteEntry(emulator.orgId, id("ci"), "198.51.100.0/24");
    emulator.admin.setProjectRoles(emulator.projectId, id("ci"), ["GROUP_OWNER"]);
    stack.setConfig("opsmanager:driftCheck", "state");
    emulator.clearLog();
    const result = await ok(() => stack.preview());
    stack.setConfig("opsmanager:driftCheck", "live");
    expect(plan(result)).to.deep.equal(allSame);
    expect(lists()).to.deep.equal({ keys: 1, projectKeys: 0, entries: 0, other: 0 }); // the program's lookup only
  });

  it("previews exactly the repairs, with one diagnostic line per drifted resource", async () => {
    const result = await ok(() => stack.preview());
    expect(plan(result)).to.deep.equal({
      ...allSame,
      ci: "update",
      automation: "update",
      "ci-office": "replace [cidrBlock]",
      "ci-project": "update",
    });
    const lines = driftLines(result);
    expect(lines).to.have.length(4);
    expect(lines.join("\n")).to.contain(
      "roles drifted: live [GROUP_OWNER], declared [GROUP_READ_ONLY]",
    );
    expect(lines.join("\n")).to.contain(
      'description drifted: live "edited in the UI", declared "CI pipeline (read-only)"',
    );
    expect(lines.join("\n")).to.contain(
      "roles drifted: live [ORG_READ_ONLY], declared [ORG_OWNER]",
    );
    expect(lines.join("\n")).to.match(
      /cidrBlock drifted: live absent.*declared 198\.51\.100\.0\/24/,
    );
  });

  it("up performs the repairs, and the stack previews as no changes afterwards", async () => {
    await ok(() => stack.up());
    const keys = emulator.admin.listKeys(emulator.orgId);
    expect(keys.find((k) => k.id === id("ci"))?.desc).to.equal("CI pipeline (read-only)");
    expect(keys.find((k) => k.id === id("automation"))?.roles).to.deep.equal(["ORG_OWNER"]);
    const entries = emulator.admin.listEntries(emulator.orgId, id("ci")).map((e) => e.cidrBlock);
    expect(entries.sort()).to.deep.equal(["198.51.100.0/24", "203.0.113.10/32"]);
    const assigned = emulator.admin
      .listProjectKeys(emulator.projectId)
      .find((k) => k.id === id("ci"));
    expect(assigned?.roles).to.deep.equal(["GROUP_READ_ONLY"]);
    expect(plan(await ok(() => stack.preview()))).to.deep.equal(allSame);
  });

  it("replaces a key deleted outside Pulumi (new key first, its entry follows) and says the private key is gone", async () => {
    const old = id("automation");
    emulator.admin.deleteKey(emulator.orgId, old);
    const preview = await ok(() => stack.preview());
    expect(plan(preview)).to.deep.equal({
      ...allSame,
      automation: "replace [apiKeyId]",
      "automation-bastion": "replace [apiKeyId]",
    });
    expect(driftLines(preview).join("\n")).to.match(
      new RegExp(`OrgApiKey ${old} .*deleted outside Pulumi.*private key is gone`),
    );
    await ok(() => stack.up());
    const renewed = id("automation");
    expect(renewed).to.not.equal(old);
    const bastion = emulator.admin.listEntries(emulator.orgId, renewed).map((e) => e.cidrBlock);
    expect(bastion).to.deep.equal(["192.0.2.15/32"]);
    expect(plan(await ok(() => stack.preview()))).to.deep.equal(allSame);
  });

  it("refresh sees an entry deleted between two refreshes", async () => {
    const first = await ok(() => stack.refresh());
    expect(first.steps.filter((s) => s.op !== "same")).to.deep.equal([]);
    emulator.admin.deleteEntry(emulator.orgId, id("ci"), "203.0.113.10/32");
    const second = await ok(() => stack.refresh());
    expect(second.steps.find((s) => s.name === "ci-runner")?.op).to.equal("delete");
  });
});
