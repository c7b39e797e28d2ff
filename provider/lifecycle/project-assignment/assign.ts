/**
 * Assigning a key to a project: `create`, and `update` (one PATCH that replaces the key's roles in
 * the project; it assigns the key when it is not assigned yet). The PATCH is idempotent, so the
 * client retries it like any idempotent call. A key already assigned (in the UI, or by mongocli)
 * is adopted: its project roles become the declared ones.
 */
import type { LifecycleContext } from "../common/context";
import { withContext } from "../common/errors";
import { isGone } from "../common/gone";
import type { ApiKeyProjectAssignmentOutputs } from "../types";
import { forgetProjectKeys } from "./live";
import { assignmentLabel, assignmentOutputs, type DeclaredAssignment } from "./model";

/** PATCHes the declared roles; returns complete outputs. */
export async function assign(
  ctx: LifecycleContext,
  declared: DeclaredAssignment,
  op: "create" | "update",
): Promise<ApiKeyProjectAssignmentOutputs> {
  const { projectId, apiKeyId, roles } = declared;
  try {
    const key = await ctx.client.assignApiKeyToProject(projectId, apiKeyId, roles);
    return assignmentOutputs(projectId, key);
  } catch (e) {
    if (isGone(e)) {
      throw new Error(
        `${assignmentLabel(op, projectId, apiKeyId)} failed: Ops Manager has no organization API key ${apiKeyId} ` +
          `that could be assigned to project ${projectId} (${e instanceof Error ? e.message : String(e)}). ` +
          "Pass the OrgApiKey's id (`key.id`) as apiKeyId, and make sure the key belongs to the project's organization.",
        { cause: e },
      );
    }
    throw withContext(assignmentLabel(op, projectId, apiKeyId), e);
  } finally {
    forgetProjectKeys(ctx, projectId);
  }
}
