/**
 * The harness CLI on a real stack (the items fixture program of tests/programs, whose `token`
 * outputs are secrets), run as a child process: the refresh summary counts what the pulumi CLI
 * counts, `preview --expect-no-changes` passes on an unchanged stack and fails (exit 7) when the
 * program would change something, `stack output` blinds secrets unless --show-secrets, and
 * `stack export` keeps them encrypted unless --show-secrets.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { SIG_KEY } from "../../engine-harness/values/property-values";
import { tempDir, type ItemSpec } from "../programs/support";
import { runCli, shown, type CliRun } from "./run-cli";

interface ExportedResource {
  readonly urn: string;
  readonly type: string;
  readonly outputs: Record<string, unknown>;
}

describe("harness CLI: stack commands (items fixture)", function () {
  this.timeout(90000);
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  let stackFlags: string[];
  const items: ItemSpec[] = [
    { name: "a", value: "alpha", secret: true },
    { name: "b", value: "beta", parent: "a" },
  ];

  const cli = (...args: string[]): Promise<CliRun> => runCli([...args, ...stackFlags], env);
  const ok = async (...args: string[]): Promise<CliRun> => {
    const run = await cli(...args);
    expect(run.code, shown(run)).to.equal(0);
    return run;
  };
  const exported = async (...flags: string[]): Promise<ExportedResource[]> =>
    (
      JSON.parse((await ok("stack", "export", ...flags)).stdout) as {
        deployment: { resources: ExportedResource[] };
      }
    ).deployment.resources;

  before(async () => {
    ({ dir, cleanup } = tempDir("harness-cli-"));
    const journal = path.join(dir, "journal.txt");
    fs.writeFileSync(journal, "");
    env = { JOURNAL_FILE: journal };
    stackFlags = [
      "--program-dir",
      ".",
      "--program",
      "dist/tests/programs/fixtures/items-program.js",
      "--project",
      "cli-items",
      "--state",
      path.join(dir, "state.json"),
    ];
    await ok("config", "set", "items", JSON.stringify(items));
    const up = await ok("up", "--yes", "--skip-preview");
    expect(up.stdout).to.match(/^Updating \(dev\)[\s\S]*Resources:\n {4}\+ 3 created/);
  });
  after(() => cleanup?.());

  it("refresh of an unchanged stack counts every resource in state, the stack included, as unchanged", async () => {
    const resources = (await exported()).filter((r) => !r.type.startsWith("pulumi:providers:"));
    const run = await ok("refresh", "--yes");
    expect(run.stdout).to.match(/^Refreshing \(dev\)/);
    expect(run.stdout).to.match(
      new RegExp(`\\nResources:\\n    ${resources.length} unchanged\\n?$`),
    );
  });

  it("preview --expect-no-changes exits 0 on an unchanged stack and 7 when the program would change something", async () => {
    const same = await ok("preview", "--expect-no-changes");
    expect(same.stdout).to.match(/Resources:\n {4}3 unchanged/);

    await ok(
      "config",
      "set",
      "items",
      JSON.stringify([{ ...items[0], value: "alpha-2" }, items[1]]),
    );
    try {
      const changed = await cli("preview", "--expect-no-changes");
      expect(changed.code, shown(changed)).to.equal(7);
      expect(changed.stdout).to.match(/~ +.*\ba +update +\[diff: ~value\]/);
      expect(changed.stdout).to.match(/Resources:\n {4}~ 1 to update\n {4}2 unchanged/);
      expect(changed.stderr).to.equal(
        "error: no changes were expected for preview but changes were proposed\n",
      );
    } finally {
      await ok("config", "set", "items", JSON.stringify(items));
    }
  });

  it("stack output shows secrets as [secret] unless --show-secrets, one value or all, as text or JSON", async () => {
    const blinded = JSON.parse((await ok("stack", "output", "tokens", "--json")).stdout) as Record<
      string,
      string
    >;
    expect(blinded.aToken).to.equal("[secret]");
    expect(blinded.bToken).to.equal("[secret]");
    const shownTokens = JSON.parse(
      (await ok("stack", "output", "tokens", "--json", "--show-secrets")).stdout,
    ) as Record<string, string>;
    expect(shownTokens.aToken).to.equal(`token-of-${blinded.aId}`);
    expect(shownTokens.bToken).to.equal(`token-of-${blinded.bId}`);

    const table = (await ok("stack", "output")).stdout;
    expect(table).to.match(/^Current stack outputs \(2\):\n {4}OUTPUT +VALUE\n/);
    expect(table).to.include(`"aToken":"[secret]"`);
    expect(table).not.to.include("token-of-");
    const all = JSON.parse((await ok("stack", "output", "--json")).stdout) as Record<
      string,
      unknown
    >;
    expect(Object.keys(all)).to.deep.equal(["ids", "tokens"]);

    const missing = await cli("stack", "output", "nope");
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.equal("error: current stack does not have output property 'nope'\n");
  });

  it("stack export keeps secrets encrypted unless --show-secrets, which prints them as plaintext JSON", async () => {
    const encrypted = await exported();
    const item = (list: ExportedResource[]) => list.find((r) => r.urn.endsWith("::a"))!;
    const token = item(encrypted).outputs.token as Record<string, string>;
    expect(token[SIG_KEY]).to.be.a("string");
    expect(token.ciphertext).to.match(/^v1:/);

    const plain = item(await exported("--show-secrets")).outputs.token as Record<string, string>;
    expect(Object.keys(plain)).to.deep.equal([SIG_KEY, "plaintext"]);
    const value = JSON.parse(plain.plaintext) as string;
    expect(value).to.match(/^token-of-alpha-/);
    expect(JSON.stringify(encrypted)).not.to.include(value);
  });

  it("destroy shows the stack resource as deleted and counts it", async () => {
    const resources = (await exported()).filter((r) => !r.type.startsWith("pulumi:providers:"));
    const run = await ok("destroy", "--yes");
    expect(run.stdout).to.match(/^ - +pulumi:pulumi:Stack +cli-items-dev +deleted$/m);
    expect(run.stdout).to.match(
      new RegExp(`\\nResources:\\n {4}- ${resources.length} deleted\\n?$`),
    );
    expect(await exported()).to.deep.equal([]);
  });
});
