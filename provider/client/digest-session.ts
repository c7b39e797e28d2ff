/**
 * Per-client Digest state: the last server nonce and its nonce count, so a call costs one HTTP
 * request instead of challenge + request. JavaScript runs one callback at a time, so
 * `authorize` hands out strictly increasing `nc` values per nonce even with many calls in flight.
 */
import { authorizationHeader, hashA1, type DigestChallenge } from "./digest";
import { RandomHex } from "./random-hex";

export interface DigestSession {
  /** Authorization header for the next request, or undefined before the first challenge. */
  authorize(method: string, uri: string): string | undefined;
  /** Adopt a challenge's nonce (a new nonce restarts `nc` at 1). */
  accept(challenge: DigestChallenge): void;
}

/** 16 random hex characters per request, as Go's digest transport sends. */
function randomCnonces(): () => string {
  const random = new RandomHex();
  return () => random.next(8);
}

export function createDigestSession(
  username: string,
  password: string,
  cnonce: () => string = randomCnonces(),
): DigestSession {
  let challenge: DigestChallenge | undefined;
  let ha1 = "";
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
        ha1,
      });
    },
    accept(next) {
      if (challenge === undefined || challenge.nonce !== next.nonce) nc = 0;
      challenge = next;
      ha1 = hashA1(username, password, next);
    },
  };
}
