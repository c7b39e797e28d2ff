/**
 * Turns what the server answered into an `OpsManagerError` with a stable code and a message that
 * says what Ops Manager said and what it means. Pure. Messages speak of Ops Manager only (the
 * base URL, the API key, the access list); callers add their own configuration hints by code.
 * Error codes and their statuses: https://www.mongodb.com/docs/ops-manager/current/reference/api-error-codes/
 */
import { canonicalErrorCode, OpsManagerError, type OpsManagerErrorCode } from "./errors";

/** Where a failure happened; enough to write a self-contained message. */
export interface CallContext {
  readonly method: string;
  /** API path below `/api/public/v1.0`, e.g. `/orgs/…/apiKeys`. */
  readonly path: string;
  /** `scheme://host:port` of the server, never with user info. */
  readonly origin: string;
  /** Full request URL without query: origin, base path, API root and `path`. */
  readonly url: string;
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  readonly timeoutMs: number;
  /** Literal secrets to scrub from anything built here (the private key). */
  readonly secrets: readonly string[];
}

/** The fields of an API error envelope that matter; all optional. */
export interface ErrorBody {
  readonly errorCode?: string;
  readonly detail?: string;
  readonly parameters?: readonly string[];
}

/** Reads an error body; a non-JSON body becomes a short description in `detail`. */
export function parseErrorBody(text: string): ErrorBody {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const v = value as Record<string, unknown>;
      return {
        errorCode: typeof v.errorCode === "string" ? v.errorCode : undefined,
        detail: typeof v.detail === "string" ? v.detail : undefined,
        parameters: Array.isArray(v.parameters) ? v.parameters.map((p) => String(p)) : undefined,
      };
    }
  } catch {
    // not JSON: described below
  }
  return { detail: describeNonJson(text) };
}

/** Short description of a body that is not the JSON we expect; never echoes a 2xx body. */
export function describeNonJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (/^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]{0,80})/i.exec(trimmed)?.[1]?.trim();
    return title ? `an HTML page titled "${title}"` : "an HTML page";
  }
  return `a non-JSON body of ${trimmed.length} characters`;
}

/**
 * Ops Manager's own "does not exist" codes for a key, an entry (both spellings, canonical form
 * here) or a project assignment. Only these make `NOT_FOUND`.
 */
const OPS_MANAGER_NOT_FOUND = new Set(["API_KEY_NOT_FOUND", "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND"]);
const ORG_NOT_FOUND = new Set(["ORG_NOT_FOUND", "INVALID_ORG_ID"]);
const PROJECT_NOT_FOUND = new Set(["GROUP_NOT_FOUND", "INVALID_GROUP_ID"]);

/** Maps status + API errorCode to our stable code (errorCode first, status second). */
export function classifyStatus(status: number, errorCode?: string): OpsManagerErrorCode {
  const canon = errorCode === undefined ? undefined : canonicalErrorCode(errorCode);
  if (canon !== undefined) {
    if (canon === "API_KEY_ACCESS_LIST_ACCESS_DENIED") return "PERMISSION_DENIED";
    if (OPS_MANAGER_NOT_FOUND.has(canon)) return "NOT_FOUND";
    if (ORG_NOT_FOUND.has(canon)) return "ORG_NOT_FOUND";
    if (PROJECT_NOT_FOUND.has(canon)) return "PROJECT_NOT_FOUND";
    if (canon === "CANNOT_REMOVE_CALLER_FROM_ACCESS_LIST") return "CANNOT_REMOVE_CALLER";
    if (canon === "BILLING_UNSUPPORTED") return "VALIDATION";
  }
  if (status === 401) return canon === undefined ? "UNAUTHORIZED" : "PERMISSION_DENIED";
  if (status === 403)
    return canon?.endsWith("ACCESS_LIST") ? "ACCESS_LIST_DENIED" : "PERMISSION_DENIED";
  if (status === 404) return "ENDPOINT_NOT_FOUND";
  if (status === 409) return "CONFLICT";
  if (status === 429) return "RATE_LIMITED";
  if (status >= 500) return "SERVER_ERROR";
  if (status >= 400) return "VALIDATION";
  return "BAD_RESPONSE";
}

function what(ctx: CallContext): string {
  return `${ctx.method} ${ctx.path}`;
}

function statusLabel(status: number, body: ErrorBody): string {
  const parts = [String(status), body.errorCode].filter((p) => p !== undefined);
  const label = parts.join(" ");
  return body.detail ? `${label}: ${body.detail}` : label;
}

function tries(ctx: CallContext): string {
  return ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : "";
}

/** "Ops Manager asked to wait 20 s (until 2026-…Z)" for a known Retry-After, else "". */
function retryAfterText(retryAfterMs: number | undefined, nowMs: number): string {
  if (retryAfterMs === undefined) return "";
  const at = new Date(nowMs + retryAfterMs).toISOString();
  return `; it asked to wait ${Math.ceil(retryAfterMs / 1000)} s (Retry-After), so retry no earlier than ${at}`;
}

