/**
 * Server side of HTTP Digest as Ops Manager speaks it: realm "MMS Public API",
 * MD5, qop "auth". A nonce stays valid for `ttlMs` and many requests (clients reuse it with a
 * new nc); an expired, unknown or replayed nonce with an otherwise correct answer is stale.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const REALM = "MMS Public API";

/** The exact challenge header (directives joined by ", " — the Go transport splits on it). */
export function challengeHeader(nonce: string, stale: boolean): string {
  return `Digest realm="${REALM}", domain="", nonce="${nonce}", algorithm=MD5, qop="auth", stale=${stale}`;
}

/** Directives of an `Authorization: Digest …` header, or undefined if it is not Digest. */
export function parseAuthorization(header: string | undefined): Record<string, string> | undefined {
  if (!header || !/^digest\s/i.test(header)) return undefined;
  const params: Record<string, string> = {};
  const re = /([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g;
  for (const m of header.slice(7).matchAll(re)) {
    params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, "$1") : m[3];
  }
  return params;
}

const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

/** RFC 2617 response with qop=auth. */
export function expectedResponse(
  p: Record<string, string>,
  password: string,
  method: string,
): string {
  const ha1 = md5(`${p.username}:${REALM}:${password}`);
  const ha2 = md5(`${method}:${p.uri}`);
  return md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`);
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

interface NonceState {
  issuedAt: number;
  usedNc: Set<number>;
}

/** Verdict on one Authorization header. */
export type DigestVerdict =
  | { readonly ok: true; readonly username: string; readonly nonce: string }
  | { readonly ok: false; readonly stale: boolean };

/** Issued nonces and their used nc values. */
export class NonceBook {
  private readonly nonces = new Map<string, NonceState>();

  constructor(public ttlMs: number) {}

  issue(now = Date.now()): string {
    this.prune(now);
    const nonce = randomBytes(24).toString("base64");
    this.nonces.set(nonce, { issuedAt: now, usedNc: new Set() });
    return nonce;
  }

  /** Forget a nonce so that its next use is stale (fault injection). */
  revoke(nonce: string): void {
    this.nonces.delete(nonce);
  }

  private prune(now: number): void {
    for (const [nonce, state] of this.nonces) {
      if (now - state.issuedAt > this.ttlMs) this.nonces.delete(nonce);
    }
  }

  /**
   * Check header directives against the request. `password` looks up the private key of a
   * public key (undefined = unknown user). Replays: each nc may be used once per nonce
   * (out-of-order nc from concurrent requests are fine).
   */
  verify(
    p: Record<string, string>,
    method: string,
    rawTarget: string,
    password: (username: string) => string | undefined,
    now = Date.now(),
  ): DigestVerdict {
    const fields = ["username", "realm", "nonce", "uri", "response", "nc", "cnonce", "qop"];
    if (fields.some((f) => p[f] === undefined)) return { ok: false, stale: false };
    if (p.realm !== REALM || p.qop !== "auth" || p.uri !== rawTarget) {
      return { ok: false, stale: false };
    }
    if (p.algorithm !== undefined && p.algorithm.toUpperCase() !== "MD5") {
      return { ok: false, stale: false };
    }
    const secret = password(p.username);
    if (secret === undefined || !sameHex(p.response, expectedResponse(p, secret, method))) {
      return { ok: false, stale: false };
    }
    const nc = /^[0-9a-fA-F]{1,8}$/.test(p.nc) ? parseInt(p.nc, 16) : NaN;
    const state = this.nonces.get(p.nonce);
    if (!state || now - state.issuedAt > this.ttlMs || !(nc > 0) || state.usedNc.has(nc)) {
      return { ok: false, stale: true };
    }
    state.usedNc.add(nc);
    if (state.usedNc.size > 100_000) state.usedNc.delete(state.usedNc.values().next().value!);
    return { ok: true, username: p.username, nonce: p.nonce };
  }
}
