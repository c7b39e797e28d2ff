/**
 * pulumi-opsmanager-apikeys: Pulumi dynamic resources for MongoDB Ops Manager / Cloud Manager
 * organization API keys, their IP access-list ("whitelist") entries, and their project roles.
 */
export { OrgApiKey, type OrgApiKeyArgs } from "./resources/org-api-key";
export { ApiKeyWhitelistEntry, type ApiKeyWhitelistEntryArgs } from "./resources/whitelist-entry";
export {
  ApiKeyProjectAssignment,
  type ApiKeyProjectAssignmentArgs,
} from "./resources/project-assignment";
export {
  lookupOrgApiKeys,
  lookupProjectApiKeys,
  lookupWhitelistEntries,
  type OrgApiKeyInfo,
  type ProjectApiKeyInfo,
  type WhitelistEntryInfo,
} from "./lookups/index";
export type {
  ApiKeyProjectAssignmentOutputs,
  ApiKeyWhitelistEntryOutputs,
  OrgApiKeyOutputs,
} from "./lifecycle/types";