function httpMessage(
  code: OpsManagerErrorCode,
  ctx: CallContext,
  status: number,
  body: ErrorBody,
  retryAfter: string,
): string {
  const label = statusLabel(status, body);
  const canon = body.errorCode === undefined ? undefined : canonicalErrorCode(body.errorCode);
  switch (code) {
    case "UNAUTHORIZED":
      return (
        `Ops Manager rejected the API key's credentials (${label}) for ${what(ctx)}: the public key ` +
        `is unknown, the private key does not match it, or the key was deleted.`
      );
    case "PERMISSION_DENIED":
      return (
        `Ops Manager denied ${what(ctx)} (${label}): the API key is valid but its roles do not allow ` +
        `this; managing organization API keys needs the Organization Owner role (ORG_OWNER), and ` +
        `project assignments need Project Owner or Project User Admin in the project.`
      );
    case "ACCESS_LIST_DENIED": {
      const ip = body.parameters?.[0] ?? "the caller's address";
      return (
        `Ops Manager refused ${what(ctx)} because of an IP access list (${label}): requests from ` +
        `${ip} are not on the access list of the calling API key, or the organization requires an ` +
        `access list the key does not have.`
      );
    }
    case "NOT_FOUND":
      return `Ops Manager reports that the object addressed by ${what(ctx)} does not exist (${label}).`;
    case "ENDPOINT_NOT_FOUND":
      return (
        `${ctx.url} answered ${what(ctx)} with 404 but not with an Ops Manager "not found" error ` +
        `(${label}): this URL is not an Ops Manager API route, so the base URL does not point at the ` +
        `Ops Manager root, or a proxy in front of Ops Manager answered. Nothing was found or deleted.`
      );
    case "ORG_NOT_FOUND":
      return `Ops Manager at ${ctx.origin} has no such organization for ${what(ctx)} (${label}).`;
    case "PROJECT_NOT_FOUND":
      return `Ops Manager at ${ctx.origin} has no such project for ${what(ctx)} (${label}).`;
    case "CANNOT_REMOVE_CALLER":
      return (
        `Ops Manager refused ${what(ctx)} (${label}): it never removes the access-list entry that ` +
        `admits the calling API key's own request. Remove that entry using another API key, or ` +
        `from an address the entry does not cover.`
      );
    case "CONFLICT":
      return `Ops Manager reports a conflict for ${what(ctx)} (${label}): the object already exists.`;
    case "RATE_LIMITED":
      return `Ops Manager rate-limited ${what(ctx)} (${label})${tries(ctx)}${retryAfter}.`;
    case "SERVER_ERROR":
      return (
        `Ops Manager failed on ${what(ctx)} (${label})${tries(ctx)}${retryAfter}: the server had an ` +
        `internal problem; check its health and logs, then retry.`
      );
    case "VALIDATION":
      if (canon === "BILLING_UNSUPPORTED") {
        return (
          `Ops Manager refused ${what(ctx)} (${label}): billing roles such as ORG_BILLING_ADMIN exist ` +
          `only in Cloud Manager, not in Ops Manager; remove the role.`
        );
      }
      return `Ops Manager rejected ${what(ctx)} as invalid (${label}).`;
    default:
      return (
        `${ctx.url} answered ${what(ctx)} with a status the Ops Manager API does not use (${label}): ` +
        `the base URL may not point at the Ops Manager root.`
      );
  }
}

/** Error for a non-2xx answer (after the Digest handshake). */
export function errorFromResponse(
  ctx: CallContext,
  status: number,
  bodyText: string,
  retryAfterMs?: number,
  nowMs: number = Date.now(),
): OpsManagerError {
  const body = parseErrorBody(bodyText);
  const code = classifyStatus(status, body.errorCode);
  return new OpsManagerError(
    httpMessage(code, ctx, status, body, retryAfterText(retryAfterMs, nowMs)),
    {
      code,
      status,
      ...body,
      method: ctx.method,
      path: ctx.path,
      url: ctx.url,
      attempts: ctx.attempts,
      retryAfterMs,
    },
    ctx.secrets,
  );
}

/** Error for a redirect: the client never follows one (Digest would be replayed elsewhere). */
export function redirectError(
  ctx: CallContext,
  status: number,
  location: string | undefined,
): OpsManagerError {
  let target = "an unknown location";
  try {
    if (location) target = new URL(location, ctx.origin).host;
  } catch {
    target = "an unparseable location";
  }
  const detail = `redirect (${status}) to ${target}`;
  return new OpsManagerError(
    `${ctx.url} answered ${what(ctx)} with a ${detail}; the client does not follow redirects, so ` +
      `the base URL must be the address Ops Manager answers on itself.`,
    {
      code: "BAD_RESPONSE",
      status,
      detail,
      method: ctx.method,
      path: ctx.path,
      url: ctx.url,
      attempts: ctx.attempts,
    },
    ctx.secrets,
  );
}

/** Error for a 2xx whose body is not the expected JSON shape. `problem` never quotes the body. */
export function badResponseError(
  ctx: CallContext,
  status: number,
  problem: string,
): OpsManagerError {
  return new OpsManagerError(
    `${ctx.url} answered ${what(ctx)} with ${status} but ${problem}: that is not an Ops Manager API ` +
      `answer; the base URL may point at a proxy or login page instead of the Ops Manager root.`,
    {
      code: "BAD_RESPONSE",
      status,
      detail: problem,
      method: ctx.method,
      path: ctx.path,
      url: ctx.url,
      attempts: ctx.attempts,
    },
    ctx.secrets,
  );
}
