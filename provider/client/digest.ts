/**
 * HTTP Digest (RFC 2617) as pure functions: parse a `WWW-Authenticate: Digest …` challenge and
 * build the `Authorization` header. Ops Manager sends realm "MMS Public API", MD5, qop "auth"
 * (https://www.mongodb.com/docs/ops-manager/current/reference/api/). The nonce/nc bookkeeping lives in digest-session.ts.
 */
import { createHash } from "node:crypto";

/** The directives of one Digest challenge that the client uses. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  /** Offered qop values; empty for an RFC 2069 challenge. */
  readonly qop: readonly string[];
  /** `MD5` (default) or `SHA-256`. */
  readonly algorithm: "MD5" | "SHA-256";
  readonly opaque?: string;
  /** True when the nonce expired but the credentials were right: re-send with the new nonce. */
  readonly stale: boolean;
}

/** Inputs of one Authorization header. */
export interface DigestCredentials {
  readonly username: string;
  readonly password: string;
  readonly method: string;
  /** Exact request target (path + query, still percent-encoded), as on the request line. */
  readonly uri: string;
  readonly challenge: DigestChallenge;
  /** Nonce count, 1 for the first use of a nonce. */
  readonly nc: number;
  readonly cnonce: string;
  /** H(username:realm:password), when the caller keeps it per challenge (see `hashA1`). */
  readonly ha1?: string;
}

/** Splits `k=v, k="v, with comma"` into a map with lower-case keys. */
function parseDirectives(text: string): Map<string, string> {
  const directives = new Map<string, string>();
  const pattern = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const [, name = "", quoted, bare] of text.matchAll(pattern)) {
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, "$1") : (bare ?? "");
    directives.set(name.toLowerCase(), value);
  }
  return directives;
}

/**
 * Parses a Digest challenge. Returns undefined for a missing or non-Digest header, a header
 * without realm/nonce, or an algorithm this client does not speak (MD5-sess, auth-int only).
 */
export function parseChallenge(header: string | undefined): DigestChallenge | undefined {
  if (header === undefined) return undefined;
  const start = header.search(/\bDigest\s/i);
  if (start < 0) return undefined;
  const directives = parseDirectives(header.slice(start + "Digest".length));
  const realm = directives.get("realm");
  const nonce = directives.get("nonce");
  if (realm === undefined || nonce === undefined || nonce === "") return undefined;
  const algorithmText = (directives.get("algorithm") ?? "MD5").toUpperCase();
  if (algorithmText !== "MD5" && algorithmText !== "SHA-256") return undefined;
  const qopText = directives.get("qop");
  const qop = qopText === undefined ? [] : qopText.split(",").map((q) => q.trim().toLowerCase());
  if (qop.length > 0 && !qop.includes("auth")) return undefined;
  return {
    realm,
    nonce,
    qop,
    algorithm: algorithmText,
    opaque: directives.get("opaque"),
    stale: (directives.get("stale") ?? "").toLowerCase() === "true",
  };
}

function hash(algorithm: DigestChallenge["algorithm"], text: string): string {
  return createHash(algorithm === "MD5" ? "md5" : "sha256")
    .update(text, "utf8")
    .digest("hex");
}

/** `nc` as 8 hex digits. */
export function formatNonceCount(nc: number): string {
  return nc.toString(16).padStart(8, "0");
}

/** H(A1) = H(username:realm:password): the same for every request under one challenge. */
export function hashA1(username: string, password: string, challenge: DigestChallenge): string {
  return hash(challenge.algorithm, `${username}:${challenge.realm}:${password}`);
}

/** The `response` directive: H(H(A1):nonce:nc:cnonce:qop:H(A2)), or RFC 2069 without qop. */
export function digestResponse(c: DigestCredentials): string {
  const { algorithm, nonce } = c.challenge;
  const ha1 = c.ha1 ?? hashA1(c.username, c.password, c.challenge);
  const ha2 = hash(algorithm, `${c.method}:${c.uri}`);
  if (c.challenge.qop.length === 0) return hash(algorithm, `${ha1}:${nonce}:${ha2}`);
  return hash(algorithm, `${ha1}:${nonce}:${formatNonceCount(c.nc)}:${c.cnonce}:auth:${ha2}`);
}

function quote(value: string): string {
  return `"${value.replace(/(["\\])/g, "\\$1")}"`;
}

/** The full `Authorization` header value for one request. */
export function authorizationHeader(c: DigestCredentials): string {
  const parts = [
    `username=${quote(c.username)}`,
    `realm=${quote(c.challenge.realm)}`,
    `nonce=${quote(c.challenge.nonce)}`,
    `uri=${quote(c.uri)}`,
    `algorithm=${c.challenge.algorithm}`,
    `response=${quote(digestResponse(c))}`,
  ];
  if (c.challenge.qop.length > 0) {
    parts.push("qop=auth", `nc=${formatNonceCount(c.nc)}`, `cnonce=${quote(c.cnonce)}`);
  }
  if (c.challenge.opaque !== undefined) parts.push(`opaque=${quote(c.challenge.opaque)}`);
  return `Digest ${parts.join(", ")}`;
}
