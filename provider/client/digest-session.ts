/**
 * Per-client Digest state: the last server nonce and its nonce count, so a call costs one HTTP
 * request instead of challenge + request. JavaScript runs one callback at a time, so
 * `authorize` hands out strictly increasing `nc` values per nonce even with many calls in flight.
 */
import { randomBytes } from "node:crypto";
import { authorizationHeader, type DigestChallenge } from "./digest";

export interface DigestSession {
  /** Authorization header for the next request, or undefined before the first challenge. */
  authorize(method: string, uri: string): string | undefined;
  /** Adopt a challenge's nonce (a new nonce restarts `nc` at 1). */
  accept(challenge: DigestChallenge): void;
}

/** 16 hex characters, as Go's digest transport sends. */
function randomCnonce(): string {
  return randomBytes(8).toString("hex");
}

export function createDigestSession(
  username: string,
  password: string,
  cnonce: () => string = randomCnonce,
): DigestSession {
  let challenge: DigestChallenge | undefined;
  let nc = 0;
  return {
    authorize(method, uri) {
      if (challenge === undefined) return undefined;
      nc += 1;
      return authorizationHeader({
        username,
        password,
        method,
        uri,
        challenge,
        nc,
        cnonce: cnonce(),
      });
    },
    accept(next) {
      if (challenge === undefined || challenge.nonce !== next.nonce) nc = 0;
      challenge = next;
    },
  };
}
