/** Per-run context shared by the chaos steps. */
import type { ChaosEngine } from "./engine";
import type { Dice, ProviderState } from "./model";

/** What the per-step invariants need to know beyond state (invariants.ts). */
export interface Tracking {
  /** Key ids that held access-list entries the program still declares. */
  readonly hadEntries: Set<string>;
  /** Key ids whose delete the engine has issued (a key being deleted). */
  readonly deleteIssued: Set<string>;
  /**
   * Assignment ids changed out of band (roles edited, unassigned, key deleted in the UI): the
   * lost-assignment check skips them until the provider writes them again.
   */
  readonly drifted: Set<string>;
  /** Assignment ids the suite made out of band on purpose (the orphan check skips them). */
  readonly outOfBand: Set<string>;
}

/** Per-run context of the steps. */
export interface Step {
  readonly engine: ChaosEngine;
  readonly state: ProviderState;
  readonly dice: Dice;
  readonly orgId: string;
  /** The emulator's seeded project, where assignments go. */
  readonly projectId: string;
  readonly track: Tracking;
  /** Keys created beyond the first for one create (should stay 0). */
  duplicates: number;
  counter: number;
}

export function emptyTracking(): Tracking {
  return {
    hadEntries: new Set(),
    deleteIssued: new Set(),
    drifted: new Set(),
    outOfBand: new Set(),
  };
}
