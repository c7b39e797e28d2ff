/**
 * Small seeded PRNG (mulberry32) and the id generators built on it. Every id, key and fault
 * decision comes from here so that a seed reproduces a run; no Math.random.
 */
import { randomInt } from "node:crypto";

/** A deterministic source of numbers in [0, 1). */
export interface Prng {
  next(): number;
}

/** mulberry32: 32-bit state, good enough for test data and fault draws. */
export function mulberry32(seed: number): Prng {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A seed for runs that did not ask for one. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 31);
}

function hexDigits(rng: Prng, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) out += Math.floor(rng.next() * 16).toString(16);
  return out;
}

/** A 24-hex ObjectId-like id. */
export function objectId(rng: Prng): string {
  return hexDigits(rng, 24);
}

/** Eight lowercase letters, the shape of a real public key. */
export function publicKey(rng: Prng): string {
  let out = "";
  for (let i = 0; i < 8; i++) out += String.fromCharCode(97 + Math.floor(rng.next() * 26));
  return out;
}

/** A UUID-v4-shaped private key (8-4-4-4-12 hex). */
export function privateKey(rng: Prng): string {
  const variant = (8 + Math.floor(rng.next() * 4)).toString(16);
  return [
    hexDigits(rng, 8),
    hexDigits(rng, 4),
    "4" + hexDigits(rng, 3),
    variant + hexDigits(rng, 3),
    hexDigits(rng, 12),
  ].join("-");
}

/** `********-****-****-<last 12>`: how every read after create shows the private key. */
export function redactPrivateKey(key: string): string {
  return "********-****-****-" + key.slice(-12);
}
