/**
 * Tier 3: refresh at scale from one list per key, freshness between refreshes, and a live drift
 * check that fails loudly when Ops Manager is unreachable or answers with errors.
 */
import { expect } from "chai";
import type { Host } from "../../engine-harness/host";
import { declared, freshHost, requestCounts } from "./drift-support";
import {
  checkAndDiff,
  createEntry,
  createKey,
  openScenario,
  type Scenario,
  type Stored,
} from "./support/suite";

const ENTRIES = 150;

describe("host: refresh from one list per key", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;
  const entries: Stored[] = [];
  const hosts: Host[] = [];
  const host = async (): Promise<Host> => {
    const h = await freshHost(s);
    hosts.push(h);
    return h;
  };
  /** `pulumi refresh` of the key and its entries: Read of every resource, in parallel. */
  const refresh = (h: Host) =>
    Promise.all([key, ...entries].map((r) => h.read(r.id, r.urn, r.outputs, r.inputs)));

  before(async () => {
    s = await openScenario();
    key = await createKey(s, "many");
    for (let i = 0; i < ENTRIES; i++) {
      entries.push(
        await createEntry(s, `e${i}`, key, { cidrBlock: `10.${i >> 4}.${(i & 15) << 4}.0/28` }),
      );
    }
  });
  after(async () => {
    for (const h of hosts) await h.stop();
    await s?.close();
  });

  it(`refreshes a key and ${ENTRIES} entries with one K1 and one A1 list (at most 0.1 requests per entry)`, async () => {
    const h = await host();
    s.emulator.clearLog();
    const reads = await refresh(h);
    expect(reads.filter((r) => r.id === "")).to.deep.equal([]);
    const counts = requestCounts(s.emulator);
    expect(counts).to.include({ keyLists: 1, entryLists: 1, other: 0 });
    expect(counts.total / ENTRIES).to.be.at.most(0.1);
  });

  it("sees entries deleted and a description edited between two refreshes", async () => {
    const { orgId, admin } = s.emulator;
    admin.deleteEntry(orgId, key.id, entries[7].outputs.cidrBlock as string);
    admin.deleteEntry(orgId, key.id, entries[99].outputs.cidrBlock as string);
    admin.setKeyDescription(orgId, key.id, "edited between refreshes");
    const reads = await refresh(await host());
    expect(reads[0].properties.description).to.equal("edited between refreshes");
    const gone = reads.slice(1).flatMap((r, i) => (r.id === "" ? [entries[i].id] : []));
    expect(gone).to.deep.equal([entries[7].id, entries[99].id]);
  });

  it("sees, in the same host, an entry re-added by its own write right after reading the list", async () => {
    const h = await host();
    const target = entries[7];
    expect((await h.read(target.id, target.urn, target.outputs, target.inputs)).id).to.equal("");
    await h.create(target.urn, target.inputs);
    expect((await h.read(target.id, target.urn, target.outputs, target.inputs)).id).to.equal(
      target.id,
    );
  });
});

describe("host: a live drift check that cannot reach Ops Manager fails the preview", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;
  let entry: Stored;

  before(async () => {
    s = await openScenario();
    key = await createKey(s, "lonely", { description: "ci key" });
    entry = await createEntry(s, "lonely-ip", key, { ipAddress: "198.51.100.7" });
  });
  after(async () => void (await s?.close().catch(() => undefined)));

  it("fails with the resource, what happened and the driftCheck way out when Ops Manager answers errors", async () => {
    s.emulator.configure({ faults: { seed: 1, serverError: 1 } });
    const error = await checkAndDiff(s, key, s.providers.OrgApiKey, declared(key)).then(
      () => null,
      (e: Error) => e,
    );
    s.emulator.configure({ faults: { seed: 1 } });
    expect(error?.message).to.contain(`OrgApiKey ${key.id} ("ci key")`);
    expect(error?.message).to.match(/5\d\d|server error/i);
    expect(error?.message).to.contain("opsmanager:driftCheck to state");
  });

  it("fails an entry diff the same way when the server is down", async () => {
    await s.emulator.close();
    const error = await checkAndDiff(
      s,
      entry,
      s.providers.ApiKeyWhitelistEntry,
      declared(entry),
    ).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.contain(`ApiKeyWhitelistEntry ${entry.id}`);
    expect(error?.message).to.contain("the drift check against Ops Manager failed");
    expect(error?.message).to.contain("opsmanager:driftCheck to state");
    expect(error?.message).to.not.contain(s.emulator.privateKey);
  });
});
