/**
 * Wire types and the client contract for the Ops Manager public API: organization API keys,
 * their access lists, and their assignments to projects. Shapes:
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/org-api-keys/ ,
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/org-api-key-access-lists/ and
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/project-api-keys/ .
 */

/** Which path segment serves a key's access list: `auto` tries `accessList`, then `whitelist` on 404. */
export type AccessListPath = "auto" | "accessList" | "whitelist";

/** Bounds of the one retry layer. */
export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). Default 5. */
  readonly maxAttempts: number;
  /**
   * Total time budget from the first attempt, default 60 s. A retry whose wait (back-off or the
   * server's `Retry-After`) would end past it is not made; the error is surfaced instead.
   */
  readonly maxElapsedMs: number;
  /** First back-off delay; doubles per attempt, with full jitter. Default 200 ms. */
  readonly baseDelayMs: number;
  /** Cap of one back-off delay (not of a server's `Retry-After`). Default 10 s. */
  readonly maxDelayMs: number;
  /**
   * Optional cap of an honoured `Retry-After`: a longer one ends the call at once with
   * `RATE_LIMITED` (or `SERVER_ERROR` for a 503) instead of waiting. Unset: only `maxElapsedMs`
   * bounds the wait. A `Retry-After` is never shortened.
   */
  readonly maxRetryAfterMs?: number;
}

/** Everything a client needs; plain data, resolved from stack config or the environment. */
export interface ClientSettings {
  /** Root URL without `/api/public/v1.0`, e.g. `https://om.example.com:8443`. */
  readonly baseUrl: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly accessListPath: AccessListPath;
  /** PEM bundle file of a private CA. */
  readonly caCertFile?: string;
  /** Turn TLS verification off (warns loudly). */
  readonly insecureSkipVerify?: boolean;
  /** Per-request timeout; default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Retry bounds; unset fields take the defaults of `DEFAULT_RETRY_POLICY`. */
  readonly retry?: Partial<RetryPolicy>;
  /**
   * Receives warnings with a stable code, so callers can add their own hints by code (as for
   * errors); default `console.warn` of the message.
   */
  readonly warn?: (message: string, code: ClientWarningCode) => void;
}

/** What a client warning is about. */
export type ClientWarningCode = "TLS_VERIFICATION_OFF" | "WHITELIST_FALLBACK";

/** A role as the API returns it: org roles carry `orgId`, project roles `groupId`. */
export interface RoleAssignment {
  readonly roleName: string;
  readonly orgId?: string;
  readonly groupId?: string;
}

/**
 * The project roles an organization key can hold in a project, as the API names them:
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/api-keys/project/assign-one-org-apiKey-to-one-project/
 */
export const PROJECT_ROLES: readonly string[] = [
  "GROUP_OWNER",
  "GROUP_READ_ONLY",
  "GROUP_AUTOMATION_ADMIN",
  "GROUP_BACKUP_ADMIN",
  "GROUP_MONITORING_ADMIN",
  "GROUP_USER_ADMIN",
  "GROUP_DATA_ACCESS_ADMIN",
  "GROUP_DATA_ACCESS_READ_WRITE",
  "GROUP_DATA_ACCESS_READ_ONLY",
];

/**
 * An organization API key. `privateKey` is unredacted only in the create response. `roles` holds
 * its organization roles (`orgId`) and, where the API shows them (project listings, and the org
 * listings of servers that include them), its project roles (`groupId`).
 */
export interface ApiKey {
  readonly id: string;
  readonly desc: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly roles: readonly RoleAssignment[];
}

/** Body of a key create, or of a key update (both fields optional there, at least one required). */
export interface ApiKeyRequest {
  readonly desc?: string;
  readonly roles?: readonly string[];
}

/** One access-list entry. Optional fields are absent when the API omits them. */
export interface AccessListEntry {
  readonly cidrBlock: string;
  readonly ipAddress?: string | null;
  readonly count?: number;
  readonly created?: string;
  readonly lastUsed?: string;
  readonly lastUsedAddress?: string;
}

/** One element of an add-entries body: exactly one of the two fields. */
export type AccessListEntryRequest =
  { readonly ipAddress: string } | { readonly cidrBlock: string };

/** Counters for benchmarks and tests: API calls made and HTTP requests sent (incl. challenges and retries). */
export interface ClientStats {
  readonly calls: number;
  readonly requests: number;
  readonly retries: number;
}

/**
 * Typed calls, one per endpoint. `entry` arguments are an IP address or a canonical CIDR; the
 * client addresses `/32` and `/128` entries by bare IP and encodes `/` as `%2F` exactly once.
 * Every failure is an `OpsManagerError` (see errors.ts for the codes).
 */
export interface OpsManagerClient {
  /** Every key of the organization, all pages. */
  listApiKeys(orgId: string): Promise<ApiKey[]>;
  /** Never retried blindly: a lost response surfaces as an error with code `AMBIGUOUS_WRITE`. */
  createApiKey(orgId: string, body: ApiKeyRequest): Promise<ApiKey>;
  getApiKey(orgId: string, apiKeyId: string): Promise<ApiKey>;
  /** Partial update; `roles` replaces the organization roles. */
  updateApiKey(orgId: string, apiKeyId: string, body: ApiKeyRequest): Promise<ApiKey>;
  deleteApiKey(orgId: string, apiKeyId: string): Promise<void>;
  /** The key's access list (or whitelist), all pages. */
  listAccessList(orgId: string, apiKeyId: string): Promise<AccessListEntry[]>;
  /**
   * Adds entries; returns the first page of the key's list after the insert. Adds to the same key
   * made in the same turn of the event loop share one POST (access-list-batches.ts).
   */
  addAccessListEntries(
    orgId: string,
    apiKeyId: string,
    entries: readonly AccessListEntryRequest[],
  ): Promise<AccessListEntry[]>;
  getAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<AccessListEntry>;
  deleteAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<void>;
  /** The organization keys assigned to the project, all pages; `roles` include `groupId` roles. */
  listProjectApiKeys(projectId: string): Promise<ApiKey[]>;
  /**
   * Assigns the key to the project with exactly these project roles (at least one), replacing
   * any it had there. Idempotent (retried like an update). Resolves with the key as answered.
   */
  assignApiKeyToProject(
    projectId: string,
    apiKeyId: string,
    roles: readonly string[],
  ): Promise<ApiKey>;
  /** Removes the key from the project. An unassigned key fails with `NOT_FOUND`. */
  unassignApiKeyFromProject(projectId: string, apiKeyId: string): Promise<void>;
  /** Counters since the client was made. */
  stats(): ClientStats;
}
