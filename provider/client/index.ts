/**
 * The typed Ops Manager client: `createClient(settings)` plus the error API. No module-scope
 * state: every client owns its got instance, Digest nonce, access-list route choice and counters;
 * callers cache one client per configuration and process.
 *
 * Layers, outermost first: the calls (api-keys.ts, access-list.ts, project-api-keys.ts; adds to
 * one key's access list made at the same time share a request, access-list-batches.ts) → the
 * transport (retry loop + error mapping) → Digest (`withDigest`) → one HTTP request (http.ts).
 */
import * as accessList from "./access-list";
import { batchingAdds } from "./access-list-batches";
import * as apiKeys from "./api-keys";
import { createDigestSession } from "./digest-session";
import { withDigest } from "./digest-exchange";
import { createHttpEndpoint } from "./http";
import * as projectApiKeys from "./project-api-keys";
import { validateClientSettings } from "./settings";
import { countedSend, createTransport, type Counters, type TransportDeps } from "./transport";
import type { ClientSettings, OpsManagerClient } from "./types";

export * from "./types";
export {
  OpsManagerError,
  isOpsManagerError,
  isOpsManagerNotFound,
  isNotFound,
  errorCodeIs,
  canonicalErrorCode,
  redact,
  type OpsManagerErrorCode,
  type OpsManagerErrorInit,
} from "./errors";
export { DEFAULT_RETRY_POLICY, backoffDelay, resolveRetryPolicy } from "./retry";
export {
  retryWithPolicy,
  type RetryClock,
  type RetryContext,
  type RetryVerdict,
} from "./retry-loop";
export { validateClientSettings, type ResolvedClientSettings } from "./settings";

/**
 * Makes a client. Throws an `OpsManagerError` (`VALIDATION`, or `TLS` for an unreadable CA file)
 * when the settings cannot work; makes no request.
 */
export function createClient(settings: ClientSettings, deps: TransportDeps = {}): OpsManagerClient {
  const resolved = validateClientSettings(settings);
  const http = createHttpEndpoint(resolved);
  const counters: Counters = { calls: 0, requests: 0, retries: 0 };
  const send = withDigest(
    createDigestSession(resolved.publicKey, resolved.privateKey),
    countedSend((request) => http.send(request), counters),
    (relative) => http.requestTarget(relative),
  );
  const t = createTransport(resolved, send, counters, deps);
  const route = accessList.createAccessListRoute(resolved.accessListPath, resolved.warn);
  const addEntries = batchingAdds((orgId, id, entries) =>
    accessList.addAccessListEntries(t, route, orgId, id, entries),
  );
  const counted = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
    return (...args: A): Promise<R> => {
      counters.calls += 1;
      return fn(...args);
    };
  };
  return {
    listApiKeys: counted((orgId: string) => apiKeys.listApiKeys(t, orgId)),
    createApiKey: counted((orgId: string, body) => apiKeys.createApiKey(t, orgId, body)),
    getApiKey: counted((orgId: string, id: string) => apiKeys.getApiKey(t, orgId, id)),
    updateApiKey: counted((orgId: string, id: string, body) =>
      apiKeys.updateApiKey(t, orgId, id, body),
    ),
    deleteApiKey: counted((orgId: string, id: string) => apiKeys.deleteApiKey(t, orgId, id)),
    listAccessList: counted((orgId: string, id: string) =>
      accessList.listAccessList(t, route, orgId, id),
    ),
    addAccessListEntries: counted((orgId: string, id: string, entries) =>
      addEntries(orgId, id, entries),
    ),
    getAccessListEntry: counted((orgId: string, id: string, entry: string) =>
      accessList.getAccessListEntry(t, route, orgId, id, entry),
    ),
    deleteAccessListEntry: counted((orgId: string, id: string, entry: string) =>
      accessList.deleteAccessListEntry(t, route, orgId, id, entry),
    ),
    listProjectApiKeys: counted((projectId: string) =>
      projectApiKeys.listProjectApiKeys(t, projectId),
    ),
    assignApiKeyToProject: counted((projectId: string, id: string, roles: readonly string[]) =>
      projectApiKeys.assignApiKeyToProject(t, projectId, id, roles),
    ),
    unassignApiKeyFromProject: counted((projectId: string, id: string) =>
      projectApiKeys.unassignApiKeyFromProject(t, projectId, id),
    ),
    stats: () => ({ ...counters }),
  };
}
