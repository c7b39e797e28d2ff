import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../../emulator/index";
import type { Emulator } from "../../emulator/types";
import { openStack, type OperationResult, type Stack } from "../../engine-harness";
import { installedPackage } from "../../engine-harness/host";
import { ORG_API_KEY_0_1_0, WHITELIST_ENTRY_0_1_0 } from "./fixtures/provider-text-0.1.0";
import { scratchDir } from "./provider-texts";

/** One key with two entries; config `orgId`. */
const PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const om = require("pulumi-opsmanager-apikeys");
const orgId = new pulumi.Config().require("orgId");
const key = new om.OrgApiKey("key", { orgId, description: "upgrade", roles: ["ORG_MEMBER"] });
for (const ip of ["192.0.2.1", "192.0.2.2"]) {
  new om.ApiKeyWhitelistEntry("entry-" + ip, { orgId, apiKeyId: key.apiKeyId, ipAddress: ip });
}
module.exports = { apiKeyId: key.apiKeyId };
`;

const OLD_TEXTS: Record<string, string> = {
  OrgApiKey: ORG_API_KEY_0_1_0,
  ApiKeyWhitelistEntry: WHITELIST_ENTRY_0_1_0,
};

interface RawResource {
  type: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}
interface RawState {
  checkpoint: { latest: { resources: RawResource[] } };
}

/** Writes the provider texts 0.1.0 stored into the state file (inputs and outputs). */
function downgradeProviderTexts(stateFile: string): number {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8")) as RawState;
  let rewritten = 0;
  for (const r of state.checkpoint.latest.resources) {
    const old = OLD_TEXTS[r.type.split(":").pop()!];
    if (!old) continue;
    r.inputs.__provider = old;
    r.outputs.__provider = old;
    rewritten++;
  }
  fs.writeFileSync(stateFile, JSON.stringify(state, null, 2));
  return rewritten;
}

/** Steps of the provider's resources (the stack's own component step left out). */
function opsOf(result: OperationResult): string[] {
  return result.steps
    .filter((s) => s.type.startsWith("pulumi-nodejs:dynamic/"))
    .map((s) => `${s.op} ${s.name}`)
    .sort();
}

describe("upgrade from the 0.1.0 provider text", function () {
  this.timeout(180000);
  let emulator: Emulator;
  let scratch: ReturnType<typeof scratchDir>;
  let stack: Stack;
  before(async () => {
    emulator = await startEmulator({ seed: 29 });
    scratch = scratchDir("om-upgrade-");
    const { programDir } = await installedPackage();
    const program = `upgrade-program-${process.pid}.js`;
    fs.writeFileSync(path.join(programDir, program), PROGRAM);
    stack = openStack({
      programDir,
      program,
      stateFile: path.join(scratch.dir, "state.json"),
      config: {
        orgId: emulator.orgId,
        "opsmanager:baseUrl": emulator.baseUrl,
        "opsmanager:publicKey": emulator.publicKey,
        "opsmanager:privateKey": { secret: emulator.privateKey },
      },
    });
    const created = await stack.up();
    expect(created.errors).to.deep.equal([]);
    expect(downgradeProviderTexts(stack.stateFile)).to.equal(3);
  });
  after(async () => {
    scratch?.remove();
    await emulator?.close();
  });

  it("previews no update and no replacement: the provider's diff ignores __provider", async () => {
    const plan = await stack.preview();
    expect(plan.errors).to.deep.equal([]);
    expect(opsOf(plan)).to.deep.equal(["same entry-192.0.2.1", "same entry-192.0.2.2", "same key"]);
    // The engine asked the provider: the old and new texts differ as inputs.
    expect(plan.calls.filter((c) => c.method === "Diff")).to.have.length(3);
  });

  it("then updates nothing, and destroy deletes through the stored texts", async () => {
    const up = await stack.up();
    expect(up.errors).to.deep.equal([]);
    expect(up.steps.filter((s) => s.op !== "same")).to.deep.equal([]);
    const keyState = stack.snapshot().resources.find((r) => r.type.endsWith(":OrgApiKey"))!;
    expect(keyState.inputs.__provider).to.not.equal(ORG_API_KEY_0_1_0);
    expect(Buffer.byteLength(String(keyState.inputs.__provider))).to.be.at.most(1024);

    const keyId = keyState.id;
    const destroyed = await stack.destroy();
    expect(destroyed.errors).to.deep.equal([]);
    expect(emulator.admin.listKeys(emulator.orgId).map((k) => k.id)).to.not.include(keyId);
  });
});
