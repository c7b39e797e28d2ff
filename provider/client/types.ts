/**
 * Wire types and the client contract for the Ops Manager public API (org API keys and their
 * access lists). See ../shared/spec/ops-manager-api.md §4–§5 for the shapes.
 */

/** Which path segment serves a key's access list: `auto` tries `accessList`, then `whitelist` on 404. */
export type AccessListPath = "auto" | "accessList" | "whitelist";

/** Bounds of the one retry layer (design §4). */
export interface RetryPolicy {
  /** Total attempts including the first (1 = no retry). */
  readonly maxAttempts: number;
  /** Give up once this much time has passed since the first attempt. */
  readonly maxElapsedMs: number;
  /** First back-off delay; doubles per attempt, with jitter. */
  readonly baseDelayMs: number;
  /** Cap of one back-off delay (also caps an honoured Retry-After). */
  readonly maxDelayMs: number;
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
  readonly retry?: Partial<RetryPolicy>;
  /** Receives warnings (skip-verify, whitelist fallback); default `console.warn`. */
  readonly warn?: (message: string) => void;
}

/** A role as the API returns it: org roles carry `orgId`, project roles `groupId`. */
export interface RoleAssignment {
  readonly roleName: string;
  readonly orgId?: string;
  readonly groupId?: string;
}

/** An organization API key (K1–K5). `privateKey` is unredacted only in the create response. */
export interface ApiKey {
  readonly id: string;
  readonly desc: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly roles: readonly RoleAssignment[];
}

/** Body of K2 (create) and K4 (update; both fields optional there, at least one required). */
export interface ApiKeyRequest {
  readonly desc?: string;
  readonly roles?: readonly string[];
}

/** One access-list entry (A1–A4). Optional fields are absent when the API omits them. */
export interface AccessListEntry {
  readonly cidrBlock: string;
  readonly ipAddress?: string | null;
  readonly count?: number;
  readonly created?: string;
  readonly lastUsed?: string;
  readonly lastUsedAddress?: string;
}

/** One element of an A2 body: exactly one of the two fields. */
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
 * Every failure is an `OpsManagerError` (see errors.ts).
 */
export interface OpsManagerClient {
  /** K1, all pages. */
  listApiKeys(orgId: string): Promise<ApiKey[]>;
  /** K2. Never retried blindly: a lost response surfaces as an error with code `AMBIGUOUS_WRITE`. */
  createApiKey(orgId: string, body: ApiKeyRequest): Promise<ApiKey>;
  /** K3. */
  getApiKey(orgId: string, apiKeyId: string): Promise<ApiKey>;
  /** K4. */
  updateApiKey(orgId: string, apiKeyId: string, body: ApiKeyRequest): Promise<ApiKey>;
  /** K5. */
  deleteApiKey(orgId: string, apiKeyId: string): Promise<void>;
  /** A1 (or W1), all pages. */
  listAccessList(orgId: string, apiKeyId: string): Promise<AccessListEntry[]>;
  /** A2 (or W2). Returns the first page of the key's list after the insert. */
  addAccessListEntries(
    orgId: string,
    apiKeyId: string,
    entries: readonly AccessListEntryRequest[],
  ): Promise<AccessListEntry[]>;
  /** A3 (or W3). */
  getAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<AccessListEntry>;
  /** A4 (or W4). */
  deleteAccessListEntry(orgId: string, apiKeyId: string, entry: string): Promise<void>;
  /** Counters since the client was made. */
  stats(): ClientStats;
}
