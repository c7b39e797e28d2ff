/**
 * Tier 3: the safety rules through the real dynamic-provider host, each step in the order the
 * engine runs it (docs/PULUMI-ENGINE.md): create-before-delete entry replacements, ignoreChanges
 * in the live drift check, ownership inside one deployment (one host process), and the managing
 * key guard.
 */
import { expect } from "chai";
import { installedPackage, startHost } from "../../engine-harness/host";
import {
  checkAndDiff,
  createEntry,
  createKey,
  keyUrn,
  openScenario,
  type Scenario,
  stackConfig,
  type Stored,
} from "./support/suite";

describe("host safety: an entry replacement whose create fails keeps the old entry", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;
  let entry: Stored;
  before(async () => {
    s = await openScenario({ emulator: { ipv6: false } });
    key = await createKey(s, "mover");
    entry = await createEntry(s, "only", key, { ipAddress: "203.0.113.7" });
  });
  after(async () => void (await s?.close()));

  it("plans the move create-first, and a rejected new address leaves the key's access list as it was", async () => {
    const { checked, diff } = await checkAndDiff(s, entry, s.providers.ApiKeyWhitelistEntry, {
      orgId: s.emulator.orgId,
      apiKeyId: key.id,
      ipAddress: "2001:db8::7",
    });
    expect(diff.replaces).to.deep.equal(["ipAddress"]);
    expect(diff.deleteBeforeReplace).to.equal(false);
    // The engine creates the replacement first; Ops Manager refuses IPv6 here.
    let failure: unknown;
    try {
      await s.host.create(entry.urn, checked);
    } catch (e) {
      failure = e;
    }
    expect(String(failure)).to.match(/IPV6|IPv6/);
    // The old entry is never deleted after a failed create: the key is not open to every address.
    expect(
      s.emulator.admin.listEntries(s.emulator.orgId, key.id).map((e) => e.cidrBlock),
    ).to.deep.equal(["203.0.113.7/32"]);
  });

  it("keeps an entry when a replacement lands on the same key and address (pulumi up --replace)", async () => {
    // `--replace` skips Diff: Check, Create of the new half, then Delete of the old half.
    const checked = await s.host.check(entry.urn, entry.inputs, entry.inputs);
    const replacement = await s.host.create(entry.urn, checked.inputs);
    expect(replacement.id).to.equal(entry.id);
    await s.host.delete(entry.id, entry.urn, entry.outputs);
    expect(
      s.emulator.admin.listEntries(s.emulator.orgId, key.id).map((e) => e.cidrBlock),
    ).to.deep.equal(["203.0.113.7/32"]);
  });
});

describe("host safety: the live drift check honours ignoreChanges", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;
  before(async () => {
    // Out-of-band edits between the steps below: no list reuse within this one host process.
    s = await openScenario({ env: { OPSMANAGER_LIST_CACHE_TTL_MS: "0" } });
    key = await createKey(s, "ignored", {
      description: "declared",
      roles: ["ORG_MEMBER"],
      __ignoreChanges: ["description", "roles"],
    });
  });
  after(async () => void (await s?.close()));

  it("plans no update for ignored properties changed in Ops Manager", async () => {
    s.emulator.admin.setKeyDescription(s.emulator.orgId, key.id, "renamed by the security team");
    s.emulator.admin.setKeyRoles(s.emulator.orgId, key.id, ["ORG_READ_ONLY"]);
    // The engine replaces ignored properties with their old inputs before Check and Diff.
    const { diff } = await checkAndDiff(s, key, s.providers.OrgApiKey, key.inputs);
    expect(diff.changes).to.equal("DIFF_NONE");
    expect(diff.replaces).to.deep.equal([]);
  });

  it("still compares a property the option does not name", async () => {
    const { diff } = await checkAndDiff(s, key, s.providers.OrgApiKey, {
      ...key.inputs,
      __ignoreChanges: ["description"],
    });
    expect(diff.changes).to.equal("DIFF_SOME");
    expect(diff.replaces).to.deep.equal([]);
  });

  it("plans no update and no replacement when only the option changes", async () => {
    s.emulator.admin.setKeyRoles(s.emulator.orgId, key.id, ["ORG_MEMBER"]);
    s.emulator.admin.setKeyDescription(s.emulator.orgId, key.id, "declared");
    const { diff } = await checkAndDiff(s, key, s.providers.OrgApiKey, {
      ...key.inputs,
      __ignoreChanges: ["roles"],
    });
    expect(diff.changes).to.equal("DIFF_NONE");
    expect(diff.replaces).to.deep.equal([]);
  });
});

