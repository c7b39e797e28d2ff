/**
 * Small numeric helpers of the benchmark suite: medians, a monotonic clock and rounding.
 */
import { performance } from "node:perf_hooks";

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds on a monotonic clock. */
export function now(): number {
  return performance.now();
}

/** Runs `fn` and returns its result with the elapsed wall time in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = now();
  const value = await fn();
  return { value, ms: now() - start };
}

/** Rounds to `digits` decimals (report values stay readable in JSON). */
export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Summary of repeated timings, all in milliseconds. */
export interface TimingSummary {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runsMs: readonly number[];
}

/** Median, min, max and the raw runs of a list of timings. */
export function summarize(runsMs: readonly number[]): TimingSummary {
  return {
    medianMs: round(median(runsMs), 1),
    minMs: round(Math.min(...runsMs), 1),
    maxMs: round(Math.max(...runsMs), 1),
    runsMs: runsMs.map((x) => round(x, 1)),
  };
}

/** Median of the non-null values (3 decimals), or null when there are none. */
export function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((x): x is number => x !== null);
  return known.length ? round(median(known)) : null;
}
