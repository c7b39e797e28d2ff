/**
 * API key access-list calls A1–A4 and their legacy whitelist twins W1–W4 (spec §5;
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/org-api-key-access-lists/).
 * One implementation; the route segment is a parameter chosen by `AccessListRoute`.
 */
import { canonicalErrorCode, isOpsManagerError } from "./errors";
import { collectPages, ITEMS_PER_PAGE } from "./pagination";
import { accessListEntryPath, accessListPath, pageQuery, type AccessListSegment } from "./paths";
import type { Transport } from "./transport";
import type { AccessListEntry, AccessListEntryRequest, AccessListPath } from "./types";
import { accessListEntryGuard, emptyBodyGuard, listPageGuard } from "./wire";

const entryPage = listPageGuard(accessListEntryGuard);

/** Chooses `accessList` or `whitelist` per client; `auto` learns it from the first 404. */
export interface AccessListRoute {
  run<T>(call: (route: AccessListSegment) => Promise<T>): Promise<T>;
}

/**
 * An unknown route, not a missing key or entry: 404 with `RESOURCE_NOT_FOUND` or no errorCode.
 * `API_KEY_NOT_FOUND`, `ORG_NOT_FOUND` and entry-not-found must never trigger the fallback.
 */
export function isUnknownRoute(e: unknown): boolean {
  if (!isOpsManagerError(e) || e.status !== 404) return false;
  return e.errorCode === undefined || canonicalErrorCode(e.errorCode) === "RESOURCE_NOT_FOUND";
}

export function createAccessListRoute(
  mode: AccessListPath,
  warn: (m: string) => void,
): AccessListRoute {
  let current: AccessListSegment = mode === "whitelist" ? "whitelist" : "accessList";
  return {
    async run(call) {
      const tried = current;
      try {
        return await call(tried);
      } catch (error) {
        if (mode !== "auto" || tried !== "accessList" || !isUnknownRoute(error)) throw error;
        if (current === "accessList") {
          current = "whitelist";
          warn(
            "Ops Manager has no /accessList routes (404 RESOURCE_NOT_FOUND); it looks like Ops Manager 4.x, " +
              "so this provider uses the legacy /whitelist routes from now on. Set opsmanager:accessListPath " +
              "to whitelist to skip this probe.",
          );
        }
        return call("whitelist");
      }
    },
  };
}

/** A1/W1: every entry of the key, all pages. */
export function listAccessList(
  t: Transport,
  route: AccessListRoute,
  orgId: string,
  apiKeyId: string,
): Promise<AccessListEntry[]> {
  return route.run((segment) =>
    collectPages((pageNum) =>
      t.request({
        method: "GET",
        path: accessListPath(orgId, apiKeyId, segment),
        query: pageQuery(pageNum, ITEMS_PER_PAGE),
        kind: "idempotent",
        narrow: entryPage,
      }),
    ),
  );
}

/**
 * A2/W2: additive; returns the first page of the key's list after the insert. Safe to retry:
 * an entry already present is a no-op or a 409 the caller tolerates (spec §5.3, §7).
 */
export function addAccessListEntries(
  t: Transport,
  route: AccessListRoute,
  orgId: string,
  apiKeyId: string,
  entries: readonly AccessListEntryRequest[],
): Promise<AccessListEntry[]> {
  const body = entries.map((e) =>
    "ipAddress" in e ? { ipAddress: e.ipAddress } : { cidrBlock: e.cidrBlock },
  );
  return route.run(async (segment) => {
    const page = await t.request({
      method: "POST",
      path: accessListPath(orgId, apiKeyId, segment),
      body,
      kind: "idempotent",
      narrow: entryPage,
    });
    return page.results;
  });
}

/** A3/W3: one entry, addressed by bare IP for /32 and /128. */
export function getAccessListEntry(
  t: Transport,
  route: AccessListRoute,
  orgId: string,
  apiKeyId: string,
  entry: string,
): Promise<AccessListEntry> {
  return route.run((segment) =>
    t.request({
      method: "GET",
      path: accessListEntryPath(orgId, apiKeyId, segment, entry),
      kind: "idempotent",
      narrow: accessListEntryGuard,
    }),
  );
}

/** A4/W4: 204 (or 200 `{}`). */
export function deleteAccessListEntry(
  t: Transport,
  route: AccessListRoute,
  orgId: string,
  apiKeyId: string,
  entry: string,
): Promise<void> {
  return route.run((segment) =>
    t.request({
      method: "DELETE",
      path: accessListEntryPath(orgId, apiKeyId, segment, entry),
      kind: "idempotent",
      narrow: emptyBodyGuard,
    }),
  );
}
