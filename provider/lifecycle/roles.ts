/**
 * Organization role names (ops-manager-api.md §4.1). Roles are a set: check upper-cases, dedupes
 * and sorts them; diff compares them as sets.
 */
import type { RoleAssignment } from "../client/types";
import { isUnknown } from "./sentinel";

/** Roles an org API key may carry. */
export const ORG_ROLES: readonly string[] = [
  "ORG_BILLING_ADMIN",
  "ORG_GROUP_CREATOR",
  "ORG_MEMBER",
  "ORG_OWNER",
  "ORG_READ_ONLY",
];

/** Result of normalizing a declared roles list. */
export interface RolesResult {
  /** Normalized roles (known names sorted and deduped, unknown sentinels kept after them). */
  readonly roles: unknown;
  /** Human reasons, empty when valid. */
  readonly problems: string[];
}

/** Normalizes a declared `roles` value; never throws. */
export function normalizeRoles(value: unknown): RolesResult {
  if (isUnknown(value)) return { roles: value, problems: [] };
  if (!Array.isArray(value)) {
    return {
      roles: value,
      problems: [`roles must be a list of role names such as ["ORG_MEMBER"]`],
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
      if (ORG_ROLES.includes(name)) known.add(name);
      else problems.push(`role ${JSON.stringify(item.slice(0, 64))} is not an organization role`);
    }
  }
  if (known.size === 0 && unknowns.length === 0 && problems.length === 0) {
    problems.push("roles must name at least one role");
  }
  if (problems.length > 3)
    problems.splice(3, problems.length - 3, `and ${problems.length - 3} more`);
  if (problems.length > 0) problems.push(`allowed roles: ${ORG_ROLES.join(", ")}`);
  return { roles: [...[...known].sort(), ...unknowns], problems };
}

/** The org roles of an API key as a sorted list (project roles and other orgs' roles dropped). */
export function orgRolesOf(roles: readonly RoleAssignment[], orgId: string): string[] {
  const names = roles
    .filter(
      (r) =>
        r.groupId === undefined &&
        (r.orgId === undefined || r.orgId.toLowerCase() === orgId.toLowerCase()),
    )
    .map((r) => r.roleName);
  return [...new Set(names)].sort();
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
