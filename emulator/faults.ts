/**
 * Seeded fault injection. Each eligible request (one that carries a valid Digest
 * answer, so the challenge path is never faulted) draws exactly three numbers from a mulberry32
 * stream: the fault band, the latency spike, and the 5xx status. Same seed and same request
 * sequence → same faults.
 */
import { mulberry32, type Prng } from "./prng";
import type { FaultPlan } from "./types";

export type FaultKind =
  "staleNonce" | "rateLimit" | "serverError" | "resetBeforeWrite" | "resetAfterWrite";

export interface FaultDecision {
  readonly kind?: FaultKind;
  /** 500, 502 or 503 when kind is serverError. */
  readonly status: number;
  /** Extra latency of a spike, 0 when none. */
  readonly spikeMs: number;
}

const NO_FAULT: FaultDecision = { status: 0, spikeMs: 0 };
const SERVER_ERRORS = [500, 502, 503];

export class FaultInjector {
  private plan?: FaultPlan;
  private rng?: Prng;
  private readonly counts: Record<string, number> = {};

  constructor(plan?: FaultPlan) {
    this.setPlan(plan);
  }

  /** Replace the plan; the stream restarts from the plan's seed. */
  setPlan(plan: FaultPlan | undefined): void {
    this.plan = plan;
    this.rng = plan ? mulberry32(plan.seed) : undefined;
  }

  get retryAfterSeconds(): number {
    return this.plan?.retryAfterSeconds ?? 1;
  }

  /** Decide the fault for one request. */
  draw(method: string): FaultDecision {
    const plan = this.plan;
    const rng = this.rng;
    if (!plan || !rng) return NO_FAULT;
    if (plan.methods && !plan.methods.map((m) => m.toUpperCase()).includes(method)) return NO_FAULT;
    const [band, spike, pick] = [rng.next(), rng.next(), rng.next()];
    const bands: Array<[FaultKind, number]> = [
      ["staleNonce", plan.staleNonce ?? 0],
      ["rateLimit", plan.rateLimit ?? 0],
      ["serverError", plan.serverError ?? 0],
      ["resetBeforeWrite", plan.resetBeforeWrite ?? 0],
      ["resetAfterWrite", plan.resetAfterWrite ?? 0],
    ];
    let kind: FaultKind | undefined;
    let upper = 0;
    for (const [name, probability] of bands) {
      upper += probability;
      if (band < upper) {
        kind = name;
        break;
      }
    }
    const spikeMs = spike < (plan.latencySpike ?? 0) ? (plan.latencySpikeMs ?? 100) : 0;
    if (spikeMs > 0) this.count("latencySpike");
    if (kind) this.count(kind);
    return { kind, status: SERVER_ERRORS[Math.floor(pick * 3)], spikeMs };
  }

  private count(kind: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
  }

  snapshot(): Record<string, number> {
    return { ...this.counts };
  }
}
