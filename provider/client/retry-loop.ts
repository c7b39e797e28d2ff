/**
 * Runs one call's attempts through ts-retry with the pure policy of retry.ts. ts-retry's defaults
 * (240 tries, 250 ms) and its module-global default options are never relied on: every option is
 * passed explicitly. Its AbortError is unwrapped so callers see the real `OpsManagerError`.
 */
import { isAbortError, isTooManyTries, retryAsync } from "ts-retry";
import { isOpsManagerError } from "./errors";
import { decideRetry, outcomeOf, type AttemptOutcome, type CallKind } from "./retry";
import type { RetryPolicy } from "./types";

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

/** Calls `attempt(1)`, `attempt(2)`, … until one succeeds or the policy says stop. */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryLoopOptions,
): Promise<T> {
  const { kind, policy, random, now, onRetry } = options;
  const classify = options.classify ?? defaultClassify;
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
        maxTry: policy.maxAttempts,
        delay: () => nextDelayMs,
        until: null,
        onError: (error: Error) => {
          const decision = decideRetry({
            outcome: classify(error),
            kind,
            attempts,
            elapsedMs: now() - startedAt,
            policy,
            random,
          });
          if (!decision.retry) return false;
          nextDelayMs = decision.delayMs;
          onRetry();
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

/** ts-retry wraps an aborted error; give callers the original. */
function unwrap(error: unknown): unknown {
  if (typeof error === "object" && error !== null) {
    if (isAbortError(error as Error)) {
      return (error as unknown as { getError(): unknown }).getError();
    }
    if (isTooManyTries(error as Error)) {
      // Only thrown for an unmet `until`, which this loop never sets; keep the signal anyway.
      return new Error("retry loop ended without a result (ts-retry TooManyTries)");
    }
  }
  return error;
}
