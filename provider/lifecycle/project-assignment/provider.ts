/**
 * The ApiKeyProjectAssignment provider: an organization API key's roles in one project, typed as
 * `@pulumi/pulumi/dynamic`'s ResourceProvider. Each method's rules live in the file it imports.
 */
import { diffWithLiveObject } from "../common/live-drift";
import { withOwnership, type OwnedObjects } from "../common/owned-provider";
import {
  asCheckResult,
  asReadResult,
  type PlannedDiff,
  type ResourceProvider,
} from "../common/results";
import { asBag, isObjectId } from "../common/values";
import type { ProviderRuntime } from "../runtime";
import type { ApiKeyProjectAssignmentInputs, ApiKeyProjectAssignmentOutputs } from "../types";
import { assign } from "./assign";
import { checkProjectAssignment } from "./check";
import { diffProjectAssignment } from "./diff";
import { driftLabel, driftProjectAssignment } from "./drift";
import { assignmentId, declaredAssignment } from "./model";
import {
  deleteProjectAssignment,
  readProjectAssignment,
  updateProjectAssignment,
} from "./read-update-delete";

/** Assignments are named by project and key id. */
const OWNED_ASSIGNMENTS: OwnedObjects = {
  kind: "assignment",
  noun: "assignment",
  type: "ApiKeyProjectAssignment",
  objectOf: (outs) =>
    isObjectId(outs.projectId) && isObjectId(outs.apiKeyId)
      ? [outs.projectId, outs.apiKeyId]
      : null,
};

/** diff: the stored-state diff, then the live comparison. */
async function diff(
  rt: ProviderRuntime,
  id: string,
  olds: ApiKeyProjectAssignmentOutputs,
  news: ApiKeyProjectAssignmentInputs,
): Promise<PlannedDiff> {
  const offline = diffProjectAssignment(id, olds, news);
  const next = asBag(news);
  const addressable = isObjectId(next.projectId) && isObjectId(next.apiKeyId);
  return diffWithLiveObject(rt, {
    label: driftLabel(news),
    offline,
    news: next,
    addressable,
    compare: (ctx) => driftProjectAssignment(ctx, asBag(olds), next, offline),
  });
}

/** The ApiKeyProjectAssignment provider for one call's runtime. */
export function projectAssignmentProvider(
  rt: ProviderRuntime,
): ResourceProvider<ApiKeyProjectAssignmentInputs, ApiKeyProjectAssignmentOutputs> {
  return withOwnership(rt, OWNED_ASSIGNMENTS, {
    check: (olds, news) => Promise.resolve(asCheckResult(checkProjectAssignment(olds, news))),
    diff: (id, olds, news) => diff(rt, id, olds, news),
    create: async (inputs) => {
      const declared = declaredAssignment(inputs);
      const outs = await assign(rt.context(), declared, "create");
      return { id: assignmentId(declared.projectId, declared.apiKeyId), outs };
    },
    read: async (id) => asReadResult(await readProjectAssignment(rt.context(), id)),
    update: (_id, _olds, news) => updateProjectAssignment(rt.context(), news),
    delete: (id) => deleteProjectAssignment(rt.context(), id),
  });
}
