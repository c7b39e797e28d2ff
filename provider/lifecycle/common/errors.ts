/**
 * Errors the host shows to the user. Only `message` crosses the gRPC boundary (or `reasons` for a
 * partial create), so each message names the resource, what happened and what to do.
 */

/**
 * A create that failed after the object came to exist (docs/PULUMI-ENGINE.md, "Partial
 * creates"): the host turns `id`/`properties`/`reasons` into ErrorResourceInitFailed and the engine records the
 * object in state, so it is never orphaned. `properties` must carry `__provider` (the host does
 * not add it, and later read/delete need it).
 */
export class PartialCreateError extends Error {
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(id: string, properties: Record<string, unknown>, message: string) {
    super(message);
    this.name = "PartialCreateError";
    this.id = id;
    this.properties = properties;
    this.reasons = [message];
  }
}

/** Message text of any thrown value (never includes a stack). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * What to change in this provider's configuration after a client failure of the given code. The
 * client speaks Ops Manager only; the names of config keys and environment variables are ours.
 */
const CONFIGURATION_HINTS: Readonly<Record<string, string>> = {
  UNAUTHORIZED:
    "Check opsmanager:publicKey and opsmanager:privateKey (or MCLI_PUBLIC_API_KEY and MCLI_PRIVATE_API_KEY). " +
    "Note: `pulumi refresh` and `pulumi destroy` use the configuration recorded in the stack's state at the last " +
    "`pulumi up`; after rotating the managing key, run `pulumi up` once (or `pulumi refresh --run-program`) so " +
    "that they use the new credentials.",
  NETWORK:
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) and that Ops Manager is reachable from this machine.",
  TIMEOUT:
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) and that Ops Manager is reachable from this machine.",
  TLS:
    "If Ops Manager uses a private CA, set opsmanager:caCertFile (or MCLI_OPS_MANAGER_CA_CERTIFICATE) to its PEM bundle.",
  ORG_NOT_FOUND:
    "Check orgId, and that opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) points at the Ops Manager that holds this organization.",
  PROJECT_NOT_FOUND:
    "Check projectId, and that opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) points at the Ops Manager that holds this project.",
  ENDPOINT_NOT_FOUND:
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL): it is the root URL of Ops Manager, such as " +
    "https://om.example.com:8443, without /api/public/v1.0, and no proxy in front of it may rewrite the path.",
};

/** The configuration hint for a client failure, or "" when there is none. */
export function configurationHint(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const code = (error as { code?: unknown }).code;
  const hint = typeof code === "string" ? CONFIGURATION_HINTS[code] : undefined;
  if (hint === undefined) return "";
  return messageOf(error).includes("opsmanager:") ? "" : ` ${hint}`;
}

/**
 * A new Error whose message prefixes `what` (e.g. `OrgApiKey read of key …`) to the cause's
 * message and appends the configuration hint for the failure, if any.
 */
export function withContext(what: string, error: unknown): Error {
  return new Error(`${what} failed: ${messageOf(error)}${configurationHint(error)}`, {
    cause: error,
  });
}
