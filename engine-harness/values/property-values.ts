/**
 * Property values as the engine sees them on the wire: plain JSON, where a secret
 * is `{ [SIG_KEY]: SECRET_SIG, value }` and an unknown (preview only) is the UNKNOWN string.
 * The harness keeps values in this form in memory and only encrypts secrets when writing files.
 */

/** Pulumi's special signature key and the secret signature (sdk/go/common/resource/properties.go). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The unknown sentinel (`runtime/rpc.js` `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type PropertyValue = unknown;
export type PropertyMap = Record<string, PropertyValue>;

/** A secret wrapper around `value`. */
export function makeSecret(value: PropertyValue): PropertyValue {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** True when `value` is a secret wrapper (in memory: with `value`; on disk: with `ciphertext`). */
export function isSecret(value: PropertyValue): value is Record<string, unknown> {
  return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** True when `value` is or contains a secret at any depth. */
export function containsSecrets(value: PropertyValue): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecrets);
  if (isObject(value)) return Object.values(value).some(containsSecrets);
  return false;
}

/** True when `value` is or contains the unknown sentinel at any depth. */
export function containsUnknowns(value: PropertyValue): boolean {
  if (value === UNKNOWN) return true;
  if (isSecret(value)) return containsUnknowns(value.value);
  if (Array.isArray(value)) return value.some(containsUnknowns);
  if (isObject(value)) return Object.values(value).some(containsUnknowns);
  return false;
}

/** Removes every secret wrapper, as the engine does for a provider with acceptSecrets=false. */
export function unwrapSecrets(value: PropertyValue): PropertyValue {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (isObject(value)) return mapValues(value, unwrapSecrets);
  return value;
}

export function unwrapSecretMap(map: PropertyMap): PropertyMap {
  return mapValues(map, unwrapSecrets);
}

/** Structural equality of two values, ignoring secretness (the engine's diff compares plain values). */
export function deepEqualPlain(a: PropertyValue, b: PropertyValue): boolean {
  return stableStringify(unwrapSecrets(a)) === stableStringify(unwrapSecrets(b));
}

/** JSON text with object keys sorted, for comparisons. */
export function stableStringify(value: PropertyValue): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Property names whose values differ between two maps (secretness ignored), sorted. */
export function changedKeys(
  olds: PropertyMap,
  news: PropertyMap,
  skip: readonly string[] = [],
): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...keys].filter((k) => !skip.includes(k) && !deepEqualPlain(olds[k], news[k])).sort();
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function mapValues(
  obj: Record<string, unknown>,
  fn: (v: unknown) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fn(v);
  return out;
}

/** A deep copy through JSON (property maps are JSON-safe by construction). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
