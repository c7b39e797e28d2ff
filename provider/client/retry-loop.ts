/**
 * The one retry runner, on ts-retry. `retryWithPolicy` is generic (any async step, any decision
 * function, bounded by a `RetryPolicy`); `runWithRetry` is the client's use of it with the pure
 * policy of retry.ts. ts-retry's defaults (240 tries, 250 ms) and its module-global default
 * options are never relied on: every option is passed explicitly. Its AbortError is unwrapped so
 * callers see the real error.
 */
import { isAbortError, isTooManyTries, retryAsync } from "ts-retry";
import { isOpsManagerError } from "./errors";
import { decideRetry, outcomeOf, type AttemptOutcome, type CallKind } from "./retry";
import type { RetryPolicy } from "./types";

/** What `decide` is told about the failed attempt. */
export interface RetryContext {
  /** Attempts made so far (1 after the first failure). */
  readonly attempts: number;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
}

/** Retry after `delayMs`, or stop (the attempt's error is then thrown to the caller). */
export type RetryVerdict =
  { readonly retry: true; readonly delayMs: number } | { readonly retry: false };

/** Test seams of the runner; production uses Date.now. */
export interface RetryClock {
  readonly now?: () => number;
}

/**
 * Calls `attempt(1)`, `attempt(2)`, … until one resolves, `decide` says stop, or the policy's
 * bounds are reached: at most `policy.maxAttempts` attempts, and no wait that would end after
 * `policy.maxElapsedMs`. Rejects with the last attempt's own error.
 */
export async function retryWithPolicy<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  decide: (error: unknown, context: RetryContext) => RetryVerdict,
  policy: Pick<RetryPolicy, "maxAttempts" | "maxElapsedMs">,
  clock: RetryClock = {},
): Promise<T> {
  const now = clock.now ?? Date.now;
  const startedAt = now();
  let attempts = 0;
  let nextDelayMs = 0;
  try {
    return await retryAsync(
      async () => {
        attempts += 1;
        return attempt(attempts);
      },
      {
        maxTry: Math.max(1, policy.maxAttempts),
        delay: () => nextDelayMs,
        until: null,
        onError: (error: Error) => {
          const elapsedMs = now() - startedAt;
          if (attempts >= policy.maxAttempts) return false;
          const verdict = decide(error, { attempts, elapsedMs });
          if (!verdict.retry || elapsedMs + verdict.delayMs > policy.maxElapsedMs) return false;
          nextDelayMs = Math.max(0, verdict.delayMs);
          return true;
        },
        onMaxRetryFunc: undefined,
        onSuccessFunc: undefined,
      },
    );
  } catch (error) {
    throw unwrap(error);
  }
}

export interface RetryLoopOptions {
  readonly kind: CallKind;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly now: () => number;
  /** Called once before each retry (for stats). */
  readonly onRetry: () => void;
  /** The policy's view of an attempt's error; defaults to `outcomeOf` of an `OpsManagerError`. */
  readonly classify?: (error: unknown) => AttemptOutcome;
}

function defaultClassify(error: unknown): AttemptOutcome {
  return isOpsManagerError(error) ? outcomeOf(error) : { kind: "fatal" };
}

/** One client call's attempts under the client's retry policy (retry.ts). */
export function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryLoopOptions,
): Promise<T> {
  const { kind, policy, random, now, onRetry } = options;
  const classify = options.classify ?? defaultClassify;
  return retryWithPolicy(
    attempt,
    (error, { attempts, elapsedMs }) => {
      const decision = decideRetry({
        outcome: classify(error),
        kind,
        attempts,
        elapsedMs,
        policy,
        random,
      });
      if (!decision.retry) return { retry: false };
      onRetry();
      return decision;
    },
    policy,
    { now },
  );
}

/** ts-retry wraps an aborted error; give callers the original. */
function unwrap(error: unknown): unknown {
  if (typeof error === "object" && error !== null) {
    if (isAbortError(error)) {
      return (error as unknown as { getError(): unknown }).getError();
    }
    if (isTooManyTries(error)) {
      // Only thrown for an unmet `until`, which this runner never sets; keep the signal anyway.
      return new Error("retry loop ended without a result (ts-retry TooManyTries)");
    }
  }
  return error;
}
