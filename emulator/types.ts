/**
 * Contract of the Ops Manager emulator. Tests start it in-process with `startEmulator(options)`;
 * the `opsmanager-emulator` command wraps the same function.
 */

/** Which access-list routes are served: OM 5+ (`both`), OM 4.2/4.4 (`whitelist-only`), Atlas-like (`accessList-only`). */
export type AccessListMode = "both" | "whitelist-only" | "accessList-only";

/** Seeded, deterministic fault injection. Probabilities are 0..1, drawn from a PRNG seeded by `seed`. */
export interface FaultPlan {
  readonly seed: number;
  /** 429 with `Retry-After: retryAfterSeconds` (may be fractional, e.g. 0.01, for fast tests). */
  readonly rateLimit?: number;
  readonly retryAfterSeconds?: number;
  /** 500/502/503, picked by the PRNG. */
  readonly serverError?: number;
  /** Destroy the socket before the request is applied. */
  readonly resetBeforeWrite?: number;
  /** Apply the request (a write), then destroy the socket without answering. */
  readonly resetAfterWrite?: number;
  /** Extra latency of `latencySpikeMs` on this fraction of requests. */
  readonly latencySpike?: number;
  readonly latencySpikeMs?: number;
  /** Mark the nonce used by this fraction of requests stale (401 stale=true). */
  readonly staleNonce?: number;
  /** Only these methods are affected (default: all). */
  readonly methods?: readonly string[];
}

export interface EmulatorOptions {
  /** 0 picks a free port. Default 0. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly accessListMode?: AccessListMode;
  /** Status of `API_KEY_NOT_FOUND`: 400 (default, as documented) or 404. */
  readonly missingKeyStatus?: 400 | 404;
  /** Posting an address already listed: silent no-op (default) or 409 `ADDRESS_ALREADY_IN_*`. */
  readonly duplicateEntry?: "noop" | "conflict";
  /** Accept IPv6 entries (default true); false answers 400 `IPV6_UNSUPPORTED`. */
  readonly ipv6?: boolean;
  /**
   * Act like a reverse proxy in front of Ops Manager: a request for a path that is no API route
   * (a wrong base path, or `accessList` on a `whitelist-only` server) gets an HTML 404 page
   * without an `errorCode`, before any Digest challenge. Default false (JSON 404
   * `RESOURCE_NOT_FOUND` after authentication, as Ops Manager itself answers).
   */
  readonly htmlNotFound?: boolean;
  /** The seeded org's "Require IP Access List" setting (default false). */
  readonly requireAccessList?: boolean;
  /** Nonce lifetime; an older nonce gets 401 `stale=true`. Default 5 minutes. */
  readonly nonceTtlMs?: number;
  /** Latency added to every request. Default 0. */
  readonly latencyMs?: number;
  readonly faults?: FaultPlan;
  /** Keep state in this JSON file across restarts. */
  readonly dataFile?: string;
  /** Serve HTTPS with this PEM certificate and key. */
  readonly tls?: { readonly cert: string; readonly key: string };
  /** Seed of ids and keys (deterministic runs). */
  readonly seed?: number;
}

/** One served request, for assertions. The Authorization header is never recorded in clear. */
export interface RequestLogEntry {
  readonly method: string;
  /** Raw request target, still percent-encoded. */
  readonly path: string;
  readonly status: number;
  /** True when the request carried a Digest Authorization header. */
  readonly authenticated: boolean;
  /** Name of the injected fault, if any. */
  readonly fault?: string;
  /** Response body as sent (text), omitted for empty bodies. */
  readonly responseBody?: string;
  readonly requestBody?: string;
}

/** Out-of-band state access (drift tests, chaos checks). Not an Ops Manager API. */
export interface EmulatorAdmin {
  /** `roles`: organization roles; `projectRoles`: project roles by project id. */
  listKeys(orgId: string): Array<{
    id: string;
    desc: string;
    publicKey: string;
    roles: string[];
    projectRoles: Record<string, string[]>;
  }>;
  listEntries(
    orgId: string,
    apiKeyId: string,
  ): Array<{ cidrBlock: string; ipAddress: string | null }>;
  setKeyDescription(orgId: string, apiKeyId: string, desc: string): void;
  setKeyRoles(orgId: string, apiKeyId: string, roles: string[]): void;
  deleteKey(orgId: string, apiKeyId: string): void;
  deleteEntry(orgId: string, apiKeyId: string, cidrBlock: string): void;
  /** Create another org with an ORG_OWNER bootstrap key and one project. */
  createOrg(): { orgId: string; projectId: string; publicKey: string; privateKey: string };
  /** The org's projects. */
  listProjects(orgId: string): Array<{ id: string; name: string }>;
  /** Add a project to the org. */
  createProject(orgId: string, name?: string): { id: string; name: string };
  /** The keys assigned to the project, with their roles there. */
  listProjectKeys(projectId: string): Array<{ id: string; roles: string[] }>;
  /** Assign the key to the project with exactly `roles` (any strings: no validation). */
  setProjectRoles(projectId: string, apiKeyId: string, roles: string[]): void;
  /** Remove the key from the project; throws when it is not assigned. */
  unassignProject(projectId: string, apiKeyId: string): void;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` (or https), without `/api/public/v1.0`. */
  readonly baseUrl: string;
  /** The seeded org, its first project and its bootstrap ORG_OWNER key. */
  readonly orgId: string;
  readonly projectId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  /** Requests served so far (mutable log; `clearLog()` empties it). */
  readonly requests: readonly RequestLogEntry[];
  clearLog(): void;
  readonly admin: EmulatorAdmin;
  /** Change switches, latency or faults while running. */
  configure(options: Partial<EmulatorOptions>): void;
  /** Counts of faults injected by kind since start. */
  faultCounts(): Record<string, number>;
  close(): Promise<void>;
}
