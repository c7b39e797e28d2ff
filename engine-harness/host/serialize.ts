/**
 * `serializeProviders(programDir)`: the `__provider` texts of `OrgApiKey`,
 * `ApiKeyWhitelistEntry` and `ApiKeyProjectAssignment` exactly as the installed package's
 * resource classes produce them, plus the options each class registers (additionalSecretOutputs,
 * deleteBeforeReplace…) that an engine emulation needs.
 */
import { captureRegistrations, type CaptureOptions, type Registration } from "./capture";

export const ORG_API_KEY_TYPE = "pulumi-nodejs:dynamic/opsmanager:OrgApiKey";
export const WHITELIST_ENTRY_TYPE = "pulumi-nodejs:dynamic/opsmanager:ApiKeyWhitelistEntry";
export const PROJECT_ASSIGNMENT_TYPE = "pulumi-nodejs:dynamic/opsmanager:ApiKeyProjectAssignment";

export interface SerializedProviders {
  readonly OrgApiKey: string;
  readonly ApiKeyWhitelistEntry: string;
  readonly ApiKeyProjectAssignment: string;
  readonly registrations: {
    readonly OrgApiKey: Registration;
    readonly ApiKeyWhitelistEntry: Registration;
    readonly ApiKeyProjectAssignment: Registration;
  };
  /** What constructing the resources printed (warnings). */
  readonly stderr: string;
}

export interface SerializeOptions extends CaptureOptions {
  /** Installed package name. Default `pulumi-opsmanager-apikeys`. */
  readonly packageName?: string;
}

const SAMPLE_ORG = "5f0c8b7e9d1a2b3c4d5e6f70";

function program(packageName: string): string {
  return `"use strict";
module.exports = async () => {
  const pkg = require(${JSON.stringify(packageName)});
  const key = new pkg.OrgApiKey("key", { orgId: "${SAMPLE_ORG}", description: "serialized", roles: ["ORG_MEMBER"] });
  const entry = new pkg.ApiKeyWhitelistEntry("entry", { orgId: "${SAMPLE_ORG}", apiKeyId: key.id, ipAddress: "10.0.0.1" });
  const assignment = new pkg.ApiKeyProjectAssignment("assignment", { projectId: "${SAMPLE_ORG}", apiKeyId: key.id, roles: ["GROUP_READ_ONLY"] });
  return [key, entry, assignment];
};
`;
}

const cache = new Map<string, Promise<SerializedProviders>>();

/** Serializes the providers from the package installed in `programDir` (cached per directory). */
export function serializeProviders(
  programDir: string,
  options: SerializeOptions = {},
): Promise<SerializedProviders> {
  const packageName = options.packageName ?? "pulumi-opsmanager-apikeys";
  const key = `${programDir}|${packageName}|${JSON.stringify(options.env ?? {})}`;
  let result = cache.get(key);
  if (!result) {
    result = captureRegistrations(programDir, program(packageName), options).then(
      ({ registrations, stderr }) => {
        const key = pick(registrations, ORG_API_KEY_TYPE);
        const entry = pick(registrations, WHITELIST_ENTRY_TYPE);
        const assignment = pick(registrations, PROJECT_ASSIGNMENT_TYPE);
        return {
          OrgApiKey: key.providerText!,
          ApiKeyWhitelistEntry: entry.providerText!,
          ApiKeyProjectAssignment: assignment.providerText!,
          registrations: {
            OrgApiKey: key,
            ApiKeyWhitelistEntry: entry,
            ApiKeyProjectAssignment: assignment,
          },
          stderr,
        };
      },
    );
    result.catch(() => cache.delete(key));
    cache.set(key, result);
  }
  return result;
}

function pick(registrations: readonly Registration[], type: string): Registration {
  const found = registrations.find((r) => r.type === type);
  if (!found || typeof found.providerText !== "string") {
    const seen = registrations.map((r) => r.type).join(", ") || "none";
    throw new Error(
      `serializeProviders: no ${type} registration with a __provider string (saw: ${seen})`,
    );
  }
  return found;
}
