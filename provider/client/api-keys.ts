/**
 * Organization API key calls:
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/org-api-keys/
 */
import { collectPages, ITEMS_PER_PAGE } from "./pagination";
import { apiKeyPath, apiKeysPath, pageQuery } from "./paths";
import type { Transport } from "./transport";
import type { ApiKey, ApiKeyRequest } from "./types";
import { apiKeyGuard, emptyBodyGuard, listPageGuard } from "./wire";

export const readKey = apiKeyGuard(false);
const createdKey = apiKeyGuard(true);
export const keyPage = listPageGuard(readKey);

/** Only the fields the API accepts; unknown fields are a 400 there. */
function keyBody(body: ApiKeyRequest): { desc?: string; roles?: string[] } {
  const out: { desc?: string; roles?: string[] } = {};
  if (body.desc !== undefined) out.desc = body.desc;
  if (body.roles !== undefined) out.roles = [...body.roles];
  return out;
}

/** Every key of the org, all pages. */
export function listApiKeys(t: Transport, orgId: string): Promise<ApiKey[]> {
  return collectPages((pageNum) =>
    t.request({
      method: "GET",
      path: apiKeysPath(orgId),
      query: pageQuery(pageNum, ITEMS_PER_PAGE),
      kind: "idempotent",
      narrow: keyPage,
    }),
  );
}

/** Creates a key: the only answer holding the unredacted private key. Never retried on a lost answer. */
export function createApiKey(t: Transport, orgId: string, body: ApiKeyRequest): Promise<ApiKey> {
  return t.request({
    method: "POST",
    path: apiKeysPath(orgId),
    body: keyBody(body),
    kind: "create",
    narrow: createdKey,
  });
}

/** One key (privateKey redacted). */
export function getApiKey(t: Transport, orgId: string, apiKeyId: string): Promise<ApiKey> {
  return t.request({
    method: "GET",
    path: apiKeyPath(orgId, apiKeyId),
    kind: "idempotent",
    narrow: readKey,
  });
}

/** Partial update; `roles` replaces the org roles. */
export function updateApiKey(
  t: Transport,
  orgId: string,
  apiKeyId: string,
  body: ApiKeyRequest,
): Promise<ApiKey> {
  return t.request({
    method: "PATCH",
    path: apiKeyPath(orgId, apiKeyId),
    body: keyBody(body),
    kind: "idempotent",
    narrow: readKey,
  });
}

/** Deletes a key: 200 or 204, empty body or `{}`. */
export function deleteApiKey(t: Transport, orgId: string, apiKeyId: string): Promise<void> {
  return t.request({
    method: "DELETE",
    path: apiKeyPath(orgId, apiKeyId),
    kind: "idempotent",
    narrow: emptyBodyGuard,
  });
}
