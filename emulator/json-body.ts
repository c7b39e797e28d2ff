/**
 * Strict request-body parsing: malformed JSON is 400 MALFORMED_JSON, unknown and
 * read-only fields are 400 INVALID_ATTRIBUTE naming the field — never silently ignored.
 */
import { errors } from "./errors";

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw errors.malformedJson();
  }
}

/** The body as a plain object whose fields are all in `allowed`. */
export function strictObject(value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw errors.invalidJson("expected a JSON object");
  }
  const record = value as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!allowed.includes(name)) throw errors.invalidAttribute(name);
  }
  return record;
}
