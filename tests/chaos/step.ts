/** Per-run context shared by the chaos steps. */
import type { ChaosEngine } from "./engine";
import type { Dice, ProviderState } from "./model";

/** Per-run context of the steps. */
export interface Step {
  readonly engine: ChaosEngine;
  readonly state: ProviderState;
  readonly dice: Dice;
  readonly orgId: string;
  /** Keys created beyond the first for one create (should stay 0). */
  duplicates: number;
  counter: number;
}
