import { expect } from "chai";
import { OpsManagerError } from "../../provider/client/errors";
import type { OpsManagerClient } from "../../provider/client/types";
import { createOrgApiKey } from "../../provider/lifecycle/api-key-create";
import type { LifecycleContext } from "../../provider/lifecycle/context";
import { KeyLedger } from "../../provider/lifecycle/key-ledger";
import { listKeysNow } from "../../provider/lifecycle/live-state";
import { fixture, keyIds, type Fixture } from "./lifecycle-crud-support";

const PROVIDER = "exports.handler = __f0; /* shim text */";
const LOST = new OpsManagerError("POST /orgs/x/apiKeys got no answer (ECONNRESET)", {
  code: "AMBIGUOUS_WRITE",
  method: "POST",
  path: "/orgs/x/apiKeys",
  attempts: 1,
});

/** Counts K1 listings and K2 posts; `onPost(n)` runs after the n-th POST reached the server. */
function counting(onPost: (n: number) => Promise<void> = async () => undefined) {
  const counts = { lists: 0, posts: 0 };
  const wrap = (client: OpsManagerClient): OpsManagerClient => ({
    ...client,
    listApiKeys: (orgId) => (counts.lists++, client.listApiKeys(orgId)),
    createApiKey: async (...args) => {
      const key = await client.createApiKey(...args);
      await onPost(++counts.posts);
      return key;
    },
  });
  return { counts, wrap };
}

/** The fixture's context with another list-cache TTL. */
const withTtl = (ctx: LifecycleContext, ms: number): LifecycleContext => ({
  ...ctx,
  settings: { ...ctx.settings, listCacheTtlMs: ms },
});

describe("lifecycle: the key ledger before a key create (issue 6 §2)", () => {
  let f: Fixture;
  afterEach(() => f.close());
  const inputs = (description: string, roles = ["ORG_MEMBER"]) => ({
    orgId: f.emulator.orgId,
    description,
    roles,
    __provider: PROVIDER,
  });

  it("lets concurrent creates of different keys share one listing of the org", async () => {
    const c = counting();
    f = await fixture({}, c.wrap);
    const made = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => createOrgApiKey(f.ctx, inputs(`k${i}`))),
    );
    expect(new Set(made.map((m) => m.id)).size).to.equal(5);
    expect(c.counts).to.deep.equal({ lists: 1, posts: 5 });
  });

  it("lists once for successive creates within the list-cache TTL, and before each with TTL 0", async () => {
    const c = counting();
    f = await fixture({}, c.wrap);
    for (const d of ["a", "b", "c"]) await createOrgApiKey(withTtl(f.ctx, 60_000), inputs(d));
    expect(c.counts.lists).to.equal(1);
    for (const d of ["d", "e"]) await createOrgApiKey(withTtl(f.ctx, 0), inputs(d));
    expect(c.counts.lists).to.equal(3);
  });

  it("after a lost answer, spares a key this process created earlier with the same description and roles", async () => {
    const c = counting(async (n) => {
      if (n === 2) throw LOST;
    });
    f = await fixture({}, c.wrap);
    const ctx = withTtl(f.ctx, 60_000);
    const first = await createOrgApiKey(ctx, inputs("twin"));
    const second = await createOrgApiKey(ctx, inputs("twin"));
    expect(c.counts).to.deep.equal({ lists: 2, posts: 3 }); // one before, one after the lost answer
    const ids = keyIds(f.emulator);
    expect(ids).to.include(first.id).and.to.include(second.id);
    expect(ids).to.have.length(3); // the bootstrap key and the two twins: the lost one is gone
  });

  it("deletes the lost key even when a listing made while its POST was in flight showed it", async () => {
    const c = counting(async (n) => {
      if (n !== 1) return;
      await listKeysNow(f.ctx, f.emulator.orgId); // e.g. a concurrent refresh of another key
      throw LOST;
    });
    f = await fixture({}, c.wrap);
    const before = keyIds(f.emulator);
    const made = await createOrgApiKey(f.ctx, inputs("raced"));
    expect(keyIds(f.emulator)).to.deep.equal([...before, made.id].sort());
  });

  it("never deletes a key with the same description and roles that existed before the listing", async () => {
    const c = counting(async (n) => {
      if (n === 3) throw LOST; // posts: the twin, "other", then the "ci" create
    });
    f = await fixture({}, c.wrap);
    const ctx = withTtl(f.ctx, 60_000);
    const twin = await f.ctx.client.createApiKey(f.emulator.orgId, {
      desc: "ci",
      roles: ["ORG_MEMBER"],
    });
    await createOrgApiKey(ctx, inputs("other")); // the listing now held shows the twin
    await createOrgApiKey(ctx, inputs("ci")).catch(() => undefined);
    expect(keyIds(f.emulator)).to.include(twin.id);
  });

  it("lists afresh when another client (another provider configuration) created the same key before", async () => {
    const a = counting();
    const b = counting(async (n) => {
      if (n === 1) throw LOST;
    });
    f = await fixture({}, a.wrap);
    const ctxA = withTtl(f.ctx, 60_000);
    const ctxB = withTtl({ ...f.ctx, client: b.wrap(f.ctx.client) }, 60_000);
    await createOrgApiKey(ctxB, inputs("warm-up")).catch(() => undefined); // B's listing is now held
    const first = await createOrgApiKey(ctxA, inputs("shared"));
    const listsBefore = b.counts.lists;
    b.counts.posts = 0;
    const second = await createOrgApiKey(ctxB, inputs("shared"));
    expect(
      b.counts.lists - listsBefore,
      "a fresh listing, then one after the lost answer",
    ).to.equal(2);
    expect(keyIds(f.emulator)).to.include(first.id).and.to.include(second.id);
  });
});

describe("KeyLedger", () => {
  it("is fresh for a listing that started less than the window ago", () => {
    let t = 1_000;
    const ledger = new KeyLedger(() => t);
    expect(ledger.listedWithin(5_000)).to.equal(false);
    ledger.noteListing(["A"], t);
    t += 4_999;
    expect(ledger.listedWithin(5_000)).to.equal(true);
    t += 1;
    expect(ledger.listedWithin(5_000)).to.equal(false);
    expect(ledger.listedWithin(0)).to.equal(false);
  });

  it("gives snapshots that later additions do not change, with ids in lower case", () => {
    const ledger = new KeyLedger(() => 0);
    ledger.noteListing(["AbC"], 0);
    const before = ledger.snapshot();
    ledger.noteOwned("DeF");
    expect([...before]).to.deep.equal(["abc"]);
    expect([...ledger.snapshot()]).to.deep.equal(["abc", "def"]);
  });
});
