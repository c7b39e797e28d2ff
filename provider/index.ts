/**
 * pulumi-opsmanager-apikeys: Pulumi dynamic resources for MongoDB Ops Manager / Cloud Manager
 * organization API keys and their IP access-list ("whitelist") entries (design §1).
 */
export { OrgApiKey, type OrgApiKeyArgs } from "./resources/org-api-key";
export { ApiKeyWhitelistEntry, type ApiKeyWhitelistEntryArgs } from "./resources/whitelist-entry";
export {
  lookupOrgApiKeys,
  lookupWhitelistEntries,
  type OrgApiKeyInfo,
  type WhitelistEntryInfo,
} from "./lookups/index";
export type { ApiKeyWhitelistEntryOutputs, OrgApiKeyOutputs } from "./lifecycle/types";
