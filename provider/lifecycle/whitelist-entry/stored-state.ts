/** The entry a stored ApiKeyWhitelistEntry state names, or an error that says the state is unusable. */
import { asBag, isObjectId } from "../common/values";
import { parseEntryId } from "./entry-id";
import type { DeclaredEntry } from "./model";

export function storedEntry(id: string, props: unknown, op: string): DeclaredEntry {
  const state = asBag(props);
  const parsed = parseEntryId(String(id));
  if (parsed !== null && isObjectId(state.orgId)) {
    const ipAddress = typeof state.ipAddress === "string" ? state.ipAddress : null;
    return {
      orgId: state.orgId.toLowerCase(),
      apiKeyId: parsed.apiKeyId,
      cidrBlock: parsed.cidrBlock,
      ipAddress,
    };
  }
  throw new Error(
    `ApiKeyWhitelistEntry ${op} of ${JSON.stringify(String(id).slice(0, 80))} failed: the id or stored state is not ` +
      "<apiKeyId>/<cidrBlock> with an orgId (an unsupported import?); remove it with `pulumi state delete` and declare the entry again.",
  );
}
