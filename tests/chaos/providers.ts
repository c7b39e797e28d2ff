/**
 * The `__provider` texts the chaos runs pass in their inputs: the real shims serialized the way
 * `pulumi.dynamic.Resource` serializes them, so secret scans cover the exact stored text.
 */
import type { ResourceKind } from "./model";

export async function serializedShims(): Promise<Record<ResourceKind, string>> {
  const pulumi = await import("@pulumi/pulumi");
  const { orgApiKeyShim, whitelistEntryShim, projectAssignmentShim } =
    await import("../../provider/resources/shim");
  const text = async (shim: object): Promise<string> =>
    (await pulumi.runtime.serializeFunction(() => shim, { allowSecrets: true })).text;
  return {
    OrgApiKey: await text(orgApiKeyShim),
    ApiKeyWhitelistEntry: await text(whitelistEntryShim),
    ApiKeyProjectAssignment: await text(projectAssignmentShim),
  };
}
