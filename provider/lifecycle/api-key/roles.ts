/**
 * Organization roles of a key (docs/OPS-MANAGER-API.md, "Roles"). A key's role list from the API
 * also holds its project roles (with a `groupId`); OrgApiKey manages only the organization roles
 * and ignores project roles, which ApiKeyProjectAssignment manages, so the two never fight.
 */
import type { RoleAssignment } from "../../client/types";
import { normalizeRoleSet, roleNamesIn, type RoleSetResult } from "../common/role-set";

/** Roles an org API key may carry (ORG_BILLING_ADMIN exists in Cloud Manager only). */
export const ORG_ROLES: readonly string[] = [
  "ORG_BILLING_ADMIN",
  "ORG_GROUP_CREATOR",
  "ORG_MEMBER",
  "ORG_OWNER",
  "ORG_READ_ONLY",
];

/** Normalizes a declared organization `roles` value; never throws. */
export function normalizeRoles(value: unknown): RoleSetResult {
  return normalizeRoleSet(value, {
    allowed: ORG_ROLES,
    what: "an organization role",
    example: '["ORG_MEMBER"]',
  });
}

/** The org roles of an API key as a sorted list (project roles and other orgs' roles dropped). */
export function orgRolesOf(roles: readonly RoleAssignment[], orgId: string): string[] {
  const org = orgId.toLowerCase();
  return roleNamesIn(
    roles,
    (r) => r.groupId === undefined && (r.orgId === undefined || r.orgId.toLowerCase() === org),
  );
}
