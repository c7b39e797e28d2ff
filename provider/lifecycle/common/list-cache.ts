/**
 * Cache of list answers for one configuration in one host process, i.e. one `pulumi preview`,
 * `up` or `refresh` (docs/ARCHITECTURE.md, "Per-process state").
 *
 * Rules:
 * - single flight: callers that ask for a scope while its list is in flight await that same
 *   promise, whatever the TTL;
 * - a settled list is reused for `ttlMs`, counted from when its load STARTED (the answer is at
 *   most that old); `ttlMs` 0 means "only while in flight";
 * - a failed load is not kept: the next caller tries again;
 * - `invalidate` drops a scope, in flight or settled, so a caller after one of this process's
 *   own writes never sees the list from before it.
 */

interface Slot {
  readonly startedAt: number;
  settled: boolean;
  promise: Promise<unknown>;
}

/** Loads shared by scope (a string such as an org id, or org + key id). */
export class ListCache {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached or in-flight value of `scope`, else the value of a new `load()`. */
  get<T>(scope: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const held = this.slots.get(scope);
    if (held !== undefined && (!held.settled || this.now() - held.startedAt < ttlMs)) {
      return held.promise as Promise<T>;
    }
    const slot: Slot = { startedAt: this.now(), settled: false, promise: Promise.resolve() };
    this.slots.set(scope, slot);
    const promise = (async () => load())().then(
      (value) => {
        slot.settled = true;
        return value;
      },
      (error: unknown) => {
        if (this.slots.get(scope) === slot) this.slots.delete(scope);
        throw error;
      },
    );
    slot.promise = promise;
    return promise;
  }

  /** Drops `scope` (in flight or settled). */
  invalidate(scope: string): void {
    this.slots.delete(scope);
  }

  /** Number of scopes held (tests). */
  get size(): number {
    return this.slots.size;
  }
}
