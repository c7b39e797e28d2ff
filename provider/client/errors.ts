/**
 * The one error class of the client. Every failure of a client call is an `OpsManagerError`
 * whose `message` says what Ops Manager (or the network) answered and what that means, in Ops
 * Manager's terms. The client knows nothing of the program that configured it: callers add their
 * own configuration hints by `code`. Identity is checked through a brand property, never
 * `instanceof`, because the class can exist in several realms / copies of this module.
 */

/**
 * Stable failure kinds; callers branch on these (and on the API `errorCode`), never on message
 * text. The list and what each means:
 *
 * - `UNAUTHORIZED`: 401 without an API errorCode: the Digest credentials were refused.
 * - `PERMISSION_DENIED`: the key is valid but may not do this (401 with an errorCode such as
 *   `USER_UNAUTHORIZED`, 403 other than an IP access list, `API_KEY_*_ACCESS_DENIED`).
 * - `ACCESS_LIST_DENIED`: 403 because of an IP access list (`IP_ADDRESS_NOT_ON_…`,
 *   `ORG_REQUIRES_…`, `RESOURCE_REQUIRES_…`); `parameters[0]` is the address the server saw.
 * - `NOT_FOUND`: Ops Manager's own answer that the addressed key, entry or project assignment
 *   does not exist: `API_KEY_NOT_FOUND` (400 or 404; also what this client expects for a key not
 *   assigned to a project, which the API documents no code for) and the entry codes
 *   `API_KEY_WHITELIST_NOT_FOUND` / `API_KEY_ACCESS_LIST_NOT_FOUND` /
 *   `API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND`. Only this code means "gone" (see
 *   `isOpsManagerNotFound`).
 * - `ENDPOINT_NOT_FOUND`: any other 404 (no errorCode, an HTML page, `RESOURCE_NOT_FOUND`, an
 *   unknown not-found code): the URL is not an Ops Manager API route, so the base URL is wrong or
 *   something in front of Ops Manager answered. Never "gone".
 * - `ORG_NOT_FOUND`: `ORG_NOT_FOUND` / `INVALID_ORG_ID`: the organization does not exist here.
 * - `PROJECT_NOT_FOUND`: `GROUP_NOT_FOUND` / `INVALID_GROUP_ID`: the project does not exist here.
 * - `CANNOT_REMOVE_CALLER`: `CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST` (or `…_WHITELIST`): Ops Manager
 *   refuses to delete the access-list entry the calling key's own request came through.
 * - `VALIDATION`: any other 4xx; the request was refused as invalid (includes 401
 *   `BILLING_UNSUPPORTED`: billing roles do not exist in Ops Manager).
 * - `CONFLICT`: 409.
 * - `RATE_LIMITED`: 429, after the retries the policy allowed; `retryAfterMs` when the server said.
 * - `SERVER_ERROR`: 5xx after retries.
 * - `NETWORK`, `TIMEOUT`, `TLS`: no HTTP answer.
 * - `BAD_RESPONSE`: a 2xx whose body is not the expected JSON, a redirect, or another status the
 *   API does not use.
 * - `AMBIGUOUS_WRITE`: a key create whose answer was lost; it may or may not exist.
 */
export type OpsManagerErrorCode =
  | "UNAUTHORIZED"
  | "PERMISSION_DENIED"
  | "ACCESS_LIST_DENIED"
  | "NOT_FOUND"
  | "ENDPOINT_NOT_FOUND"
  | "ORG_NOT_FOUND"
  | "PROJECT_NOT_FOUND"
  | "CANNOT_REMOVE_CALLER"
  | "VALIDATION"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "SERVER_ERROR"
  | "NETWORK"
  | "TIMEOUT"
  | "TLS"
  | "BAD_RESPONSE"
  | "AMBIGUOUS_WRITE";

