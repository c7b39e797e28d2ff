import { expect } from "chai";
import fc from "fast-check";
import {
  backoffDelay,
  decideRetry,
  DEFAULT_RETRY_POLICY,
  isAmbiguousWrite,
  isRetryable,
  parseRetryAfter,
  resolveRetryPolicy,
  type AttemptOutcome,
  type RetryInput,
} from "../../provider/client/retry";
import { retryWithPolicy, runWithRetry } from "../../provider/client/retry-loop";
import { OpsManagerError } from "../../provider/client/errors";

const policy = resolveRetryPolicy({
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxAttempts: 5,
  maxElapsedMs: 10_000,
});
const alwaysOne = () => 0.999999;

function input(outcome: AttemptOutcome, overrides: Partial<RetryInput> = {}): RetryInput {
  return {
    outcome,
    kind: "idempotent",
    attempts: 1,
    elapsedMs: 0,
    policy,
    random: alwaysOne,
    ...overrides,
  };
}

const http = (status: number, retryAfterMs?: number): AttemptOutcome => ({
  kind: "http",
  status,
  retryAfterMs,
});
const reset: AttemptOutcome = { kind: "network", code: "ECONNRESET", requestSent: true };

describe("client retry policy", () => {
  it("fills unspecified bounds with the documented defaults", () => {
    expect(resolveRetryPolicy()).to.deep.equal({
      maxAttempts: 5,
      maxElapsedMs: 60_000,
      baseDelayMs: 200,
      maxDelayMs: 10_000,
    });
    expect(resolveRetryPolicy({ maxAttempts: 0 }).maxAttempts).to.equal(1);
    expect(DEFAULT_RETRY_POLICY.maxAttempts).to.equal(5);
  });

  describe("Retry-After", () => {
    it("reads whole and fractional seconds", () => {
      expect(parseRetryAfter("2", 0)).to.equal(2000);
      expect(parseRetryAfter("0.01", 0)).to.equal(10);
      expect(parseRetryAfter(" 1.5 ", 0)).to.equal(1500);
    });

    it("reads an HTTP date relative to now and ignores garbage", () => {
      const now = Date.parse("2024-03-05T10:00:00Z");
      expect(parseRetryAfter("Tue, 05 Mar 2024 10:00:03 GMT", now)).to.equal(3000);
      expect(parseRetryAfter(undefined, now)).to.equal(undefined);
      expect(parseRetryAfter("soon", now)).to.equal(undefined);
    });

    it("is honoured on 429 exactly, without jitter", () => {
      expect(decideRetry(input(http(429, 300), { random: () => 0 }))).to.deep.equal({
        retry: true,
        delayMs: 300,
      });
    });

    it("is never shortened to the back-off cap: a 20 s Retry-After waits 20 s within the default budget", () => {
      const defaults = resolveRetryPolicy();
      expect(decideRetry(input(http(429, 20_000), { policy: defaults }))).to.deep.equal({
        retry: true,
        delayMs: 20_000,
      });
      expect(decideRetry(input(http(503, 30_000), { policy: defaults }))).to.deep.equal({
        retry: true,
        delayMs: 30_000,
      });
    });

    it("is honoured up to the remaining time budget, and stops beyond it", () => {
      const defaults = resolveRetryPolicy();
      expect(
        decideRetry(input(http(429, 45_000), { policy: defaults, elapsedMs: 15_000 })).retry,
      ).to.equal(true);
      expect(
        decideRetry(input(http(429, 45_001), { policy: defaults, elapsedMs: 15_000 })).retry,
      ).to.equal(false);
      expect(decideRetry(input(http(429, 61_000), { policy: defaults })).retry).to.equal(false);
    });

    it("stops, rather than waiting less, when longer than a configured maxRetryAfterMs", () => {
      const capped = resolveRetryPolicy({ maxRetryAfterMs: 5_000 });
      expect(capped.maxRetryAfterMs).to.equal(5_000);
      expect(decideRetry(input(http(429, 5_000), { policy: capped }))).to.deep.equal({
        retry: true,
        delayMs: 5_000,
      });
      expect(decideRetry(input(http(429, 5_001), { policy: capped }))).to.deep.equal({
        retry: false,
        reason: "Retry-After longer than maxRetryAfterMs",
      });
    });

    it("stops when waiting would exceed the time budget", () => {
      const decision = decideRetry(input(http(429, 900), { elapsedMs: 9500 }));
      expect(decision.retry).to.equal(false);
    });
  });

  describe("back-off", () => {
    it("grows exponentially from the base delay", () => {
      const ceilings = [1, 2, 3, 4].map((n) => backoffDelay(n, policy, alwaysOne));
      expect(ceilings).to.deep.equal([99, 199, 399, 799]);
    });

    it("is capped by maxDelayMs", () => {
      expect(backoffDelay(10, policy, alwaysOne)).to.equal(999);
      expect(backoffDelay(60, policy, alwaysOne)).to.equal(999);
    });

    it("uses full jitter within [0, ceiling)", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 40 }),
          fc.double({ min: 0, max: 0.9999999, noNaN: true }),
          (n, r) => {
            const delay = backoffDelay(n, policy, () => r);
            const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - 1));
            return delay >= 0 && delay < ceiling && Number.isInteger(delay);
          },
        ),
        { seed: 42 },
      );
    });

    it("is used for 5xx and 429 without Retry-After", () => {
      expect(decideRetry(input(http(503), { attempts: 3 }))).to.deep.equal({
        retry: true,
        delayMs: 399,
      });
      expect(decideRetry(input(http(429), { attempts: 2 }))).to.deep.equal({
        retry: true,
        delayMs: 199,
      });
    });
  });

  describe("what is retried", () => {
    it("retries 5xx, timeouts and connection errors for idempotent calls", () => {
      for (const outcome of [
        http(500),
        http(502),
        http(503),
        http(504),
        http(429),
        reset,
        { kind: "network", code: "ECONNREFUSED", requestSent: true },
        { kind: "network", code: "EPIPE", requestSent: true },
        { kind: "timeout", requestSent: true },
      ] satisfies AttemptOutcome[]) {
        expect(isRetryable(outcome, "idempotent"), JSON.stringify(outcome)).to.equal(true);
      }
    });

    it("never retries 4xx other than 429, or fatal outcomes", () => {
      for (const status of [400, 401, 403, 404, 405, 409, 410, 415]) {
        expect(isRetryable(http(status), "idempotent"), String(status)).to.equal(false);
        expect(isRetryable(http(status), "create"), String(status)).to.equal(false);
      }
      expect(isRetryable({ kind: "fatal" }, "idempotent")).to.equal(false);
      expect(
        isRetryable({ kind: "network", code: "ENOTFOUND", requestSent: true }, "idempotent"),
      ).to.equal(false);
    });

    it("stops after maxAttempts attempts", () => {
      expect(decideRetry(input(http(503), { attempts: 4 })).retry).to.equal(true);
      expect(decideRetry(input(http(503), { attempts: 5 }))).to.deep.equal({
        retry: false,
        reason: "attempts exhausted",
      });
    });
  });

  describe("key creation (K2)", () => {
    it("treats a lost answer after sending as ambiguous and never retries it", () => {
      const lost: AttemptOutcome[] = [
        reset,
        { kind: "timeout", requestSent: true },
        http(502),
        http(504),
      ];
      for (const outcome of lost) {
        expect(isAmbiguousWrite(outcome, "create"), JSON.stringify(outcome)).to.equal(true);
        expect(decideRetry(input(outcome, { kind: "create" })).retry).to.equal(false);
      }
    });

    it("retries 429 and 503, where the server answered without creating anything", () => {
      expect(decideRetry(input(http(429, 10), { kind: "create" }))).to.deep.equal({
        retry: true,
        delayMs: 10,
      });
      expect(decideRetry(input(http(503), { kind: "create" })).retry).to.equal(true);
      expect(decideRetry(input(http(500), { kind: "create" })).retry).to.equal(false);
    });

    it("retries a refused connection or an unauthenticated request, which cannot have created a key", () => {
      const refused: AttemptOutcome = { kind: "network", code: "ECONNREFUSED", requestSent: true };
      const challengeLost: AttemptOutcome = {
        kind: "network",
        code: "ECONNRESET",
        requestSent: false,
      };
      for (const outcome of [refused, challengeLost]) {
        expect(isAmbiguousWrite(outcome, "create")).to.equal(false);
        expect(decideRetry(input(outcome, { kind: "create" })).retry).to.equal(true);
      }
    });

    it("never calls idempotent failures ambiguous", () => {
      expect(isAmbiguousWrite(reset, "idempotent")).to.equal(false);
      expect(isAmbiguousWrite(http(504), "idempotent")).to.equal(false);
    });
  });

  describe("loop", () => {
    const tiny = resolveRetryPolicy({ baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 3 });
    const serverError = (attempts: number) =>
      new OpsManagerError("boom", {
        code: "SERVER_ERROR",
        status: 503,
        method: "GET",
        path: "/x",
        attempts,
      });

    it("retries until success and counts retries", async () => {
      let retries = 0;
      const result = await runWithRetry(
        async (n) => {
          if (n < 3) throw serverError(n);
          return `ok after ${n}`;
        },
        {
          kind: "idempotent",
          policy: tiny,
          random: () => 0.5,
          now: Date.now,
          onRetry: () => (retries += 1),
        },
      );
      expect(result).to.equal("ok after 3");
      expect(retries).to.equal(2);
    });

    it("surfaces the last real error, not ts-retry's wrappers", async () => {
      let calls = 0;
      const notFound = new OpsManagerError("gone", {
        code: "NOT_FOUND",
        status: 404,
        method: "GET",
        path: "/x",
        attempts: 1,
      });
      const aborted = runWithRetry(
        async () => {
          calls += 1;
          throw notFound;
        },
        {
          kind: "idempotent",
          policy: tiny,
          random: () => 0.5,
          now: Date.now,
          onRetry: () => undefined,
        },
      );
      const error = await aborted.catch((e: unknown) => e);
      expect(error).to.equal(notFound);
      expect(calls).to.equal(1);

      const exhausted = await runWithRetry(
        async (n) => {
          throw serverError(n);
        },
        {
          kind: "idempotent",
          policy: tiny,
          random: () => 0.5,
          now: Date.now,
          onRetry: () => undefined,
        },
      ).catch((e: unknown) => e);
      expect((exhausted as OpsManagerError).attempts).to.equal(3);
      expect((exhausted as OpsManagerError).code).to.equal("SERVER_ERROR");
    });
  });

  describe("retryWithPolicy (the generic runner)", () => {
    it("repeats a step with the delays its decision function gives until the step resolves", async () => {
      const seen: Array<{ attempts: number; error: unknown }> = [];
      const result = await retryWithPolicy(
        async (n) => {
          if (n < 3) throw new Error(`not yet ${n}`);
          return n;
        },
        (error, { attempts }) => {
          seen.push({ attempts, error });
          return { retry: true, delayMs: 1 };
        },
        { maxAttempts: 5, maxElapsedMs: 1_000 },
      );
      expect(result).to.equal(3);
      expect(seen.map((s) => s.attempts)).to.deep.equal([1, 2]);
      expect((seen[0]?.error as Error).message).to.equal("not yet 1");
    });

    it("stops at maxAttempts, when the decision says stop, or when the wait would pass maxElapsedMs", async () => {
      let calls = 0;
      const step = async (): Promise<never> => {
        calls += 1;
        throw new Error(`fail ${calls}`);
      };
      const retryAlways = () => ({ retry: true as const, delayMs: 0 });
      const byAttempts = await retryWithPolicy(step, retryAlways, {
        maxAttempts: 3,
        maxElapsedMs: 1_000,
      }).catch((e: unknown) => e);
      expect((byAttempts as Error).message).to.equal("fail 3");

      calls = 0;
      const byDecision = await retryWithPolicy(step, () => ({ retry: false }), {
        maxAttempts: 9,
        maxElapsedMs: 1_000,
      }).catch((e: unknown) => e);
      expect((byDecision as Error).message).to.equal("fail 1");

      calls = 0;
      let clock = 0;
      const byBudget = await retryWithPolicy(
        step,
        () => ({ retry: true, delayMs: 950 }),
        { maxAttempts: 9, maxElapsedMs: 1_000 },
        { now: () => (clock += 100) },
      ).catch((e: unknown) => e);
      expect((byBudget as Error).message).to.equal("fail 1");
    });
  });
});
