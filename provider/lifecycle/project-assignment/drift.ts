/**
 * The live comparison of an ApiKeyProjectAssignment `diff` (common/live-drift.ts): project roles
 * changed outside Pulumi plan an update that sets them back (unless the resource's
 * `ignoreChanges` names `roles`); an assignment removed outside Pulumi plans an update that
 * assigns the key again (the PATCH that sets roles also assigns).
 */
import type { LifecycleContext } from "../common/context";
import { ignoredProperties, isIgnored } from "../common/ignore-changes";
import type { PlannedDiff } from "../common/results";
import { rolesText, sameRoles } from "../common/role-set";
import { asBag } from "../common/values";
import { liveAssignment } from "./live";
import { assignmentId } from "./model";
import { projectRolesOf } from "./roles";

/** The resource as the user can find it. */
export function driftLabel(news: unknown): string {
  const next = asBag(news);
  return `ApiKeyProjectAssignment ${assignmentId(String(next.projectId), String(next.apiKeyId))}`;
}

/** diff with the project's live list; `old` and `next` are the stored outputs and checked inputs. */
export async function driftProjectAssignment(
  ctx: LifecycleContext,
  old: Record<string, unknown>,
  next: Record<string, unknown>,
  offline: PlannedDiff,
): Promise<PlannedDiff> {
  const projectId = String(next.projectId);
  const apiKeyId = String(next.apiKeyId);
  const key = await liveAssignment(ctx, projectId, apiKeyId);
  const name = driftLabel(next);
  if (key === null) {
    ctx.warn(
      `${name}: removed outside Pulumi (key ${apiKeyId} is not assigned to project ${projectId}); ` +
        `the update assigns it again with roles ${rolesText(next.roles)}.`,
    );
    return { ...offline, changes: true };
  }
  if (isIgnored(ignoredProperties(next), "roles")) return offline;
  const live = projectRolesOf(key.roles, projectId);
  if (sameRoles(live, next.roles)) return offline;
  if (!sameRoles(live, old.roles)) {
    ctx.warn(
      `${name}: roles drifted: live ${rolesText(live)}, declared ${rolesText(next.roles)}; the update will set them back.`,
    );
  }
  return { ...offline, changes: true };
}