describe("host safety: ownership inside one deployment", function () {
  this.timeout(60000);
  let s: Scenario;
  after(async () => void (await s?.close()));

  it("never lets a removed resource delete the key another resource adopted in the same up", async () => {
    s = await openScenario();
    const a = await createKey(s, "a");
    // One `pulumi up`: B is new and adopts A's key; A is removed from the program, so the
    // engine deletes A after B's create, in the same provider process.
    const b = await createKey(s, "b", { existingApiKeyId: a.id });
    expect(b.id).to.equal(a.id);
    await s.host.delete(a.id, keyUrn("a"), a.outputs);
    const ids = s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id);
    expect(ids).to.include(a.id);
    const warned = await s.host.waitForOutput(
      (o) => /another resource of this deployment/.test(o.stderr),
      5000,
    );
    expect(warned).to.equal(true);
  });

  it("refuses a rotationTrigger change on an adopted key in Check", async () => {
    const a = await createKey(s, "adoptee");
    const b = await createKey(s, "adopter", { existingApiKeyId: a.id, rotationTrigger: "1" });
    const checked = await s.host.check(b.urn, b.inputs, { ...b.inputs, rotationTrigger: "2" });
    expect(checked.failures.map((f) => f.property)).to.deep.equal(["rotationTrigger"]);
    expect(checked.failures[0]?.reason).to.match(
      /cannot rotate an adopted key.*remove existingApiKeyId/,
    );
  });
});

describe("host safety: the managing key", function () {
  this.timeout(60000);
  let s: Scenario;
  let managing: Stored;
  before(async () => {
    s = await openScenario();
    const bootstrap = s.emulator.admin
      .listKeys(s.emulator.orgId)
      .find((k) => k.publicKey === s.emulator.publicKey);
    expect(bootstrap, "the emulator's bootstrap key").to.not.equal(undefined);
    managing = await createKey(s, "managing", {
      description: "the key pulumi uses",
      roles: ["ORG_OWNER"],
      existingApiKeyId: bootstrap?.id,
    });
  });
  after(async () => void (await s?.close()));

  it("warns when the managing key is adopted", async () => {
    const warned = await s.host.waitForOutput(
      (o) => o.stderr.includes(`is the managing key`) && o.stderr.includes(s.emulator.publicKey),
      5000,
    );
    expect(warned).to.equal(true);
  });

  it("refuses to replace it away, naming its public key and the ways out", async () => {
    const { existingApiKeyId: _adopted, ...rotated } = managing.inputs;
    const checked = await s.host.check(managing.urn, managing.inputs, rotated);
    let failure: unknown;
    try {
      await s.host.diff(managing.id, managing.urn, managing.outputs, checked.inputs, {
        oldInputs: managing.inputs,
      });
    } catch (e) {
      failure = e;
    }
    expect(String(failure)).to.include(s.emulator.publicKey);
    expect(String(failure)).to.match(/managing key.*pulumi state delete/s);
  });

  it("refuses to delete it (pulumi destroy, a new host process), and the key still works", async () => {
    const { programDir } = await installedPackage();
    const destroyHost = await startHost(programDir, {});
    let failure: unknown;
    try {
      await destroyHost.configure(stackConfig(s.emulator), ["opsmanager:privateKey"]);
      await destroyHost.delete(managing.id, keyUrn("managing"), managing.outputs);
    } catch (e) {
      failure = e;
    } finally {
      await destroyHost.stop();
    }
    expect(String(failure)).to.match(/refused: it is the managing key/);
    expect(String(failure)).to.include(s.emulator.publicKey);
    expect(s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id)).to.include(managing.id);
  });
});

describe("host safety: a 404 that is not Ops Manager's is never 'gone'", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;
  before(async () => {
    s = await openScenario({ emulator: { htmlNotFound: true } });
    key = await createKey(s, "behind-a-proxy");
  });
  after(async () => void (await s?.close()));

  it("fails refresh and destroy through a wrong base path, naming the URL and opsmanager:baseUrl", async () => {
    const { programDir } = await installedPackage();
    const wrongHost = await startHost(programDir, {});
    const failures: string[] = [];
    try {
      await wrongHost.configure(
        {
          ...stackConfig(s.emulator),
          "opsmanager:baseUrl": `${s.emulator.baseUrl}/not-ops-manager`,
        },
        ["opsmanager:privateKey"],
      );
      for (const run of [
        () => wrongHost.read(key.id, key.urn, key.outputs, key.inputs),
        () => wrongHost.delete(key.id, key.urn, key.outputs),
      ]) {
        try {
          await run();
          failures.push("no failure");
        } catch (e) {
          failures.push(String(e));
        }
      }
    } finally {
      await wrongHost.stop();
    }
    expect(failures).to.have.length(2);
    for (const failure of failures) {
      expect(failure).to.include("/not-ops-manager/api/public/v1.0");
      expect(failure).to.match(/opsmanager:baseUrl/);
    }
    expect(s.emulator.admin.listKeys(s.emulator.orgId).map((k) => k.id)).to.include(key.id);
  });
});
