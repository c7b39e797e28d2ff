/**
 * Per-process ledger of an organization's key ids this process knows to be spoken for: every id
 * seen in a completed key listing, and every key this process created, adopted, read or updated
 * (design §2: module state lives exactly as long as one host process).
 *
 * It serves the lost-answer rule of api-key-create.ts: after a create's answer is lost, a key
 * with the declared description and roles that is NOT in the ledger as it stood when the POST was
 * sent can only come from that POST (or from an identical create elsewhere after the last
 * listing, the case the rule cannot tell apart). The ledger therefore only needs a listing that
 * completed BEFORE the POST, not one made right before it: concurrent and successive creates
 * share one listing (issue 6 §2) instead of listing the whole org (up to 500 keys) per key.
 *
 * Ids are never removed: Ops Manager never reuses an id, so a deleted id stays harmless.
 */

/** What one process knows about one organization's keys. */
export class KeyLedger {
  private readonly ids = new Set<string>();
  /** When the most recent completed listing STARTED (its answer is at most that old), or null. */
  private listedAt: number | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records a completed listing that started at `startedAt` (a `now()` value). */
  noteListing(ids: Iterable<string>, startedAt: number): void {
    for (const id of ids) this.ids.add(id.toLowerCase());
    this.listedAt = this.listedAt === null ? startedAt : Math.max(this.listedAt, startedAt);
  }

  /** Records a key this process created or holds in state. */
  noteOwned(id: string): void {
    this.ids.add(id.toLowerCase());
  }

  /** True when a listing started less than `maxAgeMs` ago has completed. */
  listedWithin(maxAgeMs: number): boolean {
    return this.listedAt !== null && this.now() - this.listedAt < maxAgeMs;
  }

  /** A copy of the known ids (take it right before a POST: later additions must not count). */
  snapshot(): ReadonlySet<string> {
    return new Set(this.ids);
  }

  /** The clock the ledger uses (listings record their start with it). */
  time(): number {
    return this.now();
  }
}

const ledgers = new WeakMap<object, Map<string, KeyLedger>>();

/** The ledger of `orgId` for one client (clients.ts keeps one client per configuration). */
export function ledgerOf(client: object, orgId: string): KeyLedger {
  let byOrg = ledgers.get(client);
  if (byOrg === undefined) {
    byOrg = new Map();
    ledgers.set(client, byOrg);
  }
  const org = orgId.toLowerCase();
  let ledger = byOrg.get(org);
  if (ledger === undefined) {
    ledger = new KeyLedger();
    byOrg.set(org, ledger);
  }
  return ledger;
}
