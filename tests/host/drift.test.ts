/**
 * Tier 3: drift in plain `pulumi preview` through the real host. Each
 * engine operation gets a fresh host (one plugin process per operation); the emulator's
 * admin door plays the person who edits keys in the UI.
 */
import { expect } from "chai";
import { UNKNOWN, type DiffResult, type Host } from "../../engine-harness/host";
import {
  declared,
  expectDriftLines,
  freshHost,
  preview,
  requestCounts,
  type Planned,
} from "./drift-support";
import {
  createEntry,
  createKey,
  expectNoSecrets,
  openScenario,
  type Scenario,
  type Stored,
} from "./support/suite";

describe("host: drift detection in preview (driftCheck live)", function () {
  this.timeout(60000);
  let s: Scenario;
  const keys: Stored[] = [];
  const entries: Stored[][] = [];
  const hosts: Host[] = [];
  const host = async (config: Record<string, string> = {}): Promise<Host> => {
    const h = await freshHost(s, config);
    hosts.push(h);
    return h;
  };
  const unchanged = (list: readonly Stored[]): Planned[] =>
    list.map((stored) => ({ stored, news: declared(stored) }));
  const changes = (diffs: Map<string, DiffResult>) =>
    [...diffs.values()].map((d) => `${d.changes} [${d.replaces.join(",")}]`);

  before(async () => {
    s = await openScenario();
    for (let i = 0; i < 4; i++) {
      const key = await createKey(s, `k${i}`, { description: `ci key ${i}` });
      keys.push(key);
      entries.push([
        await createEntry(s, `k${i}-net`, key, { cidrBlock: `10.${i}.0.0/16` }),
        await createEntry(s, `k${i}-ip`, key, { ipAddress: `192.0.2.${i + 1}` }),
      ]);
    }
  });
  after(async () => {
    for (const h of hosts) await h.stop();
    await s?.close();
  });

  it("previews unchanged keys and entries as no changes with one K1 list and one A1 list per key", async () => {
    const h = await host();
    s.emulator.clearLog();
    const diffs = await preview(s, h, unchanged(keys), unchanged(entries.flat()));
    expect(new Set(changes(diffs))).to.deep.equal(new Set(["DIFF_NONE []"]));
    expect(diffs.size).to.equal(12);
    const counts = requestCounts(s.emulator);
    expect(counts).to.include({ keyLists: 1, entryLists: 4, other: 0 });
    expect(counts.challenges, "a fresh host's first Digest challenge").to.be.at.most(1);
  });

  it("makes no request with driftCheck state", async () => {
    const h = await host({ "opsmanager:driftCheck": "state" });
    s.emulator.clearLog();
    s.emulator.admin.setKeyDescription(s.emulator.orgId, keys[0].id, "not seen in state mode");
    const diffs = await preview(s, h, unchanged(keys), unchanged(entries.flat()));
    expect(new Set(changes(diffs))).to.deep.equal(new Set(["DIFF_NONE []"]));
    expect(s.emulator.requests).to.deep.equal([]);
  });

  it("plans exactly the repairs for drift made outside Pulumi, one diagnostic line each", async () => {
    const { orgId, admin } = s.emulator;
    admin.setKeyDescription(orgId, keys[0].id, "edited in the UI");
    admin.setKeyRoles(orgId, keys[1].id, ["ORG_OWNER"]);
    admin.deleteEntry(orgId, keys[2].id, "10.2.0.0/16");
    admin.deleteKey(orgId, keys[3].id);
    const h = await host();
    // The engine replaces k3, so in preview its entries' apiKeyId is unknown (docs/PULUMI-ENGINE.md).
    const entryPlans = entries.flat().map((stored) => ({
      stored,
      news: declared(stored, stored.inputs.apiKeyId === keys[3].id ? { apiKeyId: UNKNOWN } : {}),
    }));
    const diffs = await preview(s, h, unchanged(keys), entryPlans);
    const plan = (stored: Stored) => {
      const d = diffs.get(stored.urn)!;
      return { changes: d.changes, replaces: d.replaces };
    };
    expect(plan(keys[0])).to.deep.equal({ changes: "DIFF_SOME", replaces: [] });
    expect(plan(keys[1])).to.deep.equal({ changes: "DIFF_SOME", replaces: [] });
    expect(plan(keys[2])).to.deep.equal({ changes: "DIFF_NONE", replaces: [] });
    expect(plan(keys[3])).to.deep.equal({ changes: "DIFF_SOME", replaces: ["apiKeyId"] });
    expect(plan(entries[2][0])).to.deep.equal({ changes: "DIFF_SOME", replaces: ["cidrBlock"] });
    expect(diffs.get(entries[2][0].urn)!.deleteBeforeReplace).to.equal(false);
    for (const e of [entries[0], entries[1], [entries[2][1]]].flat())
      expect(plan(e).changes, e.urn).to.equal("DIFF_NONE");
    for (const e of entries[3]) expect(plan(e).replaces).to.deep.equal(["apiKeyId"]);

    const lines = await expectDriftLines(h, 4);
    const lineOf = (id: string) => lines.find((l) => l.includes(id)) ?? "";
    expect(lineOf(keys[0].id)).to.contain(
      'description drifted: live "edited in the UI", declared "ci key 0"',
    );
    expect(lineOf(keys[1].id)).to.contain("roles drifted: live [ORG_OWNER], declared [ORG_MEMBER]");
    expect(lineOf(entries[2][0].id)).to.match(
      /cidrBlock drifted: live absent.*declared 10\.2\.0\.0\/16/,
    );
    expect(lineOf(keys[3].id)).to.match(/deleted outside Pulumi.*private key is gone/);
    expectNoSecrets(s.secrets, { "host stderr": h.output().stderr });
  });

  it("performs the repairs on up: updates, delete-first entry replacement, new key first", async () => {
    const h = await host();
    const { orgId, admin } = s.emulator;
    const diffs = await preview(s, h, unchanged(keys.slice(0, 3)), [
      { stored: entries[2][0], news: declared(entries[2][0]) },
    ]);
    for (const key of keys.slice(0, 2)) {
      const d = diffs.get(key.urn)!;
      expect(d.changes).to.equal("DIFF_SOME");
      const res = await h.update(key.id, key.urn, key.outputs, key.inputs, {
        oldInputs: key.inputs,
      });
      expect(res.properties.privateKey, "private key carried forward").to.equal(
        key.outputs.privateKey,
      );
      keys[keys.indexOf(key)] = { ...key, outputs: res.properties };
    }
    // Entry: re-check with olds {}, create the replacement first (it adds the entry again), then
    // the old half's delete, which leaves the entry the replacement manages alone.
    const gone = entries[2][0];
    const recheck = await h.check(gone.urn, {}, gone.inputs);
    entries[2][0] = { ...gone, outputs: (await h.create(gone.urn, recheck.inputs)).properties };
    await h.delete(gone.id, gone.urn, gone.outputs);
    // Key: create the replacement first, move its entries to it, then delete the old key.
    const old = keys[3];
    const created = await h.create(old.urn, (await h.check(old.urn, {}, old.inputs)).inputs);
    s.secrets.add(String(created.properties.privateKey));
    keys[3] = { ...old, id: created.id, outputs: created.properties };
    for (const [i, e] of entries[3].entries()) {
      await h.delete(e.id, e.urn, e.outputs);
      const inputs = { ...e.inputs, apiKeyId: created.id };
      const made = await h.create(e.urn, (await h.check(e.urn, {}, inputs)).inputs);
      entries[3][i] = { ...e, id: made.id, inputs, outputs: made.properties };
    }
    await h.delete(old.id, old.urn, old.outputs);

    const live = admin.listKeys(orgId);
    expect(live.find((k) => k.id === keys[0].id)?.desc).to.equal("ci key 0");
    expect(live.find((k) => k.id === keys[1].id)?.roles).to.deep.equal(["ORG_MEMBER"]);
    expect(admin.listEntries(orgId, keys[2].id).map((e) => e.cidrBlock)).to.include("10.2.0.0/16");
    expect(
      admin
        .listEntries(orgId, keys[3].id)
        .map((e) => e.cidrBlock)
        .sort(),
    ).to.deep.equal(["10.3.0.0/16", "192.0.2.4/32"]);
  });

  it("previews the repaired stack as no changes", async () => {
    const diffs = await preview(s, await host(), unchanged(keys), unchanged(entries.flat()));
    expect(new Set(changes(diffs))).to.deep.equal(new Set(["DIFF_NONE []"]));
  });
});
