/**
 * HTTP Digest as a layer around sending: `withDigest` wraps a function that sends one request
 * and returns one that authenticates it, with the cached nonce so a call costs one request in
 * steady state, and a new challenge on a 401 that asks for it. The retry loop and error mapping
 * (transport.ts) see only the final response.
 */
import { parseChallenge } from "./digest";
import type { DigestSession } from "./digest-session";
import { parseErrorBody } from "./error-mapping";
import type { RawRequest, RawResponse } from "./http";

/** How many times one call follows `stale=true` challenges before the 401 is final. */
const MAX_STALE_RESENDS = 5;

/** One API request before authentication: method, path below the API root (+ query), body. */
export type ApiRequest = Omit<RawRequest, "authorization">;

/** Sends one API request (through whatever layers) and resolves with the final response. */
export type ApiSend = (request: ApiRequest) => Promise<RawResponse>;

/** A response header as one string. */
export function header(response: RawResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * `send` makes exactly one HTTP request; `requestTarget` maps a relative path to the exact
 * request-line target (the Digest `uri`). Holds per-client state: the first-challenge claim.
 */
export function withDigest(
  session: DigestSession,
  send: (request: RawRequest) => Promise<RawResponse>,
  requestTarget: (relative: string) => string,
): ApiSend {
  /** Set while a nonce-less request fetches the first challenge; others wait for it. */
  let firstChallenge: Promise<void> | undefined;

  /**
   * Sends with the cached nonce; re-sends (at most twice, or five times for stale nonces) on a credential 401 that carries a
   * usable challenge when we had no nonce, the nonce is stale, or the nonce came from the cache
   * (a restarted server may not know it). A 401 right after a fresh challenge is final.
   */
  return async function sendWithDigest({ method, relative, body }): Promise<RawResponse> {
    const uri = requestTarget(relative);
    // Check and claim synchronously: an `await` here would let parallel first calls all claim.
    let authorization = session.authorize(method, uri);
    if (authorization === undefined && firstChallenge !== undefined) {
      await firstChallenge;
      authorization = session.authorize(method, uri);
    }
    let release: (() => void) | undefined;
    if (authorization === undefined) {
      // Parallel first calls wait for this one's challenge instead of each fetching one.
      firstChallenge = new Promise<void>((resolve) => (release = resolve));
    }
    let fromCache = authorization !== undefined;
    try {
      for (let resends = 0; ; resends += 1) {
        const response = await send({ method, relative, authorization, body });
        if (response.status !== 401) return response;
        if (parseErrorBody(response.body).errorCode !== undefined) return response;
        const challenge = parseChallenge(header(response, "www-authenticate"));
        if (challenge === undefined) return response;
        // A stale nonce is not a credential problem: follow a few more fresh challenges before
        // giving up (a nonce can expire between the challenge and its first use).
        if (resends >= (challenge.stale ? MAX_STALE_RESENDS : 2)) return response;
        if (authorization !== undefined && !challenge.stale && !fromCache) return response;
        session.accept(challenge);
        authorization = session.authorize(method, uri);
        fromCache = false;
        if (release !== undefined) {
          // Waiters resume after this synchronous step, so they see the accepted nonce.
          release();
          release = undefined;
          firstChallenge = undefined;
        }
      }
    } finally {
      if (release !== undefined) {
        release();
        firstChallenge = undefined;
      }
    }
  };
}
