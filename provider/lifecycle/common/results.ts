/**
 * The provider method result types, taken from `@pulumi/pulumi/dynamic` as types only: the
 * lifecycle never loads the SDK at run time (the host has its own copy; loading ours would cost
 * cold-start time and could register a second SDK instance).
 */
import type {
  CheckFailure,
  CheckResult,
  CreateResult,
  DiffResult,
  ReadResult,
  ResourceProvider,
  UpdateResult,
} from "@pulumi/pulumi/dynamic";

export type { CheckFailure, CheckResult, CreateResult, ReadResult, ResourceProvider, UpdateResult };

/** A diff result with every field explicit (what our diffs always return). */
export interface PlannedDiff extends DiffResult {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** A create result with its outputs (what our creates always return). */
export interface Created<O> extends CreateResult<O> {
  readonly id: string;
  readonly outs: O;
}

/** An update result with its outputs (what our updates always return). */
export interface Updated<O> extends UpdateResult<O> {
  readonly outs: O;
}

/** A check result whose inputs and failures are always present. */
export interface CheckedInputs extends CheckResult<Record<string, unknown>> {
  readonly inputs: Record<string, unknown>;
  readonly failures: CheckFailure[];
}

/** A read result whose `inputs` is the declared-input view (a property bag). */
export interface ReadOutcome<O> {
  readonly id?: string;
  readonly props?: O;
  readonly inputs?: Record<string, unknown>;
}

/**
 * The SDK types a read's `inputs` as the Outputs type, but the host stores it as the resource's
 * inputs (pulumi/pulumi sdk/nodejs/cmd/dynamic-provider/index.ts, readRPC); ours is the
 * declared-input view, so it is widened here, in one place.
 */
export function asReadResult<O>(outcome: ReadOutcome<O>): ReadResult<O> {
  return outcome as ReadResult<O>;
}

/**
 * Checked inputs typed as a kind's Inputs. When `failures` is non-empty they may hold invalid
 * values, and during preview the unknown sentinel anywhere; every write re-checks them
 * (common/checked-inputs.ts), so the type is the promise of a successful check only.
 */
export function asCheckResult<I>(checked: CheckedInputs): CheckResult<I> {
  return checked as unknown as CheckResult<I>;
}
