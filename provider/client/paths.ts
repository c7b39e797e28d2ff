/**
 * API paths below `/api/public/v1.0`. Every segment is encoded exactly once
 * with `encodeURIComponent` (`10.0.0.0/24` -> `10.0.0.0%2F24`); single-address entries (`/32`,
 * `/128`) are addressed by the bare IP, as the API's own `self` links are. Paths are returned
 * without a leading slash, ready for got's `prefixUrl`.
 */

/** Route segment of a key's access list: OM 5+ `accessList`, OM 4.2/4.4 `whitelist`. */
export type AccessListSegment = "accessList" | "whitelist";

/** Percent-encodes one path segment; callers never pre-encode. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** `a.b.c.d/32` -> `a.b.c.d`, `x::y/128` -> `x::y`; anything else unchanged. */
export function entryAddress(entry: string): string {
  const slash = entry.lastIndexOf("/");
  if (slash < 0) return entry;
  const address = entry.slice(0, slash);
  const prefix = entry.slice(slash + 1);
  const isIpv6 = address.includes(":");
  if ((!isIpv6 && prefix === "32") || (isIpv6 && prefix === "128")) return address;
  return entry;
}

/** The organization's keys: `orgs/{ORG-ID}/apiKeys`. */
export function apiKeysPath(orgId: string): string {
  return `orgs/${segment(orgId)}/apiKeys`;
}

/** One key: `orgs/{ORG-ID}/apiKeys/{API-KEY-ID}`. */
export function apiKeyPath(orgId: string, apiKeyId: string): string {
  return `${apiKeysPath(orgId)}/${segment(apiKeyId)}`;
}

/** A key's access list: `…/apiKeys/{API-KEY-ID}/{accessList|whitelist}`. */
export function accessListPath(orgId: string, apiKeyId: string, route: AccessListSegment): string {
  return `${apiKeyPath(orgId, apiKeyId)}/${route}`;
}

/** One entry: `…/{accessList|whitelist}/{ENTRY}`, entry by bare IP or `net%2Flen`. */
export function accessListEntryPath(
  orgId: string,
  apiKeyId: string,
  route: AccessListSegment,
  entry: string,
): string {
  return `${accessListPath(orgId, apiKeyId, route)}/${segment(entryAddress(entry))}`;
}

/** The organization keys assigned to a project: `groups/{PROJECT-ID}/apiKeys`. */
export function projectApiKeysPath(projectId: string): string {
  return `groups/${segment(projectId)}/apiKeys`;
}

/** One key's assignment to a project: `groups/{PROJECT-ID}/apiKeys/{API-KEY-ID}`. */
export function projectApiKeyPath(projectId: string, apiKeyId: string): string {
  return `${projectApiKeysPath(projectId)}/${segment(apiKeyId)}`;
}

/** Query of one list page; `itemsPerPage` is capped at the API maximum of 500. */
export function pageQuery(pageNum: number, itemsPerPage: number): string {
  return `pageNum=${pageNum}&itemsPerPage=${Math.min(500, Math.max(1, itemsPerPage))}`;
}
