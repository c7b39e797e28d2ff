/**
 * Errors for requests that got no HTTP answer: network failures, timeouts, TLS problems, and the
 * ambiguous case of a key create whose response was lost (never retried blindly).
 */
import type { CallContext } from "./error-mapping";
import {
  OpsManagerError,
  redact,
  type OpsManagerErrorCode,
  type OpsManagerErrorInit,
} from "./errors";

/** How a request without an HTTP answer failed. */
export type TransportFailureKind = "network" | "timeout" | "tls";

/** What we keep of a thrown transport error (never the got error itself: it holds headers). */
export interface TransportFailure {
  readonly kind: TransportFailureKind;
  /** `ECONNRESET`, `ETIMEDOUT`, `DEPTH_ZERO_SELF_SIGNED_CERT`, … or `UNKNOWN`. */
  readonly code: string;
  /** The underlying message, redacted. */
  readonly message: string;
}

const TLS_CODES = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REVOKED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH",
  "EPROTO",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);

/** Reads code/name/message of whatever got (or Node) threw. */
export function describeTransportFailure(error: unknown): TransportFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
  };
  const code = typeof e.code === "string" ? e.code : "UNKNOWN";
  const message = redact(typeof e.message === "string" ? e.message : String(error));
  if (e.name === "TimeoutError" || code === "ETIMEDOUT") return { kind: "timeout", code, message };
  if (TLS_CODES.has(code) || /certificate|self[- ]signed/i.test(message)) {
    return { kind: "tls", code, message };
  }
  return { kind: "network", code, message };
}

function plainCause(failure: TransportFailure): Error {
  return Object.assign(new Error(`${failure.code}: ${failure.message}`), { code: failure.code });
}

/** Error for a request that never got an answer (network, timeout, TLS). */
export function errorFromTransport(ctx: CallContext, failure: TransportFailure): OpsManagerError {
  const target = `${ctx.method} ${ctx.path} on ${ctx.origin}`;
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : "";
  let message: string;
  if (failure.kind === "tls") {
    message =
      `TLS verification failed for ${target} (${failure.code}: ${failure.message}): the server ` +
      `certificate is not signed by a trusted CA (trust the PEM bundle of the CA that signed it), ` +
      `or the host name in the base URL does not match the certificate.`;
  } else if (failure.kind === "timeout") {
    message =
      `Ops Manager did not answer ${target} within ${ctx.timeoutMs} ms${tries}: the server is down, ` +
      `overloaded or unreachable from here.`;
  } else {
    message =
      `Could not talk to Ops Manager for ${target} (${failure.code}: ${failure.message})${tries}: ` +
      `nothing answered at the base URL's host and port from this machine.`;
  }
  return new OpsManagerError(
    message,
    failureInit(
      ctx,
      failure,
      failure.kind === "tls" ? "TLS" : failure.kind === "timeout" ? "TIMEOUT" : "NETWORK",
    ),
    ctx.secrets,
  );
}

/** What an error of a request that got no answer carries besides its message. */
function failureInit(
  ctx: CallContext,
  failure: TransportFailure,
  code: OpsManagerErrorCode,
): OpsManagerErrorInit {
  return {
    code,
    method: ctx.method,
    path: ctx.path,
    url: ctx.url,
    detail: failure.message,
    attempts: ctx.attempts,
    transportCode: failure.code,
    cause: plainCause(failure),
  };
}

/** Error for a key create whose request was sent but whose answer was lost. */
export function ambiguousWriteError(ctx: CallContext, failure: TransportFailure): OpsManagerError {
  return new OpsManagerError(
    `The answer to ${ctx.method} ${ctx.path} on ${ctx.origin} was lost (${failure.code}: ${failure.message}) ` +
      `after the request was sent, so Ops Manager may or may not have created the API key. It was not ` +
      `retried: list the organization's API keys to find it before creating another.`,
    failureInit(ctx, failure, "AMBIGUOUS_WRITE"),
    ctx.secrets,
  );
}
