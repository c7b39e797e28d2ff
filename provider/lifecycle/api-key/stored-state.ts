/** The org id a stored OrgApiKey state names, or an error that says the state is unusable. */
import { isObjectId } from "../common/values";

export function storedOrgId(id: string, state: Record<string, unknown>, op: string): string {
  if (isObjectId(state.orgId) && isObjectId(id)) return state.orgId.toLowerCase();
  throw new Error(
    `OrgApiKey ${op} of ${JSON.stringify(String(id).slice(0, 64))} failed: the stored state has no valid orgId or key id ` +
      "(the resource may come from an unsupported import); remove it with `pulumi state delete` and adopt the key with existingApiKeyId.",
  );
}
