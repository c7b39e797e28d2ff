/**
 * What a real engine would hold for one chaos run (docs/PULUMI-ENGINE.md): the
 * outputs of successful creates/updates, partial-create outputs too, and resources whose delete
 * failed during a replacement (pending deletes, retried by the next deployment). Plus the record
 * of each operation for the report.
 */
import { mulberry32 } from "../../emulator/prng";

/** One OrgApiKey in state. */
export interface KeyResource {
  readonly name: string;
  readonly id: string;
  outs: Record<string, unknown>;
  inputs: Record<string, unknown>;
  /** Recorded from a partial create (ErrorResourceInitFailed). */
  readonly partial: boolean;
}

/** One ApiKeyWhitelistEntry in state. */
export interface EntryResource {
  readonly name: string;
  readonly keyName: string;
  readonly id: string;
  outs: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

/** One ApiKeyProjectAssignment in state: the roles of a key (by resource name) in the project. */
export interface AssignmentResource {
  readonly name: string;
  readonly keyName: string;
  readonly id: string;
  outs: Record<string, unknown>;
  inputs: Record<string, unknown>;
  /** New inputs the program declares whose update failed: the next deployment updates again. */
  declared?: Record<string, unknown>;
}

/**
 * An assignment the program declares whose create failed: not in state, so the next deployment
 * creates it again (the PATCH adopts an assignment a lost response left on the server).
 */
export interface AwaitedAssignment {
  readonly name: string;
  readonly keyName: string;
  readonly roles: string[];
}

export type ResourceKind = "OrgApiKey" | "ApiKeyWhitelistEntry" | "ApiKeyProjectAssignment";

/** A replaced resource still in state because its delete has not succeeded yet. */
export interface PendingDelete {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly outs: Record<string, unknown>;
}

export interface ProviderState {
  readonly keys: Map<string, KeyResource>;
  readonly entries: Map<string, EntryResource>;
  readonly assignments: Map<string, AssignmentResource>;
  /** Declared assignments not in state yet (their create failed); retried before every step. */
  awaited: AwaitedAssignment[];
  /** Entries and assignments before keys, as the engine deletes in reverse dependency order. */
  pending: PendingDelete[];
}

/** One lifecycle call (or engine step) and how it ended. */
export interface OpRecord {
  readonly op: string;
  readonly target: string;
  readonly ok: boolean;
  /** Faults the emulator injected while this call ran. */
  readonly faults: number;
  /** Client-level retries during this call. */
  readonly retries: number;
  readonly message?: string;
  /** Problems with the failure message (empty = clear). */
  readonly unclear?: readonly string[];
}

export function emptyState(): ProviderState {
  return { keys: new Map(), entries: new Map(), assignments: new Map(), awaited: [], pending: [] };
}

/** Entries of `keyName` currently in state. */
export function entriesOf(state: ProviderState, keyName: string): EntryResource[] {
  return [...state.entries.values()].filter((e) => e.keyName === keyName);
}

/** Assignments of `keyName` currently in state. */
export function assignmentsOf(state: ProviderState, keyName: string): AssignmentResource[] {
  return [...state.assignments.values()].filter((a) => a.keyName === keyName);
}

/** Seeded choices for one run. */
export interface Dice {
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function dice(seed: number): Dice {
  const prng = mulberry32(seed);
  const int = (n: number): number => Math.floor(prng.next() * n);
  return {
    next: () => prng.next(),
    int,
    chance: (p) => prng.next() < p,
    pick: (items) => items[int(items.length)],
  };
}

/** A JSON view of state as an engine would persist it: `privateKey` is a secret (encrypted there). */
export function persistedView(state: ProviderState): string {
  const hide = (outs: Record<string, unknown>): Record<string, unknown> =>
    "privateKey" in outs
      ? { ...outs, privateKey: outs.privateKey === null ? null : "[secret ciphertext]" }
      : outs;
  return JSON.stringify({
    keys: [...state.keys.values()].map((k) => ({ ...k, outs: hide(k.outs) })),
    entries: [...state.entries.values()],
    assignments: [...state.assignments.values()],
    pending: state.pending.map((p) => ({ ...p, outs: hide(p.outs) })),
  });
}
