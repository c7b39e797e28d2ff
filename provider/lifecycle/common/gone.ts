/**
 * "The object is gone": only Ops Manager's own not-found answers (docs/OPS-MANAGER-API.md,
 * "Not found"), which the client classifies as `NOT_FOUND`. A 404 without such a code (an HTML
 * page from a proxy, a wrong base path, an unknown organization or project) is an error, never
 * "gone": treating it as gone would make refresh drop resources from state and destroy "succeed"
 * while the keys live on.
 */
import { isOpsManagerNotFound } from "../../client/errors";

/** True when `e` is Ops Manager saying that the addressed key, entry or assignment does not exist. */
export function isGone(e: unknown): boolean {
  return isOpsManagerNotFound(e);
}
