/**
 * Organization API keys on projects: list the keys assigned to a project, assign a key or
 * replace its project roles, unassign it.
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/project-api-keys/
 */
import { keyPage, readKey } from "./api-keys";
import { collectPages, ITEMS_PER_PAGE } from "./pagination";
import { pageQuery, projectApiKeyPath, projectApiKeysPath } from "./paths";
import type { Transport } from "./transport";
import type { ApiKey } from "./types";
import { emptyBodyGuard } from "./wire";

/** Every organization key assigned to the project, all pages; `roles` holds org and project roles. */
export function listProjectApiKeys(t: Transport, projectId: string): Promise<ApiKey[]> {
  return collectPages((pageNum) =>
    t.request({
      method: "GET",
      path: projectApiKeysPath(projectId),
      query: pageQuery(pageNum, ITEMS_PER_PAGE),
      kind: "idempotent",
      narrow: keyPage,
    }),
  );
}

/**
 * PATCH `{"roles": [...]}`: assigns the key to the project, or replaces its project roles (the
 * list must hold at least one role). Idempotent, so retried like any update.
 */
export function assignApiKeyToProject(
  t: Transport,
  projectId: string,
  apiKeyId: string,
  roles: readonly string[],
): Promise<ApiKey> {
  return t.request({
    method: "PATCH",
    path: projectApiKeyPath(projectId, apiKeyId),
    body: { roles: [...roles] },
    kind: "idempotent",
    narrow: readKey,
  });
}

/** Removes the key from the project: 204 (or 200 with an empty body or `{}`). */
export function unassignApiKeyFromProject(
  t: Transport,
  projectId: string,
  apiKeyId: string,
): Promise<void> {
  return t.request({
    method: "DELETE",
    path: projectApiKeyPath(projectId, apiKeyId),
    kind: "idempotent",
    narrow: emptyBodyGuard,
  });
}
