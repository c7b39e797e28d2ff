/**
 * The example program (examples/index.ts) end to end: installed from the packed package, run by
 * the real SDK against the harness's engine, provider in the real host, Ops Manager emulated.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import { startEmulator, type Emulator } from "../../emulator/index";
import { type OperationResult, type Stack } from "../../engine-harness/stack";
import { isSecret } from "../../engine-harness/values/property-values";
import { openExampleStack, resourceNamed } from "./support";

const WRITES = new Set(["POST", "PATCH", "PUT", "DELETE"]);

describe("engine harness: the example program on the emulator", function () {
  this.timeout(90000);
  let emulator: Emulator;
  let stack: Stack;
  let cleanup: () => void;
  const results: OperationResult[] = [];
  const stateTexts: string[] = [];
  const privateKeys = new Set<string>();
  const run = async (op: () => Promise<OperationResult>): Promise<OperationResult> => {
    const result = await op();
    results.push(result);
    if (fs.existsSync(stack.stateFile)) stateTexts.push(fs.readFileSync(stack.stateFile, "utf8"));
    harvestPrivateKeys();
    expect(result.ok, `${result.summary}\n${result.errors.join("\n")}`).to.equal(true);
    return result;
  };
  const keyIds = (): string[] => emulator.admin.listKeys(emulator.orgId).map((k) => k.id);
  const entriesOf = (keyId: string): string[] =>
    emulator.admin
      .listEntries(emulator.orgId, keyId)
      .map((e) => e.cidrBlock)
      .sort();
  /**
   * Collects what identifies each private key the emulator handed out, before a log is cleared.
   * The log keeps create answers redacted (`********-****-****-<last 12>`), so the needle is the
   * last 12 hex digits: any leak of the full key contains them.
   */
  const harvestPrivateKeys = (): void => {
    for (const r of emulator.requests) {
      if (r.method !== "POST" || !/\/apiKeys$/.test(r.path) || !r.responseBody) continue;
      const { privateKey } = JSON.parse(r.responseBody) as { privateKey?: string };
      const tail = /-([0-9a-f]{12})$/.exec(privateKey ?? "")?.[1];
      if (tail) privateKeys.add(tail);
    }
  };
  const clearLog = (): void => {
    harvestPrivateKeys();
    emulator.clearLog();
  };

  before(async () => {
    emulator = await startEmulator({ seed: 4242 });
    ({ stack, cleanup } = await openExampleStack(emulator, "harness-example-"));
  });
  after(async () => {
    cleanup?.();
    await emulator?.close();
  });

  it("previews new keys and entries as creates and makes no API writes", async () => {
    clearLog();
    const result = await run(() => stack.preview());
    const creates = result.steps
      .filter((s) => s.op === "create" && s.type.includes("opsmanager"))
      .map((s) => s.name);
    expect(creates.sort()).to.deep.equal([
      "automation",
      "automation-bastion",
      "ci",
      "ci-office",
      "ci-project",
      "ci-runner",
    ]);
    expect(emulator.requests.filter((r) => WRITES.has(r.method))).to.deep.equal([]);
  });

  it("creates the keys and entries; private keys are secret outputs, encrypted in the state file", async () => {
    const before = keyIds();
    const result = await run(() => stack.up());
    expect(keyIds()).to.have.length(before.length + 2);
    const ci = resourceNamed(stack, "ci")!;
    expect(entriesOf(ci.id)).to.deep.equal(["198.51.100.0/24", "203.0.113.10/32"]);
    expect(isSecret(ci.outputs.privateKey)).to.equal(true);
    expect(isSecret(stack.outputs().ciPrivateKey)).to.equal(true);
    expect(result.summary).to.match(/ciPrivateKey\s*: \[secret\]/);
  });

  it("removes an entry deleted out of band on refresh, and up recreates it", async () => {
    const ci = resourceNamed(stack, "ci")!;
    emulator.admin.deleteEntry(emulator.orgId, ci.id, "203.0.113.10/32");
    const refreshed = await run(() => stack.refresh());
    expect(refreshed.steps.find((s) => s.name === "ci-runner")?.op).to.equal("delete");
    expect(resourceNamed(stack, "ci-runner")).to.equal(undefined);
    const up = await run(() => stack.up());
    expect(up.steps.find((s) => s.name === "ci-runner")?.op).to.equal("create");
    expect(entriesOf(ci.id)).to.include("203.0.113.10/32");
  });

  it("rotates a key by creating the new key before deleting the old, and moves its entries", async () => {
    const old = resourceNamed(stack, "automation")!;
    clearLog();
    stack.setConfig("rotation", "2026-12");
    await run(() => stack.up());
    const rotated = resourceNamed(stack, "automation")!;
    expect(rotated.id).to.not.equal(old.id);
    expect(keyIds()).to.not.include(old.id);
    expect(entriesOf(rotated.id)).to.deep.equal(["192.0.2.15/32"]);
    const log = emulator.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`);
    const created = log.findIndex((l) => /^POST .*\/apiKeys$/.test(l));
    const deleted = log.indexOf(`DELETE /api/public/v1.0/orgs/${emulator.orgId}/apiKeys/${old.id}`);
    expect(created).to.be.greaterThanOrEqual(0);
    expect(deleted).to.be.greaterThan(created);
  });

  it("destroys entries and the project assignment before keys and leaves only the bootstrap key", async () => {
    const ciId = resourceNamed(stack, "ci")!.id;
    clearLog();
    await run(() => stack.destroy());
    // Deletes run in parallel: whichever comes first also gets the digest challenge (401).
    const deletes = emulator.requests
      .filter((r) => r.method === "DELETE" && r.status !== 401)
      .map((r) => r.path);
    const isKey = (p: string): boolean => /\/orgs\/[0-9a-f]{24}\/apiKeys\/[0-9a-f]{24}$/.test(p);
    const ciKey = deletes.findIndex((p) => isKey(p) && p.endsWith(ciId));
    const ciEntries = deletes
      .map((p, i) => (!isKey(p) && p.includes(`/apiKeys/${ciId}/`) ? i : -1))
      .filter((i) => i >= 0);
    expect(ciKey).to.be.greaterThan(-1);
    expect(ciEntries).to.have.length(2);
    expect(Math.max(...ciEntries)).to.be.lessThan(ciKey);
    const unassigned = deletes.findIndex((p) => p.includes("/groups/") && p.endsWith(ciId));
    expect(unassigned).to.be.greaterThan(-1).and.lessThan(ciKey);
    expect(emulator.admin.listKeys(emulator.orgId).map((k) => k.publicKey)).to.deep.equal([
      emulator.publicKey,
    ]);
  });

  it("never writes a private key in plain text into the state file, summaries or logs", () => {
    harvestPrivateKeys();
    const secrets = [...privateKeys, emulator.privateKey];
    expect(secrets).to.have.length(4); // ci, automation, its rotation, the managing key
    expect(stateTexts.join("\n")).to.include('"ciphertext"');
    const texts = [
      ...stateTexts,
      fs.readFileSync(stack.configFile, "utf8"),
      ...results.map((r) =>
        [r.summary, r.hostOutput, ...r.diagnostics.map((d) => d.message), ...r.errors].join("\n"),
      ),
    ];
    for (const secret of secrets)
      for (const text of texts) expect(text.includes(secret)).to.equal(false);
  });
});
