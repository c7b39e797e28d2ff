/**
 * In-memory state of the emulator: organizations, their projects, their API keys, each key's
 * access list and its project roles. Plain data (JSON-serializable for `dataFile`); lists keep
 * creation order (inferred: the API documents no order).
 */
import * as ids from "./prng";
import type { Prng } from "./prng";

/** One access-list entry. `ipAddress` is set only for entries posted as ipAddress. */
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
  /** Organization roles. */
  roles: string[];
  entries: EntryRecord[];
  /**
   * Project roles by project id, in assignment order; a key is assigned to a project exactly
   * when it has an entry here. Absent in data files written before projects existed.
   */
  projectRoles?: Record<string, string[]>;
}

/** A project ("group") of an organization. */
export interface ProjectRecord {
  id: string;
  name: string;
}

export interface OrgRecord {
  id: string;
  requireAccessList: boolean;
  /** The key created with the org (the one printed by the CLI). */
  bootstrapKeyId: string;
  keys: KeyRecord[];
  /** Absent in data files written before projects existed. */
  projects?: ProjectRecord[];
}

export interface StoreData {
  orgs: OrgRecord[];
}

/** Organization roles an org API key may hold. */
export const ORG_ROLES: readonly string[] = [
  "ORG_OWNER",
  "ORG_MEMBER",
  "ORG_GROUP_CREATOR",
  "ORG_READ_ONLY",
  "ORG_BILLING_ADMIN",
];

/** Project roles an org API key may hold in a project (the documented list the client holds). */
export { PROJECT_ROLES } from "../provider/client/types";

/** Documented per-org key limit. */
export const MAX_KEYS_PER_ORG = 500;

/** ISO-8601 in seconds with `Z`, as the API prints dates. */
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

  /** The project with this id, with its org. */
  findProject(projectId: string): { org: OrgRecord; project: ProjectRecord } | undefined {
    for (const org of this.data.orgs) {
      const project = org.projects?.find((p) => p.id === projectId);
      if (project) return { org, project };
    }
    return undefined;
  }

  /** A new project in `org`. */
  createProject(org: OrgRecord, name?: string): ProjectRecord {
    org.projects ??= [];
    const project: ProjectRecord = {
      id: this.uniqueId(),
      name: name ?? `Project ${org.projects.length + 1}`,
    };
    org.projects.push(project);
    this.dirty = true;
    return project;
  }

  /** The org's first project, created if it has none (e.g. an older data file). */
  firstProject(org: OrgRecord): ProjectRecord {
    return org.projects?.[0] ?? this.createProject(org);
  }

  /** The key's roles in the project; undefined when it is not assigned there. */
  projectRolesOf(key: KeyRecord, projectId: string): string[] | undefined {
    return key.projectRoles?.[projectId];
  }

  /** Assigns the key to the project with exactly `roles` (replacing any it had there). */
  setProjectRoles(key: KeyRecord, projectId: string, roles: readonly string[]): void {
    key.projectRoles ??= {};
    key.projectRoles[projectId] = [...roles];
    this.dirty = true;
  }

  /** Removes the key from the project; false when it was not assigned. */
  unassignProject(key: KeyRecord, projectId: string): boolean {
    if (key.projectRoles?.[projectId] === undefined) return false;
    delete key.projectRoles[projectId];
    this.dirty = true;
    return true;
  }

  private uniqueId(): string {
    const taken = new Set<string>();
    for (const org of this.data.orgs) {
      taken.add(org.id);
      for (const key of org.keys) taken.add(key.id);
      for (const project of org.projects ?? []) taken.add(project.id);
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

  /** A new org with an ORG_OWNER bootstrap key and one project. */
  createOrg(requireAccessList = false): {
    org: OrgRecord;
    key: KeyRecord;
    project: ProjectRecord;
  } {
    const org: OrgRecord = {
      id: this.uniqueId(),
      requireAccessList,
      bootstrapKeyId: "",
      keys: [],
      projects: [],
    };
    this.data.orgs.push(org);
    const key = this.createKey(org, "Emulator bootstrap key", ["ORG_OWNER"]);
    org.bootstrapKeyId = key.id;
    const project = this.createProject(org);
    return { org, key, project };
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
