/**
 * The one error class of the client (design §4, style §7.5). Every failure of a client call is an
 * `OpsManagerError` whose `message` alone says what happened and what to do, because only the
 * message reaches the Pulumi CLI. Identity is checked through a brand property, never
 * `instanceof`, because the class can exist in several realms / copies of this module.
 */

/** Stable, documented failure kinds; callers branch on these, never on message text. */
export type OpsManagerErrorCode =
  | "UNAUTHORIZED"
  | "PERMISSION_DENIED"
  | "ACCESS_LIST_DENIED"
  | "NOT_FOUND"
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

/** A failed Ops Manager call. Check with `isOpsManagerError(e)`, branch on `code`. */
export class OpsManagerError extends Error {
  /** Brand for `isOpsManagerError` (works across realms and module copies). */
  readonly isOpsManagerError = true as const;
  readonly code: OpsManagerErrorCode;
  readonly status?: number;
  readonly errorCode?: string;
  readonly method: string;
  readonly path: string;
  readonly detail?: string;
  readonly parameters?: readonly string[];
  readonly attempts: number;
  readonly retryAfterMs?: number;
  readonly transportCode?: string;

  constructor(message: string, init: OpsManagerErrorInit, secrets: readonly string[] = []) {
    super(redact(message, secrets), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "OpsManagerError";
    this.code = init.code;
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.method = init.method;
    this.path = init.path;
    this.detail = init.detail === undefined ? undefined : redact(init.detail, secrets);
    this.parameters = init.parameters?.map((p) => redact(p, secrets));
    this.attempts = init.attempts;
    this.retryAfterMs = init.retryAfterMs;
    this.transportCode = init.transportCode;
  }
}

/** Cross-realm guard: true for any `OpsManagerError`, whichever copy of this module made it. */
export function isOpsManagerError(e: unknown): e is OpsManagerError {
  if (typeof e !== "object" || e === null) return false;
  const candidate = e as { isOpsManagerError?: unknown; code?: unknown };
  return candidate.isOpsManagerError === true && typeof candidate.code === "string";
}

/** True when the thing addressed does not exist (404, or 400 `API_KEY_NOT_FOUND`, entry not found). */
export function isNotFound(e: unknown): boolean {
  return isOpsManagerError(e) && e.code === "NOT_FOUND";
}

// Codes renamed without a simple WHITELIST -> ACCESS_LIST substitution (spec §6).
const ALIASES: Readonly<Record<string, string>> = {
  API_KEY_ACCESS_LIST_NOT_FOUND: "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND",
};

/** One spelling per error code: `…WHITELIST…` and `…ACCESS_LIST…` compare equal (spec §1.3, §6). */
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
