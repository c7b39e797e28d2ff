/**
 * Tier 3: ApiKeyWhitelistEntry through the real host, on both path flavours
 * (OM 4.2/4.4 `whitelist` only, reached by `accessListPath: auto`; and `accessList` only).
 */
import { expect } from "chai";
import type { AccessListMode } from "../../emulator";
import { UNKNOWN } from "../../engine-harness/host";
import {
  checkAndDiff,
  createEntry,
  createKey,
  openScenario,
  type Scenario,
  type Stored,
} from "./support/suite";

const FLAVOURS: ReadonlyArray<{ mode: AccessListMode; segment: string }> = [
  { mode: "whitelist-only", segment: "whitelist" },
  { mode: "accessList-only", segment: "accessList" },
];

for (const { mode, segment } of FLAVOURS) {
  describe(`host: ApiKeyWhitelistEntry (${mode}, accessListPath auto)`, function () {
    this.timeout(60000);
    let s: Scenario;
    let key: Stored;
    let single: Stored;
    let network: Stored;
    const listed = () =>
      s.emulator.admin
        .listEntries(s.emulator.orgId, key.id)
        .map((e) => e.cidrBlock)
        .sort();

    before(async () => {
      s = await openScenario({
        emulator: { accessListMode: mode },
        config: { "opsmanager:accessListPath": "auto" },
        env: { OPSMANAGER_LIST_CACHE_TTL_MS: "0" }, // reads after out-of-band edits in one host
      });
      key = await createKey(s, "entries");
    });
    after(async () => void (await s?.close()));

    it(`creates a single-address entry through the ${segment} routes`, async () => {
      s.emulator.clearLog();
      single = await createEntry(s, "single", key, { ipAddress: "1.2.3.4" });
      expect(single.id).to.equal(`${key.id}/1.2.3.4/32`);
      expect(single.outputs).to.include({
        orgId: s.emulator.orgId,
        apiKeyId: key.id,
        cidrBlock: "1.2.3.4/32",
        ipAddress: "1.2.3.4",
        __provider: s.providers.ApiKeyWhitelistEntry,
      });
      for (const field of ["created", "count", "lastUsed", "lastUsedAddress"])
        expect(single.outputs).to.have.property(field);
      expect(listed()).to.deep.equal(["1.2.3.4/32"]);
      const ok = s.emulator.requests.filter((r) => r.status < 300).map((r) => r.path);
      expect(ok.some((p) => p.includes(`/${segment}`))).to.equal(true);
    });

    it("creates a network entry and an IPv6 entry", async () => {
      network = await createEntry(s, "network", key, { cidrBlock: "10.1.0.0/16" });
      expect(network.outputs).to.include({ cidrBlock: "10.1.0.0/16", ipAddress: null });
      const v6 = await createEntry(s, "v6", key, { ipAddress: "2001:DB8::1" });
      expect(v6.outputs).to.include({ cidrBlock: "2001:db8::1/128" });
      expect(listed()).to.deep.equal(["1.2.3.4/32", "10.1.0.0/16", "2001:db8::1/128"]);
    });

    it("reads an entry back with complete outputs", async () => {
      const res = await s.host.read(network.id, network.urn, network.outputs, network.inputs);
      expect(res.id).to.equal(network.id);
      expect(res.properties).to.include({
        cidrBlock: "10.1.0.0/16",
        apiKeyId: key.id,
        __provider: s.providers.ApiKeyWhitelistEntry,
      });
    });

    it("sees no difference between 1.2.3.4 and 1.2.3.4/32", async () => {
      const { diff } = await checkAndDiff(s, single, s.providers.ApiKeyWhitelistEntry, {
        orgId: s.emulator.orgId,
        apiKeyId: key.id,
        cidrBlock: "1.2.3.4/32",
      });
      expect(diff.changes).to.equal("DIFF_NONE");
    });

    it("replaces a changed address new entry first: the class forces no deleteBeforeReplace", async () => {
      const { diff } = await checkAndDiff(s, single, s.providers.ApiKeyWhitelistEntry, {
        orgId: s.emulator.orgId,
        apiKeyId: key.id,
        ipAddress: "1.2.3.5",
      });
      expect(diff.changes).to.equal("DIFF_SOME");
      expect(diff.replaces).to.deep.equal(["ipAddress"]);
      expect(diff.deleteBeforeReplace).to.equal(false);
      // The option is the user's to set; the class does not force it.
      const option = s.providers.registrations.ApiKeyWhitelistEntry;
      expect(option.deleteBeforeReplaceDefined && option.deleteBeforeReplace).to.equal(false);
    });

    it("stays create-first when the replacement may reuse the same address (the ownership record keeps it)", async () => {
      const { diff } = await checkAndDiff(s, single, s.providers.ApiKeyWhitelistEntry, {
        orgId: s.emulator.orgId,
        apiKeyId: UNKNOWN,
        ipAddress: "1.2.3.4",
      });
      expect(diff.changes).to.equal("DIFF_SOME");
      expect(diff.replaces).to.deep.equal(["apiKeyId"]);
      expect(diff.deleteBeforeReplace).to.equal(false);
    });

    it("reports an entry removed out of band as gone", async () => {
      s.emulator.admin.deleteEntry(s.emulator.orgId, key.id, "10.1.0.0/16");
      const res = await s.host.read(network.id, network.urn, network.outputs, network.inputs);
      expect(res.id).to.equal("");
    });

    it("deletes an entry, and deleting it again succeeds", async () => {
      await s.host.delete(single.id, single.urn, single.outputs);
      expect(listed()).to.not.include("1.2.3.4/32");
      await s.host.delete(single.id, single.urn, single.outputs);
      await s.host.delete(network.id, network.urn, network.outputs);
    });

    it("treats deleting an entry whose key is gone as success", async () => {
      const doomed = await createKey(s, "doomed");
      const entry = await createEntry(s, "orphan", doomed, { cidrBlock: "192.168.0.0/24" });
      s.emulator.admin.deleteKey(s.emulator.orgId, doomed.id);
      await s.host.delete(entry.id, entry.urn, entry.outputs);
      const read = await s.host.read(entry.id, entry.urn, entry.outputs, entry.inputs);
      expect(read.id).to.equal("");
    });
  });
}
