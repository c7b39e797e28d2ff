/**
 * HTTP requests per API call, from the client helper's
 * `benchRequestsPerCall()` (bench/requests-per-call.ts), wrapped as a report section.
 */
import { benchRequestsPerCall } from "./requests-per-call";
import type { BenchResult } from "./report";
import { round } from "./stats";

/** Runs the requests-per-call benchmark. */
export async function benchRequests(): Promise<BenchResult> {
  const started = Date.now();
  const r = await benchRequestsPerCall();
  return {
    name: "requests",
    title: "Requests per call",
    metrics: [
      {
        id: "requests.perCall",
        label: `requests per API call (${r.calls} mixed calls)`,
        value: round(r.ratio, 4),
        unit: "req",
        target: { op: "<=", value: 1.02 },
      },
    ],
    details: { ...r },
    notes: [
      "From bench/requests-per-call.ts: client calls against a fresh in-process emulator; requests counted by the client (challenges and retries included) and cross-checked against the emulator log.",
    ],
    durationMs: Date.now() - started,
  };
}
