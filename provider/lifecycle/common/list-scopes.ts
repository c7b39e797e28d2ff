/** Names of the lists the list cache holds, one scope per list (ids compared in lower case). */

/** The keys of an organization. */
export const keysScope = (orgId: string): string => `keys ${orgId.toLowerCase()}`;

/** The access-list entries of a key. */
export const entriesScope = (orgId: string, apiKeyId: string): string =>
  `entries ${orgId.toLowerCase()}/${apiKeyId.toLowerCase()}`;

/** The organization keys assigned to a project. */
export const projectKeysScope = (projectId: string): string =>
  `project keys ${projectId.toLowerCase()}`;
