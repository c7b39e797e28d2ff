/**
 * Errors the host shows to the user. Only `message` crosses the gRPC boundary (or `reasons` for a
 * partial create), so each message names the resource, what happened and what to do.
 */
import type { ClientWarningCode } from "../../client/types";

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
 * What to do about a client failure of the given code, in this provider's terms (config keys,
 * environment variables, Pulumi commands). The client speaks Ops Manager only.
 */
const CONFIGURATION_HINTS: Readonly<Record<string, (parameters: readonly string[]) => string>> = {
  UNAUTHORIZED: () =>
    "Check opsmanager:publicKey and opsmanager:privateKey (or MCLI_PUBLIC_API_KEY and MCLI_PRIVATE_API_KEY). " +
    "Note: `pulumi refresh` and `pulumi destroy` use the configuration recorded in the stack's state at the last " +
    "`pulumi up`; after rotating the managing key, run `pulumi up` once (or `pulumi refresh --run-program`) so " +
    "that they use the new credentials.",
  PERMISSION_DENIED: () =>
    "The key in opsmanager:publicKey needs the Organization Owner role (ORG_OWNER) to manage API keys, or " +
    "Project Owner / Project User Admin in a project to assign keys there.",
  ACCESS_LIST_DENIED: (parameters) =>
    `Add ${parameters[0] ?? "this machine's address"} to the access list of the API key in opsmanager:publicKey ` +
    "(Organization > Access Manager > API Keys), or run from an address that is on it.",
  VALIDATION: () => "Fix the resource's inputs as Ops Manager says, then run `pulumi up` again.",
  NOT_FOUND: () =>
    "It was deleted outside Pulumi, or the id is wrong: run `pulumi refresh` to update the stack's state, then `pulumi up`.",
  RATE_LIMITED: () =>
    "Run `pulumi up` again later, or with fewer parallel operations (`pulumi up --parallel 4`).",
  SERVER_ERROR: () => "Check the Ops Manager server health and logs, then run `pulumi up` again.",
  NETWORK: () =>
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) and that Ops Manager is reachable from this machine.",
  TIMEOUT: () =>
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) and that Ops Manager is reachable from this machine.",
  TLS: () =>
    "If Ops Manager uses a private CA, set opsmanager:caCertFile (or MCLI_OPS_MANAGER_CA_CERTIFICATE) to its PEM bundle.",
  BAD_RESPONSE: () =>
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL): it must be the Ops Manager root itself, not a proxy or login page.",
  ORG_NOT_FOUND: () =>
    "Check orgId, and that opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) points at the Ops Manager that holds this organization.",
  PROJECT_NOT_FOUND: () =>
    "Check projectId, and that opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL) points at the Ops Manager that holds this project.",
  ENDPOINT_NOT_FOUND: () =>
    "Check opsmanager:baseUrl (or MCLI_OPS_MANAGER_URL): it is the root URL of Ops Manager, such as " +
    "https://om.example.com:8443, without /api/public/v1.0, and no proxy in front of it may rewrite the path.",
};

/** What to change in this provider's configuration after a client warning of the given code. */
const WARNING_HINTS: Readonly<Record<ClientWarningCode, string>> = {
  TLS_VERIFICATION_OFF:
    "Set opsmanager:caCertFile (or MCLI_OPS_MANAGER_CA_CERTIFICATE) to that bundle and turn " +
    "opsmanager:insecureSkipVerify (MCLI_OPS_MANAGER_SKIP_VERIFY) off.",
  WHITELIST_FALLBACK: "Set opsmanager:accessListPath to whitelist to skip the first attempt.",
};

/** The configuration hint for a client warning, with a leading space. */
export function warningHint(code: ClientWarningCode): string {
  return ` ${WARNING_HINTS[code]}`;
}

/** The configuration hint for a client failure, or "" when there is none. */
export function configurationHint(error: unknown): string {
  if (typeof error !== "object" || error === null) return "";
  const { code, parameters } = error as { code?: unknown; parameters?: unknown };
  const hint = typeof code === "string" ? CONFIGURATION_HINTS[code] : undefined;
  if (hint === undefined || messageOf(error).includes("opsmanager:")) return "";
  const params = Array.isArray(parameters) ? parameters.map(String) : [];
  return ` ${hint(params)}`;
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
