/**
 * Project roles of an organization key assigned to a project (docs/OPS-MANAGER-API.md, "Keys on
 * projects"). A key's role list holds organization roles (with `orgId`) and project roles (with
 * `groupId`); an assignment manages only the roles of its own project.
 */
import { PROJECT_ROLES, type RoleAssignment } from "../../client/types";
import { normalizeRoleSet, roleNamesIn, type RoleSetResult } from "../common/role-set";

/** Normalizes a declared project `roles` value; never throws. */
export function normalizeProjectRoles(value: unknown): RoleSetResult {
  return normalizeRoleSet(value, {
    allowed: PROJECT_ROLES,
    what: "a project role",
    example: '["GROUP_READ_ONLY"]',
  });
}

/** The key's roles in `projectId`, sorted. */
export function projectRolesOf(roles: readonly RoleAssignment[], projectId: string): string[] {
  const project = projectId.toLowerCase();
  return roleNamesIn(roles, (r) => r.groupId?.toLowerCase() === project);
}
