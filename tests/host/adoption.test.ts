/**
 * Tier 3: adopting an existing key via `existingApiKeyId`: description and roles are
 * set to the declared ones, `privateKey` is null, a warning says so, a replacement that adopts
 * the same key keeps it, and destroy (a new provider process, as `pulumi destroy` runs) deletes it.
 */
import { expect } from "chai";
import { startHost, installedPackage } from "../../engine-harness/host";
import {
  createKey,
  keyUrn,
  openScenario,
  stackConfig,
  type Scenario,
  type Stored,
} from "./support/suite";

describe("host: OrgApiKey adoption via existingApiKeyId", function () {
  this.timeout(60000);
  let s: Scenario;
  let existing: Stored;
  let adopted: Stored;

  before(async () => {
    s = await openScenario();
    existing = await createKey(s, "made-elsewhere", {
      description: "made by hand",
      roles: ["ORG_READ_ONLY"],
    });
  });
  after(async () => void (await s?.close()));

  it("adopts the key, applies declared description and roles, and returns a null privateKey", async () => {
    adopted = await createKey(s, "adopted", {
      description: "now managed",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: existing.id,
    });
    expect(adopted.id).to.equal(existing.id);
    expect(adopted.outputs).to.include({
      apiKeyId: existing.id,
      privateKey: null,
      description: "now managed",
    });
    expect(adopted.outputs.publicKey).to.equal(existing.outputs.publicKey);
    const live = s.emulator.admin.listKeys(s.emulator.orgId).find((k) => k.id === existing.id);
    expect(live).to.include({ desc: "now managed" });
    expect(live?.roles).to.deep.equal(["ORG_MEMBER"]);
    expect(s.emulator.admin.listKeys(s.emulator.orgId)).to.have.length(
      2,
      "bootstrap key + the adopted one, nothing new",
    );
  });

  it("warns on the host's output that the private key cannot be recovered", async () => {
    const warned = await s.host.waitForOutput((o) => /private ?key/i.test(o.stderr), 5000);
    const { stdout, stderr } = s.host.output();
    expect(warned, `host output:\n${stdout}\n${stderr}`).to.equal(true);
  });

  it("keeps privateKey null on read", async () => {
    const res = await s.host.read(adopted.id, keyUrn("adopted"), adopted.outputs, adopted.inputs);
    expect(res.properties).to.include({ privateKey: null, apiKeyId: existing.id });
  });

  it("keeps the key when a replacement in the same deployment adopts it again (up --replace)", async () => {
    const replacement = await createKey(s, "adopted", {
      description: "now managed",
      roles: ["ORG_MEMBER"],
      existingApiKeyId: existing.id,
    });
    expect(replacement.id).to.equal(adopted.id);
    await s.host.delete(adopted.id, keyUrn("adopted"), adopted.outputs); // the old resource goes
    expect(s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id)).to.include(existing.id);
    adopted = replacement;
  });

  it("deletes the adopted key on destroy", async () => {
    const { programDir } = await installedPackage();
    const destroyHost = await startHost(programDir, {});
    try {
      await destroyHost.configure(stackConfig(s.emulator), ["opsmanager:privateKey"]);
      await destroyHost.delete(adopted.id, keyUrn("adopted"), adopted.outputs);
    } finally {
      await destroyHost.stop();
    }
    expect(s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id)).to.not.include(
      existing.id,
    );
  });
});
