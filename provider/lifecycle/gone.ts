/**
 * "The object is gone" (design §3, ops-manager-api.md §11.2): 404, or 400 `API_KEY_NOT_FOUND` /
 * `API_KEY_WHITELIST_NOT_FOUND` (either spelling). Deliberately NOT gone: a 404 for an unknown
 * route (`RESOURCE_NOT_FOUND`: wrong base URL or API version) and a missing organization
 * (`ORG_NOT_FOUND`, `INVALID_ORG_ID`: usually the wrong server or org id). Treating those as
 * gone would make refresh drop every resource from state and destroy "succeed" while the keys
 * live on; failing loudly lets the user fix the settings instead.
 */
import { errorCodeIs, isNotFound } from "../client/errors";

/** True when `e` says the addressed key or entry does not exist. */
export function isGone(e: unknown): boolean {
  return isNotFound(e) && !errorCodeIs(e, "RESOURCE_NOT_FOUND", "ORG_NOT_FOUND", "INVALID_ORG_ID");
}
