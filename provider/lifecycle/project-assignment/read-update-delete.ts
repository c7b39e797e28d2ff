/** read, update and delete of an ApiKeyProjectAssignment (assigning lives in assign.ts). */
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { withContext } from "../common/errors";
import { isGone } from "../common/gone";
import type { ReadOutcome, Updated } from "../common/results";
import type { ApiKeyProjectAssignmentOutputs } from "../types";
import { assign } from "./assign";
import { forgetProjectKeys, liveAssignment } from "./live";
import {
  assignmentId,
  assignmentInputsView,
  assignmentLabel,
  assignmentOutputs,
  declaredAssignment,
  parseAssignmentId,
} from "./model";

/** The assignment a resource id names, or an error that says the state is unusable. */
function storedAssignment(id: string, op: string): { projectId: string; apiKeyId: string } {
  const parsed = parseAssignmentId(id);
  if (parsed !== null) return parsed;
  throw new Error(
    `ApiKeyProjectAssignment ${op} of ${JSON.stringify(String(id).slice(0, 80))} failed: the id is not ` +
      "<projectId>/<apiKeyId> (an unsupported import?); remove it with `pulumi state delete` and declare the assignment again.",
  );
}

/** read(id, props): `{}` when the key is not assigned to the project (any more). */
export async function readProjectAssignment(
  ctx: LifecycleContext,
  id: string,
): Promise<ReadOutcome<ApiKeyProjectAssignmentOutputs>> {
  const { projectId, apiKeyId } = storedAssignment(id, "read");
  let key: ApiKey | null;
  try {
    key = await liveAssignment(ctx, projectId, apiKeyId);
  } catch (e) {
    throw withContext(assignmentLabel("read", projectId, apiKeyId), e);
  }
  if (key === null) return {};
  const outs = assignmentOutputs(projectId, key);
  return { id: assignmentId(projectId, apiKeyId), props: outs, inputs: assignmentInputsView(outs) };
}

/** update(id, olds, news): sets the declared roles (and assigns again if removed outside Pulumi). */
export async function updateProjectAssignment(
  ctx: LifecycleContext,
  news: unknown,
): Promise<Updated<ApiKeyProjectAssignmentOutputs>> {
  return { outs: await assign(ctx, declaredAssignment(news), "update") };
}

/**
 * delete(id, props): unassigns the key. Already unassigned counts as success only on Ops
 * Manager's own not-found answer. (An assignment another resource of this deployment manages is
 * left alone: common/owned-provider.ts.)
 */
export async function deleteProjectAssignment(ctx: LifecycleContext, id: string): Promise<void> {
  const { projectId, apiKeyId } = storedAssignment(id, "delete");
  try {
    await ctx.client.unassignApiKeyFromProject(projectId, apiKeyId);
  } catch (e) {
    if (isGone(e)) return;
    throw withContext(assignmentLabel("delete", projectId, apiKeyId), e);
  } finally {
    forgetProjectKeys(ctx, projectId);
  }
}
