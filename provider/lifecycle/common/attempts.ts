/**
 * Bounded repetition of a lifecycle step (re-listing after a lost create, deleting what it made)
 * through ts-retry, the project's one retry library. Each attempt is itself a client call that
 * the client already retries by its own policy; this layer only repeats whole steps.
 */
import { retryAsync } from "ts-retry";

/** Runs `step` up to `attempts` times, waiting `baseDelayMs`, then twice that, … between tries. */
export function withAttempts<T>(
  attempts: number,
  baseDelayMs: number,
  step: (attempt: number) => Promise<T>,
): Promise<T> {
  let attempt = 0;
  return retryAsync(
    () => {
      attempt += 1;
      return step(attempt);
    },
    {
      maxTry: attempts,
      delay: ({ currentTry }: { currentTry: number }) => baseDelayMs * 2 ** (currentTry - 1),
      until: null,
      onError: undefined,
      onMaxRetryFunc: undefined,
      onSuccessFunc: undefined,
    },
  );
}
