/**
 * Wire-level constants and Struct conversion shared by the host driver.
 */
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The engine's unknown sentinel (`runtime/rpc.js` `unknownValue`); may stand for a value at any depth. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Signature key and value of a wrapped secret on the wire (`{[SECRET_SIG_KEY]: SECRET_SIG, value}`). */
export const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A property bag as it crosses the gRPC boundary (JSON-safe values only). */
export type PropertyMap = Record<string, unknown>;

/** Wraps a value the way the engine marks a secret in Configure args. */
export function wrapSecret(value: unknown): PropertyMap {
  return { [SECRET_SIG_KEY]: SECRET_SIG, value };
}

/** True when `v` is a wire secret wrapper. */
export function isSecretWrapper(v: unknown): v is { value: unknown } {
  return typeof v === "object" && v !== null && (v as PropertyMap)[SECRET_SIG_KEY] === SECRET_SIG;
}

/**
 * Converts a property bag to a protobuf Struct. `Struct.fromJavaScript` throws a bare
 * `Unexpected struct type.` on `undefined`; the engine never sends `undefined`, so
 * a test that does is wrong — say where.
 */
export function toStruct(props: PropertyMap, what: string): Struct {
  const path = findNonJson(props, what);
  if (path) {
    throw new Error(
      `host driver: ${path} is not JSON-safe (undefined, function, bigint…); the engine never sends such values`,
    );
  }
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** Converts an optional Struct from a response into a plain object (`{}` when absent). */
export function fromStruct(s: Struct | undefined): PropertyMap {
  return s ? (s.toJavaScript() as PropertyMap) : {};
}

function findNonJson(v: unknown, path: string): string | undefined {
  if (v === null || typeof v === "string" || typeof v === "boolean") return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? undefined : path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const bad = findNonJson(v[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v as PropertyMap)) {
      const bad = findNonJson(x, `${path}.${k}`);
      if (bad) return bad;
    }
    return undefined;
  }
  return path;
}

/** Builds a resource URN as the engine does: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function makeUrn(type: string, name: string, stack = "dev", project = "proj"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** Splits a URN into the type and name the engine also sends as request fields. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) {
    throw new Error(
      `host driver: malformed URN ${JSON.stringify(urn)}; expected urn:pulumi:<stack>::<project>::<type>::<name>`,
    );
  }
  const typeChain = parts[2].split("$");
  return { type: typeChain[typeChain.length - 1], name: parts.slice(3).join("::") };
}
