import { expect } from "chai";
import { ListCache } from "../../provider/lifecycle/common/list-cache";
import { resolveSettings } from "../../provider/lifecycle/settings";

/** A clock the test moves by hand. */
function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/** A load that counts its calls and resolves when told to. */
function loader<T>(value: T) {
  let calls = 0;
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  return {
    get calls() {
      return calls;
    },
    hold() {
      held = new Promise<void>((r) => (release = r));
    },
    release: () => release(),
    load: async (): Promise<T> => {
      calls += 1;
      await held;
      return value;
    },
  };
}

describe("lifecycle list cache", () => {
  it("shares one in-flight load between concurrent callers (single flight), even with TTL 0", async () => {
    const c = clock();
    const cache = new ListCache(c.now);
    const l = loader(["a"]);
    l.hold();
    const waiting = [1, 2, 3, 4].map(() => cache.get("org", 0, l.load));
    c.advance(10_000);
    waiting.push(cache.get("org", 0, l.load));
    l.release();
    const values = await Promise.all(waiting);
    expect(l.calls).to.equal(1);
    expect(new Set(values).size, "every caller gets the same value").to.equal(1);
    await cache.get("org", 0, l.load);
    expect(l.calls, "TTL 0: a settled list is not reused").to.equal(2);
  });

  it("reuses a settled list within the TTL and loads again after it, counted from the load's start", async () => {
    const c = clock();
    const cache = new ListCache(c.now);
    const l = loader(1);
    await cache.get("org", 5000, l.load);
    c.advance(4999);
    await cache.get("org", 5000, l.load);
    expect(l.calls).to.equal(1);
    c.advance(1);
    await cache.get("org", 5000, l.load);
    expect(l.calls).to.equal(2);
  });

  it("keeps scopes apart", async () => {
    const cache = new ListCache(clock().now);
    const l = loader(0);
    await cache.get("keys org1", 5000, l.load);
    await cache.get("keys org2", 5000, l.load);
    await cache.get("entries org1/k", 5000, l.load);
    await cache.get("keys org1", 5000, l.load);
    expect(l.calls).to.equal(3);
  });

  it("drops a scope on invalidate, so the next caller loads again; other scopes stay", async () => {
    const cache = new ListCache(clock().now);
    const l = loader(0);
    await cache.get("a", 5000, l.load);
    await cache.get("b", 5000, l.load);
    cache.invalidate("a");
    await cache.get("a", 5000, l.load);
    await cache.get("b", 5000, l.load);
    expect(l.calls).to.equal(3);
  });

  it("does not hand a load that was in flight during an invalidation to later callers", async () => {
    const cache = new ListCache(clock().now);
    const before = loader("before the write");
    before.hold();
    const early = cache.get("a", 5000, before.load);
    cache.invalidate("a"); // a write finished while the list was in flight
    const after = loader("after the write");
    const late = cache.get("a", 5000, after.load);
    before.release();
    expect(await early).to.equal("before the write");
    expect(await late).to.equal("after the write");
    expect(await cache.get("a", 5000, before.load)).to.equal("after the write");
  });

  it("does not keep a failed load: every waiting caller gets the error, the next one retries", async () => {
    const cache = new ListCache(clock().now);
    let calls = 0;
    const failing = async (): Promise<number> => {
      calls += 1;
      throw new Error("connection refused");
    };
    const results = await Promise.allSettled([
      cache.get("a", 5000, failing),
      cache.get("a", 5000, failing),
    ]);
    expect(results.map((r) => r.status)).to.deep.equal(["rejected", "rejected"]);
    expect(calls).to.equal(1);
    expect(cache.size).to.equal(0);
    expect(await cache.get("a", 5000, async () => 7)).to.equal(7);
  });

  it("takes its TTL from OPSMANAGER_LIST_CACHE_TTL_MS (default 5000 ms, 0 allowed, garbage refused)", () => {
    const config: Record<string, string> = {
      "opsmanager:baseUrl": "http://om",
      "opsmanager:publicKey": "p",
      "opsmanager:privateKey": "k",
    };
    const ttl = (env: NodeJS.ProcessEnv) => resolveSettings((k) => config[k], env).listCacheTtlMs;
    expect(ttl({})).to.equal(5000);
    expect(ttl({ OPSMANAGER_LIST_CACHE_TTL_MS: "0" })).to.equal(0);
    expect(ttl({ OPSMANAGER_LIST_CACHE_TTL_MS: "250" })).to.equal(250);
    expect(() => ttl({ OPSMANAGER_LIST_CACHE_TTL_MS: "soon" })).to.throw(
      /OPSMANAGER_LIST_CACHE_TTL_MS must be a whole number of milliseconds/,
    );
  });
});
