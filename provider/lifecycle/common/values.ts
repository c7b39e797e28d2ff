/** Small helpers for validating untrusted property values without ever throwing. */
import { redact } from "../../client/errors";
import { abbreviate } from "./text";

const HEX24 = /^[0-9a-fA-F]{24}$/;

/** True for a 24-hex Ops Manager object id (either case). */
export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && HEX24.test(value);
}

/**
 * A short, printable rendering of a value for failure messages (huge or odd input stays bounded).
 * Secret-shaped text (a private key's UUID shape) is redacted: a program that passes
 * `key.privateKey` where an id belongs must not print the key into CI logs.
 */
export function show(value: unknown): string {
  let text: string;
  if (typeof value === "string") {
    text = JSON.stringify(abbreviate(redact(value), 64));
  } else if (value === null || value === undefined) {
    text = String(value);
  } else if (Array.isArray(value)) {
    text = `an array of ${value.length}`;
  } else if (typeof value === "object") {
    text = "an object";
  } else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    text = `${typeof value} ${String(value).slice(0, 32)}`;
  } else {
    text = typeof value;
  }
  return text;
}

/** `value` when it is a string, else `null` (for optional API fields). */
export function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** `value` when it is a finite number, else `null`. */
export function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** True when a property is absent (`undefined` or `null`). */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** A plain object view of an untrusted property bag (`{}` for anything else). */
export function asBag(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
