/**
 * Narrowing of parsed JSON (`unknown`) to the wire types, one guard per type.
 * A guard returns the value or a short problem description that never quotes the body (a create
 * response holds a private key).
 */
import { describeNonJson } from "./error-mapping";
import type { AccessListEntry, ApiKey, RoleAssignment } from "./types";

export type Narrowed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** A guard from parsed JSON (undefined for an empty body) to `T`. */
export type Narrow<T> = (json: unknown) => Narrowed<T>;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(problem: string): { ok: false; problem: string } {
  return { ok: false, problem };
}

function optionalString(o: Json, key: string): string | undefined {
  const value = o[key];
  return typeof value === "string" ? value : undefined;
}

function narrowRole(value: unknown): RoleAssignment | undefined {
  if (!isObject(value) || typeof value.roleName !== "string") return undefined;
  const role: { roleName: string; orgId?: string; groupId?: string } = { roleName: value.roleName };
  const orgId = optionalString(value, "orgId");
  const groupId = optionalString(value, "groupId");
  if (orgId !== undefined) role.orgId = orgId;
  if (groupId !== undefined) role.groupId = groupId;
  return role;
}

/**
 * An API key object. `id`, `desc`, `publicKey` and `roles` are required; `privateKey`
 * is required only when `requirePrivateKey` (the K2 answer), otherwise a missing one reads as "".
 */
export function apiKeyGuard(requirePrivateKey: boolean): Narrow<ApiKey> {
  return (json) => {
    if (!isObject(json)) return fail("the body is not a JSON object (expected an API key)");
    for (const key of ["id", "desc", "publicKey"]) {
      if (typeof json[key] !== "string") return fail(`the API key has no string "${key}"`);
    }
    if (requirePrivateKey && typeof json.privateKey !== "string") {
      return fail('the created API key has no "privateKey"');
    }
    if (!Array.isArray(json.roles)) return fail('the API key has no "roles" array');
    const roles = json.roles.map(narrowRole);
    if (roles.some((r) => r === undefined)) return fail("an API key role has no roleName");
    return {
      ok: true,
      value: {
        id: json.id as string,
        desc: json.desc as string,
        publicKey: json.publicKey as string,
        privateKey: optionalString(json, "privateKey") ?? "",
        roles: roles as RoleAssignment[],
      },
    };
  };
}

/** One access-list entry: `cidrBlock` required; `ipAddress` may be a string, null or absent. */
export const accessListEntryGuard: Narrow<AccessListEntry> = (json) => {
  if (!isObject(json)) return fail("the body is not a JSON object (expected an access-list entry)");
  if (typeof json.cidrBlock !== "string") return fail('the access-list entry has no "cidrBlock"');
  const entry: {
    cidrBlock: string;
    ipAddress?: string | null;
    count?: number;
    created?: string;
    lastUsed?: string;
    lastUsedAddress?: string;
  } = { cidrBlock: json.cidrBlock };
  if (typeof json.ipAddress === "string" || json.ipAddress === null)
    entry.ipAddress = json.ipAddress;
  if (typeof json.count === "number") entry.count = json.count;
  for (const key of ["created", "lastUsed", "lastUsedAddress"] as const) {
    const value = optionalString(json, key);
    if (value !== undefined) entry[key] = value;
  }
  return { ok: true, value: entry };
};

/** One page of a list envelope. `hasNext` is undefined when the page has no `links`. */
export interface ListPage<T> {
  readonly results: T[];
  readonly hasNext: boolean | undefined;
}

/** A list envelope; tolerates missing `links`, `totalCount` and `results`. */
export function listPageGuard<T>(item: Narrow<T>): Narrow<ListPage<T>> {
  return (json) => {
    if (!isObject(json)) return fail("the body is not a JSON object (expected a list envelope)");
    const raw = json.results ?? [];
    if (!Array.isArray(raw)) return fail('the list envelope\'s "results" is not an array');
    const results: T[] = [];
    for (const element of raw) {
      const narrowed = item(element);
      if (!narrowed.ok) return fail(`a list element is malformed: ${narrowed.problem}`);
      results.push(narrowed.value);
    }
    const links = Array.isArray(json.links) ? json.links : undefined;
    const hasNext = links?.some((link) => isObject(link) && link.rel === "next");
    return { ok: true, value: { results, hasNext } };
  };
}

/** DELETE answers: 200/204 with an empty body or any JSON object. */
export const emptyBodyGuard: Narrow<void> = (json) =>
  json === undefined || isObject(json)
    ? { ok: true, value: undefined }
    : fail("the body is not empty or a JSON object");

/** Parses a 2xx body: empty -> undefined; anything else must be JSON. */
export function parseSuccessBody(
  text: string,
): { ok: true; json: unknown } | { ok: false; problem: string } {
  if (text.trim() === "") return { ok: true, json: undefined };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    const looksJson = /^\s*[[{]/.test(text);
    return {
      ok: false,
      problem: looksJson
        ? "its JSON body is truncated or malformed"
        : `its body is ${describeNonJson(text)}, not JSON`,
    };
  }
}
