/**
 * In-memory state of the emulator: organizations, their API keys and each key's access list.
 * Plain data (JSON-serializable for `dataFile`); lists keep creation order (spec §4.2 [inferred]).
 */
import * as ids from "./prng";
import type { Prng } from "./prng";

/** One access-list entry (spec §5.1). `ipAddress` is set only for entries posted as ipAddress. */
export interface EntryRecord {
  cidrBlock: string;
  ipAddress: string | null;
  count: number;
  created: string;
  lastUsed?: string;
  lastUsedAddress?: string;
}

export interface KeyRecord {
  id: string;
  desc: string;
  publicKey: string;
  /** Kept in clear: Digest verification needs it. Only K2 ever shows it unredacted. */
  privateKey: string;
  roles: string[];
  entries: EntryRecord[];
}

export interface OrgRecord {
  id: string;
  requireAccessList: boolean;
  /** The key created with the org (the one printed by the CLI). */
  bootstrapKeyId: string;
  keys: KeyRecord[];
}

export interface StoreData {
  orgs: OrgRecord[];
}

/** Organization roles an org API key may hold (spec §4.1). */
export const ORG_ROLES: readonly string[] = [
  "ORG_OWNER",
  "ORG_MEMBER",
  "ORG_GROUP_CREATOR",
  "ORG_READ_ONLY",
  "ORG_BILLING_ADMIN",
];

/** Documented per-org key limit (spec §4.3). */
export const MAX_KEYS_PER_ORG = 500;

/** ISO-8601 in seconds with `Z`, as the API prints dates (spec §3). */
export function isoSeconds(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export class Store {
  constructor(
    readonly data: StoreData,
    private readonly rng: Prng,
  ) {}

  /** Set by every mutation; the server persists and clears it after each request. */
  dirty = false;

  findOrg(orgId: string): OrgRecord | undefined {
    return this.data.orgs.find((o) => o.id === orgId);
  }

  findKey(org: OrgRecord, keyId: string): KeyRecord | undefined {
    return org.keys.find((k) => k.id === keyId);
  }

  /** The key a Digest username names, with its org. */
  findByPublicKey(publicKey: string): { org: OrgRecord; key: KeyRecord } | undefined {
    for (const org of this.data.orgs) {
      const key = org.keys.find((k) => k.publicKey === publicKey);
      if (key) return { org, key };
    }
    return undefined;
  }

  private uniqueId(): string {
    const taken = new Set<string>();
    for (const org of this.data.orgs) {
      taken.add(org.id);
      for (const key of org.keys) taken.add(key.id);
    }
    let id = ids.objectId(this.rng);
    while (taken.has(id)) id = ids.objectId(this.rng);
    return id;
  }

  private uniquePublicKey(): string {
    let pk = ids.publicKey(this.rng);
    while (this.findByPublicKey(pk)) pk = ids.publicKey(this.rng);
    return pk;
  }

  createKey(org: OrgRecord, desc: string, roles: string[]): KeyRecord {
    const key: KeyRecord = {
      id: this.uniqueId(),
      desc,
      publicKey: this.uniquePublicKey(),
      privateKey: ids.privateKey(this.rng),
      roles: [...roles],
      entries: [],
    };
    org.keys.push(key);
    this.dirty = true;
    return key;
  }

  /** A new org with an ORG_OWNER bootstrap key. */
  createOrg(requireAccessList = false): { org: OrgRecord; key: KeyRecord } {
    const org: OrgRecord = { id: this.uniqueId(), requireAccessList, bootstrapKeyId: "", keys: [] };
    this.data.orgs.push(org);
    const key = this.createKey(org, "Emulator bootstrap key", ["ORG_OWNER"]);
    org.bootstrapKeyId = key.id;
    return { org, key };
  }

  /** The org's bootstrap key, re-created if it was deleted (e.g. in a loaded data file). */
  bootstrapKey(org: OrgRecord): KeyRecord {
    const existing = this.findKey(org, org.bootstrapKeyId);
    if (existing) return existing;
    const key = this.createKey(org, "Emulator bootstrap key", ["ORG_OWNER"]);
    org.bootstrapKeyId = key.id;
    return key;
  }

  deleteKey(org: OrgRecord, keyId: string): boolean {
    const before = org.keys.length;
    org.keys = org.keys.filter((k) => k.id !== keyId);
    this.dirty ||= org.keys.length !== before;
    return org.keys.length !== before;
  }

  findEntry(key: KeyRecord, cidrBlock: string): EntryRecord | undefined {
    return key.entries.find((e) => e.cidrBlock === cidrBlock);
  }

  addEntry(key: KeyRecord, cidrBlock: string, ipAddress: string | null): EntryRecord {
    const entry: EntryRecord = { cidrBlock, ipAddress, count: 0, created: isoSeconds() };
    key.entries.push(entry);
    this.dirty = true;
    return entry;
  }

  deleteEntry(key: KeyRecord, cidrBlock: string): boolean {
    const before = key.entries.length;
    key.entries = key.entries.filter((e) => e.cidrBlock !== cidrBlock);
    this.dirty ||= key.entries.length !== before;
    return key.entries.length !== before;
  }
}
