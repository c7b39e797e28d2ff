/**
 * The retry policy as pure data and functions: which failures are retried, after how long, and
 * when a create's lost answer is ambiguous. The loop that runs it lives in retry-loop.ts.
 */
import type { OpsManagerError } from "./errors";
import type { RetryPolicy } from "./types";

/** Defaults of `ClientSettings.retry`. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxElapsedMs: 60_000,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
};

/**
 * How safe a call is to repeat. `idempotent`: GET, PATCH (key update, project assignment), DELETE
 * and adding access-list entries (re-adding is a no-op or a 409 the caller tolerates). `create`:
 * a key create, where a repeat can make a second key.
 */
export type CallKind = "idempotent" | "create";

/** What one attempt ended with, as far as the policy cares. */
export type AttemptOutcome =
  | { readonly kind: "http"; readonly status: number; readonly retryAfterMs?: number }
  /** No answer. `requestSent` false only when the server cannot have acted (refused, unauthenticated). */
  | { readonly kind: "network"; readonly code: string; readonly requestSent: boolean }
  | { readonly kind: "timeout"; readonly requestSent: boolean }
  /** Anything never worth repeating (TLS, malformed answers, ambiguous writes). */
  | { readonly kind: "fatal" };

export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: string };

/** Transport error codes that mean "try again" (got's list, trimmed to what a socket does). */
const RETRYABLE_NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
]);

/** Merges partial settings over the defaults, clamping nonsense to sane minimums. */
export function resolveRetryPolicy(partial: Partial<RetryPolicy> = {}): RetryPolicy {
  const merged = { ...DEFAULT_RETRY_POLICY, ...partial };
  const policy: RetryPolicy = {
    maxAttempts: Math.max(1, Math.floor(merged.maxAttempts)),
    maxElapsedMs: Math.max(0, merged.maxElapsedMs),
    baseDelayMs: Math.max(0, merged.baseDelayMs),
    maxDelayMs: Math.max(0, merged.maxDelayMs),
  };
  return merged.maxRetryAfterMs === undefined
    ? policy
    : { ...policy, maxRetryAfterMs: Math.max(0, merged.maxRetryAfterMs) };
}

/**
 * `Retry-After` in ms: delta-seconds (fractional allowed, e.g. `0.01`) or an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Capped exponential back-off with full jitter: uniform in [0, min(max, base * 2^(retry-1))).
 * `retryNumber` is 1 for the first retry.
 */
export function backoffDelay(
  retryNumber: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1),
  );
  return Math.floor(random() * ceiling);
}

/** True when a create's request may have been applied but its answer was lost (never retried). */
export function isAmbiguousWrite(outcome: AttemptOutcome, kind: CallKind): boolean {
  if (kind !== "create") return false;
  if (outcome.kind === "timeout") return outcome.requestSent;
  if (outcome.kind === "network") return outcome.requestSent && outcome.code !== "ECONNREFUSED";
  // A gateway that gave up waiting does not know whether the server created the key.
  return outcome.kind === "http" && (outcome.status === 502 || outcome.status === 504);
}

/** Whether this outcome is worth another attempt for this kind of call, budget aside. */
export function isRetryable(outcome: AttemptOutcome, kind: CallKind): boolean {
  if (isAmbiguousWrite(outcome, kind)) return false;
  switch (outcome.kind) {
    case "http":
      if (outcome.status === 429) return true;
      // A create answered by a 503 was refused before anything was made; other 5xx may have acted.
      if (kind === "create") return outcome.status === 503;
      return outcome.status >= 500;
    case "network":
      return RETRYABLE_NETWORK_CODES.has(outcome.code);
    case "timeout":
      return true;
    default:
      return false;
  }
}

/** Everything `decideRetry` needs; pure values plus an injectable random source. */
export interface RetryInput {
  readonly outcome: AttemptOutcome;
  readonly kind: CallKind;
  /** Attempts made so far (1 after the first failure). */
  readonly attempts: number;
  /** Time since the first attempt started. */
  readonly elapsedMs: number;
  readonly policy: RetryPolicy;
  readonly random: () => number;
}

/**
 * The decision after a failed attempt: retry after `delayMs`, or stop and surface the error.
 * A server's `Retry-After` is a floor, never shortened: the retry waits exactly that long, or
 * does not happen when the wait would pass `maxElapsedMs` (or the optional `maxRetryAfterMs`).
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { outcome, kind, attempts, elapsedMs, policy, random } = input;
  if (!isRetryable(outcome, kind)) return { retry: false, reason: "not retryable" };
  if (attempts >= policy.maxAttempts) return { retry: false, reason: "attempts exhausted" };
  const retryAfter = outcome.kind === "http" ? outcome.retryAfterMs : undefined;
  if (
    retryAfter !== undefined &&
    policy.maxRetryAfterMs !== undefined &&
    retryAfter > policy.maxRetryAfterMs
  ) {
    return { retry: false, reason: "Retry-After longer than maxRetryAfterMs" };
  }
  const delayMs = retryAfter ?? backoffDelay(attempts, policy, random);
  if (elapsedMs + delayMs > policy.maxElapsedMs)
    return { retry: false, reason: "time budget spent" };
  return { retry: true, delayMs };
}

/** The policy's view of an `OpsManagerError` thrown by one attempt. */
export function outcomeOf(error: OpsManagerError): AttemptOutcome {
  switch (error.code) {
    case "AMBIGUOUS_WRITE":
    case "TLS":
    case "BAD_RESPONSE":
      return { kind: "fatal" };
    case "TIMEOUT":
      return { kind: "timeout", requestSent: true };
    case "NETWORK":
      return { kind: "network", code: error.transportCode ?? "UNKNOWN", requestSent: true };
    default:
      return error.status === undefined
        ? { kind: "fatal" }
        : { kind: "http", status: error.status, retryAfterMs: error.retryAfterMs };
  }
}
