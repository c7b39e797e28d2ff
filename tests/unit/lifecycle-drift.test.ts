import { expect } from "chai";
import { readOrgApiKey } from "../../provider/lifecycle/api-key/read";
import { updateOrgApiKey } from "../../provider/lifecycle/api-key/update";
import { diffOf } from "./lifecycle-runtime-support";
import { createWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/add-entry";
import {
  deleteWhitelistEntry,
  readWhitelistEntry,
} from "../../provider/lifecycle/whitelist-entry/read-update-delete";
import { configure, dispatch } from "../../provider/lifecycle/index";
import { UNKNOWN } from "../../provider/lifecycle/common/sentinel";
import type { ResourceKind } from "../../provider/lifecycle/types";
import { fakeContext, FakeOpsManager, ORG, PRIVATE_KEY } from "./lifecycle-drift-support";

type Ctx = ReturnType<typeof fakeContext>;

/** Stored outputs of a key as create left them. */
function keyOuts(fake: FakeOpsManager, id: string) {
  const k = fake.keys.get(id)!;
  return {
    apiKeyId: id,
    publicKey: k.publicKey,
    privateKey: PRIVATE_KEY,
    orgId: ORG,
    description: k.desc,
    roles: k.roles.map((r) => r.roleName).sort(),
    rotationTrigger: null,
    existingApiKeyId: null,
  };
}

const keyIns = (outs: ReturnType<typeof keyOuts>, over: Record<string, unknown> = {}) => ({
  orgId: ORG,
  description: outs.description,
  roles: outs.roles,
  __provider: "shim",
  ...over,
});

const entryIns = (apiKeyId: string, over: Record<string, unknown> = {}) => ({
  orgId: ORG,
  apiKeyId,
  cidrBlock: "10.0.0.0/24",
  __provider: "shim",
  ...over,
});

const entryOuts = (apiKeyId: string, cidrBlock = "10.0.0.0/24") => ({
  orgId: ORG,
  apiKeyId,
  cidrBlock,
  ipAddress: null,
  created: null,
  count: 0,
  lastUsed: null,
  lastUsedAddress: null,
});

/** diff as dispatch runs it with driftCheck live: the stored-state diff, then the live check. */
function diff(ctx: Ctx, kind: ResourceKind, id: string, olds: unknown, news: unknown) {
  return diffOf(ctx, kind, id, olds, news);
}

describe("lifecycle drift: OrgApiKey diff against the live key", () => {
  let fake: FakeOpsManager;
  let ctx: Ctx;
  let id: string;
  beforeEach(() => {
    fake = new FakeOpsManager();
    ctx = fakeContext(fake);
    id = fake.addKey("ci key", ["ORG_MEMBER"]);
  });

  it("plans nothing for unchanged keys, with one K1 list shared by concurrent diffs", async () => {
    const ids = [id, fake.addKey("b"), fake.addKey("c")];
    const results = await Promise.all(
      ids.map((k) => diff(ctx, "OrgApiKey", k, keyOuts(fake, k), keyIns(keyOuts(fake, k)))),
    );
    expect(results.map((r) => r.changes)).to.deep.equal([false, false, false]);
    expect(fake.calls).to.deep.equal([`K1 ${ORG}`]);
    expect(ctx.warnings).to.deep.equal([]);
  });

  it("plans an in-place update for a description edited outside Pulumi, with one diagnostic line", async () => {
    const outs = keyOuts(fake, id);
    fake.keys.set(id, { ...fake.keys.get(id)!, desc: "edited in UI" });
    const result = await diff(ctx, "OrgApiKey", id, outs, keyIns(outs));
    expect(result).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(ctx.warnings).to.deep.equal([
      `OrgApiKey ${id} ("ci key"): description drifted: live "edited in UI", declared "ci key"; the update will set it back.`,
    ]);
  });

  it("plans an update for roles changed outside Pulumi, naming both role sets", async () => {
    const outs = keyOuts(fake, id);
    fake.keys.set(id, { ...fake.keys.get(id)!, roles: [{ roleName: "ORG_OWNER", orgId: ORG }] });
    const result = await diff(ctx, "OrgApiKey", id, outs, keyIns(outs));
    expect(result).to.include({ changes: true });
    expect(result.replaces).to.deep.equal([]);
    expect(ctx.warnings).to.have.length(1);
    expect(ctx.warnings[0]).to.contain(
      "roles drifted: live [ORG_OWNER], declared [ORG_MEMBER]; the update will set it back.",
    );
  });

  it("plans a replacement for a key deleted outside Pulumi after confirming it with a GET, and says the private key is gone", async () => {
    const outs = keyOuts(fake, id);
    fake.keys.delete(id);
    const result = await diff(ctx, "OrgApiKey", id, outs, keyIns(outs));
    expect(result.changes).to.equal(true);
    expect(result.replaces).to.deep.equal(["apiKeyId"]);
    expect(fake.calls).to.deep.equal([`K1 ${ORG}`, `K3 ${id}`]);
    expect(ctx.warnings).to.have.length(1);
    expect(ctx.warnings[0]).to.match(/deleted outside Pulumi.*private key is gone/);
    expect(ctx.warnings.join("\n")).to.not.contain(PRIVATE_KEY);
  });

  it("prints nothing for refresh's inverted diff, whose olds are already the live values", async () => {
    const declared = keyIns(keyOuts(fake, id));
    fake.keys.set(id, { ...fake.keys.get(id)!, desc: "edited in UI" });
    const refreshed = keyOuts(fake, id);
    const result = await diff(ctx, "OrgApiKey", id, refreshed, declared);
    expect(result.changes, "the drift still shows as a change").to.equal(true);
    expect(ctx.warnings).to.deep.equal([]);
  });

  it("makes no request when an input is unknown or a replacement is planned anyway", async () => {
    const outs = keyOuts(fake, id);
    const unknown = await diff(ctx, "OrgApiKey", id, outs, keyIns(outs, { description: UNKNOWN }));
    expect(unknown.changes).to.equal(true);
    const rotate = await diff(ctx, "OrgApiKey", id, outs, keyIns(outs, { rotationTrigger: "q3" }));
    expect(rotate.replaces).to.deep.equal(["rotationTrigger"]);
    expect(fake.calls).to.deep.equal([]);
  });

  it("fails with the resource, the cause and the driftCheck state way out when Ops Manager cannot be reached", async () => {
    const outs = keyOuts(fake, id);
    fake.failure = new Error("connect ECONNREFUSED 127.0.0.1:9 (GET /orgs/…/apiKeys)");
    const error = await diff(ctx, "OrgApiKey", id, outs, keyIns(outs)).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.contain(`OrgApiKey ${id} ("ci key")`);
    expect(error?.message).to.contain("ECONNREFUSED");
    expect(error?.message).to.contain("opsmanager:driftCheck to state");
  });

  it("repairs the drift on update: PATCHes the live difference although olds equal news, keeps the private key", async () => {
    const outs = keyOuts(fake, id);
    fake.keys.set(id, {
      ...fake.keys.get(id)!,
      desc: "edited in UI",
      roles: [{ roleName: "ORG_OWNER", orgId: ORG }],
    });
    const { outs: updated } = await updateOrgApiKey(ctx, id, outs, keyIns(outs));
    expect(fake.calls.filter((c) => c.startsWith("K4"))).to.deep.equal([
      `K4 ${id} {"desc":"ci key","roles":["ORG_MEMBER"]}`,
    ]);
    expect(updated).to.deep.equal(outs);
    expect(fake.keys.get(id)!.desc).to.equal("ci key");
  });

  it("keeps the offline update (no read) with driftCheck state", async () => {
    const state = fakeContext(fake, { driftCheck: "state" });
    const outs = keyOuts(fake, id);
    await updateOrgApiKey(state, id, outs, keyIns(outs, { description: "renamed" }));
    expect(fake.calls).to.deep.equal([`K4 ${id} {"desc":"renamed"}`]);
  });

  it("lists again after its own update, so the next diff sees the repaired key", async () => {
    const outs = keyOuts(fake, id);
    fake.keys.set(id, { ...fake.keys.get(id)!, desc: "edited in UI" });
    expect((await diff(ctx, "OrgApiKey", id, outs, keyIns(outs))).changes).to.equal(true);
    await updateOrgApiKey(ctx, id, outs, keyIns(outs));
    expect((await diff(ctx, "OrgApiKey", id, outs, keyIns(outs))).changes).to.equal(false);
    expect(fake.count("K1")).to.equal(2);
  });
});

describe("lifecycle drift: ApiKeyWhitelistEntry diff against the live access list", () => {
  let fake: FakeOpsManager;
  let ctx: Ctx;
  let key: string;
  beforeEach(() => {
    fake = new FakeOpsManager();
    ctx = fakeContext(fake);
    key = fake.addKey("k");
    fake.lists.set(key, [{ cidrBlock: "10.0.0.0/24" }, { cidrBlock: "1.2.3.4/32" }]);
  });

  it("plans nothing for present entries, with one A1 list per key", async () => {
    const other = fake.addKey("other");
    fake.lists.set(other, [{ cidrBlock: "10.0.0.0/24" }]);
    const runs = [
      diff(ctx, "ApiKeyWhitelistEntry", "x", entryOuts(key), entryIns(key)),
      diff(ctx, "ApiKeyWhitelistEntry", "x", entryOuts(key, "1.2.3.4/32"), {
        ...entryIns(key, { cidrBlock: undefined }),
        ipAddress: "1.2.3.4",
      }),
      diff(ctx, "ApiKeyWhitelistEntry", "x", entryOuts(other), entryIns(other)),
    ];
    expect((await Promise.all(runs)).map((r) => r.changes)).to.deep.equal([false, false, false]);
    expect(fake.calls.sort()).to.deep.equal([`A1 ${ORG}/${key}`, `A1 ${ORG}/${other}`].sort());
  });

  it("plans a create-first replacement for an entry deleted outside Pulumi, with one diagnostic line", async () => {
    fake.lists.set(key, [{ cidrBlock: "1.2.3.4/32" }]);
    const result = await diff(ctx, "ApiKeyWhitelistEntry", "x", entryOuts(key), entryIns(key));
    expect(result).to.deep.equal({
      changes: true,
      replaces: ["cidrBlock"],
      deleteBeforeReplace: false,
    });
    expect(fake.calls).to.deep.equal([`A1 ${ORG}/${key}`, `A3 ${key}/10.0.0.0/24`]);
    expect(ctx.warnings).to.deep.equal([
      `ApiKeyWhitelistEntry ${key}/10.0.0.0/24: cidrBlock drifted: live absent (deleted outside Pulumi from the access list of key ${key}), declared 10.0.0.0/24; the replacement adds it again.`,
    ]);
  });

  it("plans a replacement for an entry whose key is gone", async () => {
    fake.keys.delete(key);
    const result = await diff(ctx, "ApiKeyWhitelistEntry", "x", entryOuts(key), entryIns(key));
    expect(result.replaces).to.deep.equal(["apiKeyId"]);
    expect(ctx.warnings[0]).to.contain(`live key ${key} deleted outside Pulumi`);
  });

  it("makes no request for an unknown apiKeyId", async () => {
    const result = await diff(ctx, "ApiKeyWhitelistEntry", "x", entryOuts(key), {
      ...entryIns(key),
      apiKeyId: UNKNOWN,
    });
    expect(result.replaces).to.deep.equal(["apiKeyId"]);
    expect(fake.calls).to.deep.equal([]);
  });
});

describe("lifecycle drift: refresh from one list per key", () => {
  it("reads 500 entries of one key with one A1 list and 100 keys with one K1 list", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const keys = Array.from({ length: 100 }, (_, i) => fake.addKey(`key ${i}`));
    const cidrs = Array.from({ length: 500 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    fake.lists.set(
      keys[0],
      cidrs.map((cidrBlock) => ({ cidrBlock })),
    );
    const reads = await Promise.all([
      ...keys.map((k) => readOrgApiKey(ctx, k, keyOuts(fake, k))),
      ...cidrs.map((c) => readWhitelistEntry(ctx, `${keys[0]}/${c}`, entryOuts(keys[0], c))),
    ]);
    expect(reads.filter((r) => r.id === undefined)).to.have.length(0);
    expect(fake.calls).to.have.length(2);
  });

  it("sees an out-of-band change after its own write or in a new process, not from a reused list", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const key = fake.addKey("k");
    fake.lists.set(key, [{ cidrBlock: "10.0.0.0/24" }, { cidrBlock: "10.9.0.0/16" }]);
    const read = () => readWhitelistEntry(ctx, `${key}/10.0.0.0/24`, entryOuts(key));
    expect((await read()).id).to.be.a("string");
    fake.lists.set(key, [{ cidrBlock: "10.9.0.0/16" }]); // deleted outside Pulumi
    expect((await read()).id, "within the TTL the list is reused").to.be.a("string");
    await deleteWhitelistEntry(ctx, `${key}/10.9.0.0/16`, entryOuts(key, "10.9.0.0/16"));
    expect(await read(), "after this process's own write").to.deep.equal({});
    await createWhitelistEntry(ctx, entryIns(key));
    expect((await read()).id).to.be.a("string");
    fake.lists.set(key, []);
    // Another client object (same server) = the cache of another host process.
    const fresh = fakeContext(Object.create(fake) as FakeOpsManager);
    expect(await readWhitelistEntry(fresh, `${key}/10.0.0.0/24`, entryOuts(key))).to.deep.equal({});
  });
});

describe("lifecycle drift: the driftCheck setting in dispatch", () => {
  const news = { orgId: ORG, apiKeyId: "60a1b2c3d4e5f60718290100", cidrBlock: "10.0.0.0/24" };
  const olds = entryOuts(news.apiKeyId);
  const provider = (driftCheck?: string) => {
    const p = { kind: "ApiKeyWhitelistEntry" };
    const config = (k: string) => (k === "opsmanager:driftCheck" ? driftCheck : undefined);
    configure(p, { config: { get: config } });
    return p;
  };
  const failure = (p: object) =>
    dispatch(p, "diff", ["x", olds, news]).then(
      () => null,
      (e: Error) => e.message,
    );

  it("fails a live diff without connection settings, saying what to set and that state skips the check", async () => {
    const message = await failure(provider());
    expect(message).to.contain(`ApiKeyWhitelistEntry ${news.apiKeyId}/10.0.0.0/24`);
    expect(message).to.contain("connection settings are missing");
    expect(message).to.contain("opsmanager:driftCheck to state");
  });

  it("refuses a driftCheck value other than live or state", async () => {
    expect(await failure(provider("sometimes"))).to.contain(
      "opsmanager:driftCheck must be live or state",
    );
  });
});
