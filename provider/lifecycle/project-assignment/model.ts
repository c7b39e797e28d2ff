/** ApiKeyProjectAssignment values: the declared inputs for a write, ids, outputs and labels. */
import type { ApiKey } from "../../client/types";
import { inputsForWrite } from "../common/checked-inputs";
import { isObjectId } from "../common/values";
import type { ApiKeyProjectAssignmentOutputs } from "../types";
import { checkProjectAssignment } from "./check";
import { projectRolesOf } from "./roles";

/** Declared inputs of an assignment after check. */
export interface DeclaredAssignment {
  readonly projectId: string;
  readonly apiKeyId: string;
  readonly roles: string[];
}

/** Validates inputs for a write; throws one error naming every problem. */
export function declaredAssignment(inputs: unknown): DeclaredAssignment {
  const checked = inputsForWrite("ApiKeyProjectAssignment", checkProjectAssignment({}, inputs));
  return {
    projectId: checked.projectId as string,
    apiKeyId: checked.apiKeyId as string,
    roles: checked.roles as string[],
  };
}

/** Resource id: `<projectId>/<apiKeyId>`. */
export function assignmentId(projectId: string, apiKeyId: string): string {
  return `${projectId}/${apiKeyId}`;
}

/** The assignment a resource id names, or null when it is not `<24-hex>/<24-hex>`. */
export function parseAssignmentId(id: string): { projectId: string; apiKeyId: string } | null {
  const [projectId, apiKeyId, ...rest] = String(id).split("/");
  return rest.length === 0 && isObjectId(projectId) && isObjectId(apiKeyId)
    ? { projectId: projectId.toLowerCase(), apiKeyId: apiKeyId.toLowerCase() }
    : null;
}

/** Complete outputs from the key as the project's list (or the PATCH answer) reports it. */
export function assignmentOutputs(projectId: string, key: ApiKey): ApiKeyProjectAssignmentOutputs {
  return {
    projectId,
    apiKeyId: key.id.toLowerCase(),
    roles: projectRolesOf(key.roles, projectId),
    publicKey: key.publicKey,
  };
}

/** The declared-input view (what `read` reports as inputs so refresh shows drift). */
export function assignmentInputsView(
  outs: ApiKeyProjectAssignmentOutputs,
): Record<string, unknown> {
  return { projectId: outs.projectId, apiKeyId: outs.apiKeyId, roles: outs.roles };
}

/** How operations name the resource. */
export function assignmentLabel(op: string, projectId: string, apiKeyId: string): string {
  return `ApiKeyProjectAssignment ${op} of key ${apiKeyId} in project ${projectId}`;
}
