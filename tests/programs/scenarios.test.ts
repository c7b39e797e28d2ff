/**
 * The Ops Manager scenarios that depend on the engine's rules, end to end through the engine
 * harness (docs/PULUMI-ENGINE.md): a replacement interrupted after its create, a rotation whose
 * description update fails, destroy after the managing credentials were rotated, and an entry
 * move whose new address Ops Manager rejects.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import { packAndInstall, REPO_ROOT } from "../../engine-harness/host";
import { openStack, type OperationResult, type Stack } from "../../engine-harness/stack";
import { createClient } from "../../provider/client";

const PROJECT = "opsmanager-scenarios";
const KEY_URN = `urn:pulumi:dev::${PROJECT}::pulumi-nodejs:dynamic/opsmanager:OrgApiKey::key`;
const PROGRAM = "scenario-program.js";

/** A stack of the scenario program against `emulator`, in a program dir with the packed package. */
async function scenarioStack(
  emulator: Emulator,
  config: Record<string, string> = {},
): Promise<{ stack: Stack; cleanup: () => void }> {
  const { programDir } = await packAndInstall();
  fs.copyFileSync(
    path.join(REPO_ROOT, "dist", "tests", "programs", "fixtures", PROGRAM),
    path.join(programDir, PROGRAM),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-scenario-"));
  const stack = openStack({
    programDir,
    program: PROGRAM,
    project: PROJECT,
    stateFile: path.join(dir, "state.json"),
    config: {
      orgId: emulator.orgId,
      "opsmanager:baseUrl": emulator.baseUrl,
      "opsmanager:publicKey": emulator.publicKey,
      "opsmanager:privateKey": { secret: emulator.privateKey },
      "opsmanager:retryMaxAttempts": "2",
      ...config,
    },
  });
  return { stack, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function expectOk(result: OperationResult): OperationResult {
  expect(result.ok, `${result.summary}\n${result.errors.join("\n")}`).to.equal(true);
  return result;
}

const keyIds = (emulator: Emulator): string[] =>
  emulator.admin.listKeys(emulator.orgId).map((k) => k.id);

/** Fails every PATCH (all attempts), as a server that cannot update keys. */
const failPatches = (emulator: Emulator): void =>
  emulator.configure({ faults: { seed: 5, serverError: 1, methods: ["PATCH"] } });
const healthy = (emulator: Emulator): void => emulator.configure({ faults: { seed: 5 } });

describe("engine harness: Ops Manager scenarios that depend on the engine's rules", function () {
  this.timeout(240000);
  let emulator: Emulator;
  let cleanups: Array<() => void> = [];
  beforeEach(async () => {
    emulator = await startEmulator({ seed: 31 });
  });
  afterEach(async () => {
    for (const c of cleanups) c();
    cleanups = [];
    await emulator.close();
  });
  const open = async (config?: Record<string, string>): Promise<Stack> => {
    const { stack, cleanup } = await scenarioStack(emulator, config);
    cleanups.push(cleanup);
    return stack;
  };

  it("keeps an adopted key when `up --replace` of it is interrupted after the create and `up` runs again", async () => {
    const bootstrap = createClient({ ...emulator, accessListPath: "auto", warn: () => undefined });
    const existing = await bootstrap.createApiKey(emulator.orgId, {
      desc: "made by hand",
      roles: ["ORG_READ_ONLY"],
    });
    const stack = await open({ existingApiKeyId: existing.id, description: "adopted" });
    expectOk(await stack.up({ skipPreview: true }));
    // The replacement adopts the same key again; its description update fails, so the create
    // fails partially and the old half stays in state pending deletion.
    stack.setConfig("description", "adopted, renamed");
    failPatches(emulator);
    const interrupted = await stack.up({ replace: [KEY_URN], skipPreview: true });
    expect(interrupted.ok).to.equal(false);
    healthy(emulator);
    const pending = stack.snapshot().resources.filter((r) => r.urn === KEY_URN);
    expect(
      pending.some((r) => r.delete === true),
      "the old half is pending deletion",
    ).to.equal(true);
    expectOk(await stack.up({ skipPreview: true }));
    expect(keyIds(emulator)).to.include(existing.id);
    const live = emulator.admin.listKeys(emulator.orgId).find((k) => k.id === existing.id);
    expect(live?.desc).to.equal("adopted, renamed");
    expect(stack.snapshot().resources.filter((r) => r.urn === KEY_URN)).to.have.length(1);
  });

  it("completes a rotation whose description update failed: the next up deletes the old key", async () => {
    const stack = await open({ rotation: "1", description: "rotating" });
    expectOk(await stack.up({ skipPreview: true }));
    const old = String(stack.outputs().keyId);
    stack.setConfig("rotation", "2");
    failPatches(emulator);
    expect((await stack.up({ skipPreview: true })).ok).to.equal(false);
    healthy(emulator);
    expectOk(await stack.up({ skipPreview: true }));
    const fresh = String(stack.outputs().keyId);
    expect(fresh).to.not.equal(old);
    expect(keyIds(emulator)).to.not.include(old);
    const live = emulator.admin.listKeys(emulator.orgId).find((k) => k.id === fresh);
    expect(live?.desc).to.equal("rotating");
    const state = stack.snapshot().resources.filter((r) => r.urn === KEY_URN);
    expect(state).to.have.length(1);
    expect(state[0]?.outputs.privateKey, "the new key's private key is kept").to.not.equal(null);
  });

  it("fails destroy after the managing credentials were rotated, saying why, and destroys after one up", async () => {
    const stack = await open();
    expectOk(await stack.up({ skipPreview: true }));
    // Rotate the managing key: a new owner key in the config, the old one deleted.
    const bootstrap = createClient({ ...emulator, accessListPath: "auto", warn: () => undefined });
    const next = await bootstrap.createApiKey(emulator.orgId, {
      desc: "managing key, rotated",
      roles: ["ORG_OWNER"],
    });
    const previous = emulator.admin
      .listKeys(emulator.orgId)
      .find((k) => k.publicKey === emulator.publicKey);
    emulator.admin.deleteKey(emulator.orgId, previous!.id);
    stack.setConfig("opsmanager:publicKey", next.publicKey);
    stack.setConfig("opsmanager:privateKey", { secret: next.privateKey });
    const refused = await stack.destroy();
    expect(refused.ok).to.equal(false);
    const message = refused.errors.join("\n");
    expect(message).to.match(/credentials \(401/);
    expect(message).to.match(/`pulumi destroy` use the configuration recorded/);
    expect(message).to.match(/run `pulumi up` once/);
    expectOk(await stack.up({ skipPreview: true }));
    expectOk(await stack.destroy());
    expect(emulator.admin.listKeys(emulator.orgId).map((k) => k.id)).to.deep.equal([next.id]);
  });

  it("keeps the old entry when Ops Manager rejects the new address of a move", async () => {
    emulator.configure({ ipv6: false });
    const stack = await open({ entryAddress: "203.0.113.7" });
    expectOk(await stack.up({ skipPreview: true }));
    const keyId = String(stack.outputs().keyId);
    stack.setConfig("entryAddress", "2001:db8::7");
    const moved = await stack.up({ skipPreview: true });
    expect(moved.ok).to.equal(false);
    expect(moved.errors.join("\n")).to.match(/IPV6_UNSUPPORTED/);
    const entries = emulator.admin.listEntries(emulator.orgId, keyId).map((e) => e.cidrBlock);
    expect(entries, "the key is never left with an empty access list").to.deep.equal([
      "203.0.113.7/32",
    ]);
    // The next preview still plans the move as a replacement of the entry that is there.
    const next = await stack.preview();
    const step = next.steps.find((s) => s.name === "entry" && !s.replacement);
    expect(step?.op).to.equal("replace");
  });
});
