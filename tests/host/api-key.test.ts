/**
 * Tier 3: OrgApiKey through the real host against the emulator, in lifecycle order
 * create → read → drift → diff → update → rotate → delete (docs/PULUMI-ENGINE.md).
 */
import { expect } from "chai";
import {
  checkAndDiff,
  createKey,
  keyUrn,
  openScenario,
  requestLines,
  type Scenario,
  type Stored,
} from "./support/suite";

const HEX24 = /^[0-9a-f]{24}$/;

describe("host: OrgApiKey lifecycle", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;

  before(async () => {
    // Offline diff and read-after-edit in one host: driftCheck state, no list reuse.
    s = await openScenario({
      config: { "opsmanager:driftCheck": "state" },
      env: { OPSMANAGER_LIST_CACHE_TTL_MS: "0" },
    });
  });
  after(async () => void (await s?.close()));

  const news = (over: Record<string, unknown> = {}) => ({
    orgId: s.emulator.orgId,
    description: key.inputs.description,
    roles: ["ORG_MEMBER"],
    ...over,
  });

  it("creates a key with one POST and returns complete outputs with the full private key", async () => {
    s.emulator.clearLog();
    key = await createKey(s, "main", { description: "ci pipeline", roles: ["org_member"] });
    expect(key.id).to.match(HEX24);
    const o = key.outputs;
    expect(o).to.include({
      apiKeyId: key.id,
      orgId: s.emulator.orgId,
      description: "ci pipeline",
      __provider: s.providers.OrgApiKey,
    });
    expect(o.roles).to.deep.equal(["ORG_MEMBER"]);
    expect(o.privateKey).to.be.a("string").and.not.include("*");
    expect(o.publicKey).to.be.a("string").and.have.length.greaterThan(0);
    expect(o).to.have.property("rotationTrigger");
    const posts = s.emulator.requests.filter((r) => r.method === "POST" && r.status < 300);
    expect(posts).to.have.length(1);
    expect(s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id)).to.include(key.id);
  });

  it("reads the key back, carrying the private key forward and returning inputs", async () => {
    const res = await s.host.read(key.id, key.urn, key.outputs, key.inputs);
    expect(res.id).to.equal(key.id);
    expect(res.properties).to.deep.equal(key.outputs);
    expect(res.inputs).to.include({
      orgId: s.emulator.orgId,
      description: "ci pipeline",
      __provider: s.providers.OrgApiKey,
    });
    expect(res.inputs?.roles).to.deep.equal(["ORG_MEMBER"]);
  });

  it("shows a description changed out of band on read, in outputs and inputs", async () => {
    s.emulator.admin.setKeyDescription(s.emulator.orgId, key.id, "edited in the UI");
    const res = await s.host.read(key.id, key.urn, key.outputs, key.inputs);
    expect(res.properties).to.include({
      description: "edited in the UI",
      privateKey: key.outputs.privateKey,
    });
    expect(res.inputs).to.include({ description: "edited in the UI" });
    key = { ...key, outputs: res.properties, inputs: res.inputs! };
  });

  it("finds no difference for roles that differ only in order and case", async () => {
    s.emulator.admin.setKeyRoles(s.emulator.orgId, key.id, ["ORG_MEMBER", "ORG_READ_ONLY"]);
    const read = await s.host.read(key.id, key.urn, key.outputs, key.inputs);
    key = { ...key, outputs: read.properties, inputs: read.inputs! };
    s.emulator.clearLog();
    const { diff } = await checkAndDiff(
      s,
      key,
      s.providers.OrgApiKey,
      news({ roles: ["org_read_only", "ORG_MEMBER"] }),
    );
    expect(diff.changes).to.equal("DIFF_NONE");
    expect(s.emulator.requests, "diff is offline").to.deep.equal([]);
  });

  it("replaces on a new rotationTrigger or orgId, and updates in place on description", async () => {
    const base = { roles: ["ORG_MEMBER", "ORG_READ_ONLY"] };
    const rotate = await checkAndDiff(
      s,
      key,
      s.providers.OrgApiKey,
      news({ ...base, rotationTrigger: "2025-q3" }),
    );
    expect(rotate.diff.changes).to.equal("DIFF_SOME");
    expect(rotate.diff.replaces).to.deep.equal(["rotationTrigger"]);
    const org = await checkAndDiff(
      s,
      key,
      s.providers.OrgApiKey,
      news({ ...base, orgId: "0123456789abcdef01234567" }),
    );
    expect(org.diff.replaces).to.include("orgId");
    const desc = await checkAndDiff(
      s,
      key,
      s.providers.OrgApiKey,
      news({ ...base, description: "renamed" }),
    );
    expect(desc.diff).to.include({ changes: "DIFF_SOME" });
    expect(desc.diff.replaces).to.deep.equal([]);
  });

  it("updates only the description with one PATCH and keeps the private key", async () => {
    const { checked } = await checkAndDiff(
      s,
      key,
      s.providers.OrgApiKey,
      news({ roles: ["ORG_MEMBER", "ORG_READ_ONLY"], description: "renamed" }),
    );
    s.emulator.clearLog();
    const res = await s.host.update(key.id, key.urn, key.outputs, checked, {
      oldInputs: key.inputs,
    });
    expect(res.properties).to.include({
      description: "renamed",
      privateKey: key.outputs.privateKey,
      apiKeyId: key.id,
    });
    const patches = s.emulator.requests.filter((r) => r.method === "PATCH" && r.status < 300);
    expect(patches).to.have.length(1);
    expect(Object.keys(JSON.parse(patches[0].requestBody ?? "{}"))).to.deep.equal(["desc"]);
    expect(s.emulator.requests.map((r) => r.method)).to.not.include("POST");
    key = { ...key, inputs: checked, outputs: res.properties };
  });

  it("updates only the roles with one PATCH", async () => {
    const { checked } = await checkAndDiff(
      s,
      key,
      s.providers.OrgApiKey,
      news({ roles: ["ORG_GROUP_CREATOR"] }),
    );
    s.emulator.clearLog();
    const res = await s.host.update(key.id, key.urn, key.outputs, checked, {
      oldInputs: key.inputs,
    });
    expect(res.properties.roles).to.deep.equal(["ORG_GROUP_CREATOR"]);
    expect(res.properties.privateKey).to.equal(key.outputs.privateKey);
    const patches = s.emulator.requests.filter((r) => r.method === "PATCH" && r.status < 300);
    expect(patches).to.have.length(1);
    expect(Object.keys(JSON.parse(patches[0].requestBody ?? "{}"))).to.deep.equal(["roles"]);
    expect(
      s.emulator.admin.listKeys(s.emulator.orgId).find((k) => k.id === key.id)?.roles,
    ).to.deep.equal(["ORG_GROUP_CREATOR"]);
    key = { ...key, inputs: checked, outputs: res.properties };
  });

  it("rotates: the engine re-checks, creates the new key first, then deletes the old one", async () => {
    const next = news({ roles: ["ORG_GROUP_CREATOR"], rotationTrigger: "2025-q4" });
    const { diff } = await checkAndDiff(s, key, s.providers.OrgApiKey, next);
    expect(diff.replaces).to.deep.equal(["rotationTrigger"]);
    expect(diff.deleteBeforeReplace).to.equal(false);
    // Replacement re-check with olds = {}, then create-before-delete (docs/PULUMI-ENGINE.md).
    const recheck = await s.host.check(key.urn, {}, { ...next, __provider: s.providers.OrgApiKey });
    expect(recheck.failures).to.deep.equal([]);
    const created = await s.host.create(key.urn, recheck.inputs);
    s.secrets.add(String(created.properties.privateKey));
    expect(created.id).to.not.equal(key.id);
    expect(created.properties.privateKey).to.not.equal(key.outputs.privateKey);
    expect(created.properties.rotationTrigger).to.equal("2025-q4");
    await s.host.delete(key.id, key.urn, key.outputs);
    const ids = s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id);
    expect(ids).to.include(created.id).and.not.include(key.id);
    key = { ...key, id: created.id, inputs: recheck.inputs, outputs: created.properties };
  });

  it("reports a key deleted out of band as gone (empty id) on read", async () => {
    s.emulator.admin.deleteKey(s.emulator.orgId, key.id);
    const res = await s.host.read(key.id, key.urn, key.outputs, key.inputs);
    expect(res.id).to.equal("");
  });

  it("treats deleting an already deleted key as success", async () => {
    await s.host.delete(key.id, key.urn, key.outputs);
    await s.host.delete(key.id, key.urn, key.outputs);
  });

  it("deletes a live key with one DELETE", async () => {
    const other = await createKey(s, "other");
    s.emulator.clearLog();
    await s.host.delete(other.id, keyUrn("other"), other.outputs);
    expect(
      requestLines(s.emulator).filter((l) => l.startsWith("DELETE")),
    ).to.have.length.greaterThan(0);
    expect(s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id)).to.not.include(other.id);
  });
});
