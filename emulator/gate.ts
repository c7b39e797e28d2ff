/**
 * The IP access-list gate and the authorization rule set.
 * Gate spelling: `…_ACCESS_LIST` codes everywhere except on `/whitelist` routes, which get
 * the legacy `…_WHITELIST` names.
 */
import { matchLength } from "./addresses";
import type { ApiRequest, ListSegment } from "./context";
import { errors, type ListSpelling } from "./errors";
import { type EntryRecord, isoSeconds, type KeyRecord, type OrgRecord } from "./store";

export function spellingOf(segment: ListSegment | undefined): ListSpelling {
  return segment === "whitelist" ? "WHITELIST" : "ACCESS_LIST";
}

/** The entry of `key` that admits `ip`: the most specific match, earliest created first. */
export function admittingEntry(key: KeyRecord, ip: string): EntryRecord | undefined {
  let best: EntryRecord | undefined;
  let bestLength = -1;
  for (const entry of key.entries) {
    const length = matchLength(entry.cidrBlock, ip);
    if (length > bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}

/**
 * The gate: 403 when the caller's list is non-empty and misses `ip`, or empty while
 * the org requires a list; otherwise counts the request on the admitting entry. The
 * RESOURCE_REQUIRES_ACCESS_LIST case is not modelled (it would lock out a fresh bootstrap key).
 */
export function passGate(
  org: OrgRecord,
  key: KeyRecord,
  ip: string,
  segment: ListSegment | undefined,
): EntryRecord | undefined {
  const spelling = spellingOf(segment);
  if (key.entries.length === 0) {
    if (org.requireAccessList) throw errors.orgRequiresList(spelling, ip);
    return undefined;
  }
  const entry = admittingEntry(key, ip);
  if (!entry) throw errors.notOnList(spelling, ip);
  entry.count += 1;
  entry.lastUsed = isoSeconds();
  entry.lastUsedAddress = ip;
  return entry;
}

const hasOrgRole = (req: ApiRequest, org: OrgRecord): boolean =>
  req.caller.org.id === org.id && req.caller.key.roles.some((r) => r.startsWith("ORG_"));

const isOwner = (req: ApiRequest, org: OrgRecord): boolean =>
  req.caller.org.id === org.id && req.caller.key.roles.includes("ORG_OWNER");

/** K1, K3 and the org check of A1-A4: any org role. 401 USER_UNAUTHORIZED otherwise. */
export function requireMember(req: ApiRequest, org: OrgRecord): void {
  if (!hasOrgRole(req, org)) throw errors.userUnauthorized();
}

/** K2, K4, K5: ORG_OWNER. */
export function requireOwner(req: ApiRequest, org: OrgRecord): void {
  if (!isOwner(req, org)) throw errors.userUnauthorized();
}

/** Access-list routes: the key itself or an ORG_OWNER; else 400 API_KEY_{ACCESS_LIST|WHITELIST}_ACCESS_DENIED. */
export function requireListAccess(req: ApiRequest, org: OrgRecord, key: KeyRecord): void {
  if (req.caller.key.id !== key.id && !isOwner(req, org)) {
    throw errors.accessDenied(spellingOf(req.params.list));
  }
}
