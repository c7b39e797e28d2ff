/**
 * Role lists are sets: check upper-cases, dedupes and sorts them against the allowed names, diff
 * compares them as sets. Keys carry organization roles, assignments project roles.
 */
import type { RoleAssignment } from "../../client/types";
import { isUnknown } from "./sentinel";
import { show } from "./values";

/** Result of normalizing a declared roles list. */
export interface RoleSetResult {
  /** Normalized roles (known names sorted and deduped, unknown sentinels kept after them). */
  readonly roles: unknown;
  /** Human reasons, empty when valid. */
  readonly problems: string[];
}

/** Which roles a list may hold, and how messages name them. */
export interface RoleVocabulary {
  readonly allowed: readonly string[];
  /** e.g. `an organization role` */
  readonly what: string;
  /** e.g. `["ORG_MEMBER"]` */
  readonly example: string;
}

/** Normalizes a declared `roles` value; never throws. */
export function normalizeRoleSet(value: unknown, vocabulary: RoleVocabulary): RoleSetResult {
  if (isUnknown(value)) return { roles: value, problems: [] };
  if (!Array.isArray(value)) {
    return {
      roles: value,
      problems: [`roles must be a list of role names such as ${vocabulary.example}`],
    };
  }
  const known = new Set<string>();
  const unknowns: unknown[] = [];
  const problems: string[] = [];
  for (const item of value) {
    if (isUnknown(item)) {
      unknowns.push(item);
    } else if (typeof item !== "string") {
      problems.push(
        `roles must contain only strings; found ${item === null ? "null" : typeof item}`,
      );
    } else {
      const name = item.trim().toUpperCase();
      if (vocabulary.allowed.includes(name)) known.add(name);
      else problems.push(`role ${show(item)} is not ${vocabulary.what}`);
    }
  }
  if (known.size === 0 && unknowns.length === 0 && problems.length === 0) {
    problems.push("roles must name at least one role");
  }
  if (problems.length > 3)
    problems.splice(3, problems.length - 3, `and ${problems.length - 3} more`);
  if (problems.length > 0) problems.push(`allowed roles: ${vocabulary.allowed.join(", ")}`);
  return { roles: [...[...known].sort(), ...unknowns], problems };
}

/** The names of the roles `scope` keeps, sorted and deduped. */
export function roleNamesIn(
  roles: readonly RoleAssignment[],
  scope: (role: RoleAssignment) => boolean,
): string[] {
  return [...new Set(roles.filter(scope).map((r) => r.roleName))].sort();
}

/** True when two role lists hold the same set of names. */
export function sameRoles(a: unknown, b: unknown): boolean {
  const strings = (v: unknown): v is string[] =>
    Array.isArray(v) && v.every((x) => typeof x === "string");
  if (!strings(a) || !strings(b)) return false;
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}

/** A role list for a message: `[A, B]`. */
export function rolesText(roles: unknown): string {
  return Array.isArray(roles) ? `[${roles.map(String).join(", ")}]` : show(roles);
}