/** What an `OpsManagerError` carries besides its message. */
export interface OpsManagerErrorInit {
  readonly code: OpsManagerErrorCode;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** The API's `errorCode`, as sent (either spelling). */
  readonly errorCode?: string;
  readonly method: string;
  /** API path below `/api/public/v1.0`, percent-encoded, without query. */
  readonly path: string;
  /** Full URL of the request without query (`origin` + base path + API root + `path`). */
  readonly url?: string;
  /** The API's `detail` (redacted) or a short description of the problem. */
  readonly detail?: string;
  /** The API's `parameters` (e.g. the caller IP of an access-list denial). */
  readonly parameters?: readonly string[];
  /** HTTP requests made for this call before giving up (1 = no retry). */
  readonly attempts: number;
  /** Honoured `Retry-After` of a 429/503, in ms. */
  readonly retryAfterMs?: number;
  /** Node/got error code of a transport failure (`ECONNRESET`, `ETIMEDOUT`, a TLS code …). */
  readonly transportCode?: string;
  /** Sanitized underlying error (never a got error: those hold request headers). */
  readonly cause?: unknown;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const AUTH_HEADER = /(authorization"?\s*[:=]\s*)("(?:[^"\\]|\\.)*"|[^\r\n]*)/gi;
const DIGEST_FIELDS = /\b(Digest\s+)(?=[a-z]+=)[^\r\n]*/gi;

/**
 * Removes anything that could be a credential: UUID-shaped strings (the shape of a private key),
 * Authorization header values, Digest parameter lists, and the given literal secrets.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[REDACTED]");
  }
  return out
    .replace(UUID, "[REDACTED]")
    .replace(AUTH_HEADER, "$1[REDACTED]")
    .replace(DIGEST_FIELDS, "$1[REDACTED]");
}

/** The fields of a failure: everything its init holds but the cause. */
export type OpsManagerErrorFields = Omit<OpsManagerErrorInit, "cause">;

// The fields are declared once, in OpsManagerErrorInit, and assigned by the constructor.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface OpsManagerError extends OpsManagerErrorFields {}

/** A failed Ops Manager call. Check with `isOpsManagerError(e)`, branch on `code`. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class OpsManagerError extends Error {
  /** Brand for `isOpsManagerError` (works across realms and module copies). */
  readonly isOpsManagerError = true as const;

  constructor(message: string, init: OpsManagerErrorInit, secrets: readonly string[] = []) {
    super(redact(message, secrets), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "OpsManagerError";
    const { cause: _cause, detail, parameters, ...fields } = init;
    const own: OpsManagerErrorFields = {
      ...fields,
      detail: detail === undefined ? undefined : redact(detail, secrets),
      parameters: parameters?.map((p) => redact(p, secrets)),
    };
    Object.assign(this, own);
  }
}

/** Cross-realm guard: true for any `OpsManagerError`, whichever copy of this module made it. */
export function isOpsManagerError(e: unknown): e is OpsManagerError {
  if (typeof e !== "object" || e === null) return false;
  const candidate = e as { isOpsManagerError?: unknown; code?: unknown };
  return candidate.isOpsManagerError === true && typeof candidate.code === "string";
}

/**
 * True only for Ops Manager's own answer that the addressed key, entry or project assignment does
 * not exist (code `NOT_FOUND`). A 404 from anything else (a proxy, a wrong base path, an unknown
 * route, a missing organization or project) is never "not found" in this sense.
 */
export function isOpsManagerNotFound(e: unknown): boolean {
  return isOpsManagerError(e) && e.code === "NOT_FOUND";
}

/** Alias of `isOpsManagerNotFound`. */
export const isNotFound = isOpsManagerNotFound;

// Codes renamed without a plain WHITELIST -> ACCESS_LIST substitution.
const ALIASES: Readonly<Record<string, string>> = {
  API_KEY_ACCESS_LIST_NOT_FOUND: "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND",
};

/** One spelling per error code: `…WHITELIST…` and `…ACCESS_LIST…` compare equal. */
export function canonicalErrorCode(errorCode: string): string {
  const renamed = errorCode.toUpperCase().replace(/WHITELIST/g, "ACCESS_LIST");
  return ALIASES[renamed] ?? renamed;
}

/** True when `e` is an `OpsManagerError` whose API `errorCode` is one of `names`, in either spelling. */
export function errorCodeIs(e: unknown, ...names: string[]): boolean {
  if (!isOpsManagerError(e) || e.errorCode === undefined) return false;
  const actual = canonicalErrorCode(e.errorCode);
  return names.some((name) => canonicalErrorCode(name) === actual);
}
