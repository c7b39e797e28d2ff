/**
 * Turns what the server (or the network) said into an `OpsManagerError` with a stable code and a
 * message that says what happened and what to do (spec §2.2, §2.3, §6, §11.2). Pure.
 */
import { canonicalErrorCode, OpsManagerError, type OpsManagerErrorCode } from "./errors";

/** Where a failure happened; enough to write a self-contained message. */
export interface CallContext {
  readonly method: string;
  /** API path below `/api/public/v1.0`, e.g. `/orgs/…/apiKeys`. */
  readonly path: string;
  /** `scheme://host:port` of the server, never with user info. */
  readonly origin: string;
  /** Attempts made so far, this one included. */
  readonly attempts: number;
  readonly timeoutMs: number;
  /** Literal secrets to scrub from anything built here (the private key). */
  readonly secrets: readonly string[];
}

/** The fields of an API error envelope that matter (spec §6); all optional. */
export interface ErrorBody {
  readonly errorCode?: string;
  readonly detail?: string;
  readonly parameters?: readonly string[];
}

const CREDENTIALS_HINT =
  "check opsmanager:publicKey / opsmanager:privateKey (or MCLI_PUBLIC_API_KEY / MCLI_PRIVATE_API_KEY)";

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

/** Maps status + API errorCode to our stable code (errorCode first, status second: spec §6). */
export function classifyStatus(status: number, errorCode?: string): OpsManagerErrorCode {
  const canon = errorCode === undefined ? undefined : canonicalErrorCode(errorCode);
  if (canon === "API_KEY_ACCESS_LIST_ACCESS_DENIED") return "PERMISSION_DENIED";
  if (canon === "API_KEY_NOT_FOUND" || canon === "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND") {
    return "NOT_FOUND";
  }
  if (status === 401) return canon === undefined ? "UNAUTHORIZED" : "PERMISSION_DENIED";
  if (status === 403)
    return canon?.endsWith("ACCESS_LIST") ? "ACCESS_LIST_DENIED" : "PERMISSION_DENIED";
  if (status === 404) return "NOT_FOUND";
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

function httpMessage(
  code: OpsManagerErrorCode,
  ctx: CallContext,
  status: number,
  body: ErrorBody,
): string {
  const label = statusLabel(status, body);
  switch (code) {
    case "UNAUTHORIZED":
      return `Ops Manager rejected the credentials (${label}) for ${what(ctx)}: ${CREDENTIALS_HINT}.`;
    case "PERMISSION_DENIED":
      return (
        `Ops Manager denied ${what(ctx)} (${label}): the API key is valid but may not do this; ` +
        `give the key in opsmanager:publicKey the Organization Owner role (ORG_OWNER) in this organization.`
      );
    case "ACCESS_LIST_DENIED": {
      const ip = body.parameters?.[0];
      const from = ip ? `requests from ${ip}` : "requests from this machine's address";
      return (
        `Ops Manager refused ${what(ctx)} because of an IP access list (${label}): ` +
        `add ${ip ?? "this machine's address"} to the access list of the API key in opsmanager:publicKey ` +
        `(Organization > Access Manager > API Keys), or ask an Organization Owner to allow ${from}.`
      );
    }
    case "NOT_FOUND":
      return (
        `Ops Manager found nothing at ${what(ctx)} (${label}): check the organization id, API key id and ` +
        `entry; if it was deleted outside Pulumi, run \`pulumi refresh\`.`
      );
    case "CONFLICT":
      return `Ops Manager reports a conflict for ${what(ctx)} (${label}): the object already exists; import or remove it, then retry.`;
    case "RATE_LIMITED":
      return (
        `Ops Manager kept rate-limiting ${what(ctx)} (${label})${tries(ctx)}: wait a minute and retry, ` +
        `or run with less parallelism (\`pulumi up --parallel 2\`).`
      );
    case "SERVER_ERROR":
      return (
        `Ops Manager failed on ${what(ctx)} (${label})${tries(ctx)}: the server had an internal problem; ` +
        `check the Ops Manager server health and logs, then retry.`
      );
    case "VALIDATION":
      return `Ops Manager rejected ${what(ctx)} as invalid (${label}): fix the resource's inputs named in the message and retry.`;
    default:
      return (
        `Ops Manager answered ${what(ctx)} with an unexpected status (${label}): check that ` +
        `opsmanager:baseUrl (MCLI_OPS_MANAGER_URL) points at the Ops Manager root URL.`
      );
  }
}

/** Error for a non-2xx answer (after the Digest handshake). */
export function errorFromResponse(
  ctx: CallContext,
  status: number,
  bodyText: string,
  retryAfterMs?: number,
): OpsManagerError {
  const body = parseErrorBody(bodyText);
  const code = classifyStatus(status, body.errorCode);
  return new OpsManagerError(
    httpMessage(code, ctx, status, body),
    {
      code,
      status,
      ...body,
      method: ctx.method,
      path: ctx.path,
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
    `Ops Manager answered ${what(ctx)} with a ${detail}: set opsmanager:baseUrl (MCLI_OPS_MANAGER_URL) to ` +
      `the address the server redirects to; the client does not follow redirects.`,
    {
      code: "BAD_RESPONSE",
      status,
      detail,
      method: ctx.method,
      path: ctx.path,
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
    `Ops Manager answered ${what(ctx)} with ${status} but ${problem}: check that opsmanager:baseUrl ` +
      `(MCLI_OPS_MANAGER_URL) points at the Ops Manager root URL, not at a proxy or login page.`,
    {
      code: "BAD_RESPONSE",
      status,
      detail: problem,
      method: ctx.method,
      path: ctx.path,
      attempts: ctx.attempts,
    },
    ctx.secrets,
  );
}
