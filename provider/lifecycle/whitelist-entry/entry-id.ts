/**
 * Resource id of an access-list entry: `<apiKeyId>/<canonical cidrBlock>`, e.g.
 * `5f0c8a1e2b3c4d5e6f708192/10.0.0.0/24`. The key id is 24 hex, so the first `/` splits.
 */
import { isObjectId } from "../common/values";

/** Builds an entry's resource id. */
export function entryId(apiKeyId: string, cidrBlock: string): string {
  return `${apiKeyId}/${cidrBlock}`;
}

/** Splits an entry id; `null` when it is not of the form `<24-hex>/<cidr>`. */
export function parseEntryId(id: string): { apiKeyId: string; cidrBlock: string } | null {
  const slash = id.indexOf("/");
  if (slash < 0) return null;
  const apiKeyId = id.slice(0, slash);
  const cidrBlock = id.slice(slash + 1);
  return isObjectId(apiKeyId) && cidrBlock.includes("/") ? { apiKeyId, cidrBlock } : null;
}
