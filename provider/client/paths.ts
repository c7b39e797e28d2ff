/**
 * API paths below `/api/public/v1.0` (spec §1.2, §1.4). Every segment is encoded exactly once
 * with `encodeURIComponent` (`10.0.0.0/24` -> `10.0.0.0%2F24`); single-address entries (`/32`,
 * `/128`) are addressed by the bare IP, as the API's own `self` links are. Paths are returned
 * without a leading slash, ready for got's `prefixUrl`.
 */

/** Route segment of a key's access list: OM 5+ `accessList`, OM 4.2/4.4 `whitelist` (spec §1.3). */
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

/** K1, K2: `orgs/{ORG-ID}/apiKeys`. */
export function apiKeysPath(orgId: string): string {
  return `orgs/${segment(orgId)}/apiKeys`;
}

/** K3–K5: `orgs/{ORG-ID}/apiKeys/{API-KEY-ID}`. */
export function apiKeyPath(orgId: string, apiKeyId: string): string {
  return `${apiKeysPath(orgId)}/${segment(apiKeyId)}`;
}

/** A1, A2 (W1, W2): `…/apiKeys/{API-KEY-ID}/{accessList|whitelist}`. */
export function accessListPath(orgId: string, apiKeyId: string, route: AccessListSegment): string {
  return `${apiKeyPath(orgId, apiKeyId)}/${route}`;
}

/** A3, A4 (W3, W4): `…/{accessList|whitelist}/{ENTRY}`, entry by bare IP or `net%2Flen`. */
export function accessListEntryPath(
  orgId: string,
  apiKeyId: string,
  route: AccessListSegment,
  entry: string,
): string {
  return `${accessListPath(orgId, apiKeyId, route)}/${segment(entryAddress(entry))}`;
}

/** Query of one list page; `itemsPerPage` is capped at the API maximum of 500 (spec §3.1). */
export function pageQuery(pageNum: number, itemsPerPage: number): string {
  return `pageNum=${pageNum}&itemsPerPage=${Math.min(500, Math.max(1, itemsPerPage))}`;
}
