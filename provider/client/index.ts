/**
 * The typed Ops Manager client (design §4): `createClient(settings)` plus the error API. No
 * module-scope state: every client owns its got instance, Digest nonce, access-list route choice
 * and counters; callers cache one client per configuration and process.
 */
import * as accessList from "./access-list";
import * as apiKeys from "./api-keys";
import { OpsManagerError } from "./errors";
import { createTransport, type TransportDeps } from "./transport";
import type { ClientSettings, OpsManagerClient } from "./types";

export * from "./types";
export {
  OpsManagerError,
  isOpsManagerError,
  isNotFound,
  errorCodeIs,
  canonicalErrorCode,
  redact,
  type OpsManagerErrorCode,
  type OpsManagerErrorInit,
} from "./errors";
export { DEFAULT_RETRY_POLICY } from "./retry";

function requireCredentials(settings: ClientSettings): void {
  const missing = [
    settings.publicKey ? undefined : "opsmanager:publicKey (MCLI_PUBLIC_API_KEY)",
    settings.privateKey ? undefined : "opsmanager:privateKey (MCLI_PRIVATE_API_KEY)",
  ].filter((m) => m !== undefined);
  if (missing.length > 0) {
    throw new OpsManagerError(
      `No Ops Manager API key configured: set ${missing.join(" and ")} to the public and private key ` +
        `of an Organization Owner API key.`,
      { code: "VALIDATION", method: "-", path: "-", attempts: 0 },
    );
  }
}

/**
 * Makes a client. Throws an `OpsManagerError` (`VALIDATION`, or `TLS` for an unreadable CA file)
 * when the settings cannot work; makes no request.
 */
export function createClient(settings: ClientSettings, deps: TransportDeps = {}): OpsManagerClient {
  requireCredentials(settings);
  const t = createTransport(settings, deps);
  const route = accessList.createAccessListRoute(settings.accessListPath ?? "auto", t.warn);
  const counted = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => {
    return (...args: A): Promise<R> => {
      t.counters.calls += 1;
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
      accessList.addAccessListEntries(t, route, orgId, id, entries),
    ),
    getAccessListEntry: counted((orgId: string, id: string, entry: string) =>
      accessList.getAccessListEntry(t, route, orgId, id, entry),
    ),
    deleteAccessListEntry: counted((orgId: string, id: string, entry: string) =>
      accessList.deleteAccessListEntry(t, route, orgId, id, entry),
    ),
    stats: () => ({ ...t.counters }),
  };
}
