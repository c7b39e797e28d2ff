/**
 * "The object is gone": only Ops Manager's own not-found answers (docs/OPS-MANAGER-API.md,
 * "Not found"). A 404 without such a code (an HTML page from a proxy, a wrong base path, an
 * unknown organization or project) is an error, never "gone": treating it as gone would make
 * refresh drop resources from state and destroy "succeed" while the keys live on.
 */
import { errorCodeIs } from "../../client/errors";

/** Ops Manager's not-found codes for a key, an access-list entry, or a key's project assignment. */
export const GONE_ERROR_CODES: readonly string[] = [
  "API_KEY_NOT_FOUND",
  "API_KEY_WHITELIST_NOT_FOUND",
  "API_KEY_ACCESS_LIST_NOT_FOUND",
  "API_KEY_ACCESS_LIST_ENTRY_NOT_FOUND",
];

/** True when `e` is Ops Manager saying that the addressed key, entry or assignment does not exist. */
export function isGone(e: unknown): boolean {
  return errorCodeIs(e, ...GONE_ERROR_CODES);
}
