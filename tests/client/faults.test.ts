import { expect } from "chai";
import { isOpsManagerError, type OpsManagerError } from "../../provider/client";
import { logLines, rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";

const RETRIED_FAULTS = new Set(["rateLimit", "serverError", "resetBeforeWrite", "resetAfterWrite"]);

describe("client retries against the emulator's injected faults", () => {
  let f: ClientFixture;
  afterEach(() => f.close());

  it("survives 429 with Retry-After, 5xx and resets on idempotent calls", async () => {
    f = await startClientFixture(
      {},
      { retry: { maxAttempts: 12, maxElapsedMs: 10_000, baseDelayMs: 1, maxDelayMs: 5 } },
    );
    const key = await f.client.createApiKey(f.orgId, { desc: "chaos", roles: ["ORG_MEMBER"] });
    f.emulator.configure({
      faults: {
        seed: 1234,
        rateLimit: 0.15,
        retryAfterSeconds: 0.002,
        serverError: 0.15,
        resetBeforeWrite: 0.1,
        resetAfterWrite: 0.1,
        methods: ["GET", "PATCH", "POST"],
      },
    });
    const logStart = f.emulator.requests.length;
    const before = f.client.stats();
    for (let i = 0; i < 12; i += 1) {
      await f.client.getApiKey(f.orgId, key.id);
      await f.client.updateApiKey(f.orgId, key.id, { desc: `chaos ${i}` });
      await f.client.addAccessListEntries(f.orgId, key.id, [{ ipAddress: `10.9.0.${i}` }]);
      await f.client.listAccessList(f.orgId, key.id);
    }
    const counts = f.emulator.faultCounts();
    for (const kind of RETRIED_FAULTS) expect(counts[kind] ?? 0, kind).to.be.greaterThan(0);
    const faulted = f.emulator.requests
      .slice(logStart)
      .filter((r) => r.fault && RETRIED_FAULTS.has(r.fault));
    const after = f.client.stats();
    expect(after.retries - before.retries, logLines(f.emulator, logStart).join("\n")).to.equal(
      faulted.length,
    );
    expect(f.emulator.admin.listKeys(f.orgId).find((k) => k.id === key.id)?.desc).to.equal(
      "chaos 11",
    );
    expect(f.emulator.admin.listEntries(f.orgId, key.id).length).to.equal(12);
  });

  it("honours Retry-After: a wait beyond the time budget stops at once with RATE_LIMITED", async () => {
    f = await startClientFixture(
      { faults: { seed: 3, rateLimit: 1, retryAfterSeconds: 30, methods: ["GET"] } },
      { retry: { maxAttempts: 5, maxElapsedMs: 1_000, baseDelayMs: 1, maxDelayMs: 5_000 } },
    );
    const error = await rejectionOf(f.client.listApiKeys(f.orgId));
    const e = error as OpsManagerError;
    expect(e.code).to.equal("RATE_LIMITED");
    expect(e.retryAfterMs).to.equal(30_000);
    expect(e.attempts).to.equal(1);
    expect(e.message).to.include("rate-limited");
    expect(e.message).to.include("wait 30 s");
    expect(f.client.stats().retries).to.equal(0);
  });

  it("gives up on a server that keeps failing after maxAttempts, saying how often it tried", async () => {
    f = await startClientFixture(
      { faults: { seed: 5, serverError: 1, methods: ["GET"] } },
      { retry: { maxAttempts: 3, maxElapsedMs: 5_000, baseDelayMs: 1, maxDelayMs: 2 } },
    );
    const error = await rejectionOf(f.client.listApiKeys(f.orgId));
    const e = error as OpsManagerError;
    expect(e.code).to.equal("SERVER_ERROR");
    expect(e.attempts).to.equal(3);
    expect(e.message).to.include("after 3 attempts");
    expect(f.client.stats()).to.deep.include({ calls: 1, retries: 2 });
  });

  it("never retries a key create whose answer was lost: AMBIGUOUS_WRITE", async () => {
    f = await startClientFixture({ faults: { seed: 9, resetAfterWrite: 1, methods: ["POST"] } });
    const keysBefore = f.emulator.admin.listKeys(f.orgId).length;
    const error = await rejectionOf(
      f.client.createApiKey(f.orgId, { desc: "lost", roles: ["ORG_MEMBER"] }),
    );
    expect(isOpsManagerError(error)).to.equal(true);
    const e = error as OpsManagerError;
    expect(e.code).to.equal("AMBIGUOUS_WRITE");
    expect(e.attempts).to.equal(1);
    expect(e.message).to.include("may or may not have created");
    expect(f.client.stats().retries).to.equal(0);
    const posts = f.emulator.requests.filter((r) => r.method === "POST" && r.authenticated);
    expect(posts.length, "exactly one authenticated POST").to.equal(1);
    expect(f.emulator.admin.listKeys(f.orgId).length, "the write was applied").to.equal(
      keysBefore + 1,
    );
  });

  it("retries key creates the server refused with 429 or 503, and only those", async () => {
    f = await startClientFixture(
      {
        faults: {
          seed: 21,
          rateLimit: 0.3,
          retryAfterSeconds: 0.001,
          serverError: 0.3,
          methods: ["POST"],
        },
      },
      { retry: { maxAttempts: 15, maxElapsedMs: 10_000, baseDelayMs: 1, maxDelayMs: 2 } },
    );
    const keysBefore = f.emulator.admin.listKeys(f.orgId).length;
    let created = 0;
    for (let i = 0; i < 8; i += 1) {
      try {
        await f.client.createApiKey(f.orgId, { desc: `create ${i}`, roles: ["ORG_MEMBER"] });
        created += 1;
      } catch (error) {
        // 500 may have acted and 502 is a gateway that does not know: both end the create.
        expect(isOpsManagerError(error) && error.code).to.be.oneOf([
          "SERVER_ERROR",
          "AMBIGUOUS_WRITE",
        ]);
        expect(isOpsManagerError(error) && error.status !== 503 && error.status !== 429).to.equal(
          true,
        );
      }
    }
    const statuses = f.emulator.requests.filter((r) => r.authenticated).map((r) => r.status);
    const refused = statuses.filter((s) => s === 429 || s === 503).length;
    expect(refused, statuses.join(",")).to.be.greaterThan(0);
    expect(f.client.stats().retries, statuses.join(",")).to.equal(refused);
    expect(f.emulator.admin.listKeys(f.orgId).length).to.equal(keysBefore + created);
  });
});
