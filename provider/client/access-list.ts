/**
 * Access-list calls of an organization API key, on the `accessList` routes (Ops Manager 5.0+) or
 * their legacy `whitelist` twins (4.2/4.4):
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/org-api-key-access-lists/
 * One implementation; the route segment is a parameter chosen by `AccessListRoute`.
 */
import { isOpsManagerError } from "./errors";
import { collectPages, ITEMS_PER_PAGE } from "./pagination";
import { accessListEntryPath, accessListPath, pageQuery, type AccessListSegment } from "./paths";
import type { Transport } from "./transport";
import type {
  AccessListEntry,
  AccessListEntryRequest,
  AccessListPath,
  ClientWarningCode,
} from "./types";
import { accessListEntryGuard, emptyBodyGuard, listPageGuard } from "./wire";

const entryPage = listPageGuard(accessListEntryGuard);

/** Chooses `accessList` or `whitelist` per client; `auto` learns it from the first fallback. */
export interface AccessListRoute {
  run<T>(call: (route: AccessListSegment) => Promise<T>): Promise<T>;
}

/**
 * A 404 that may mean "this server has no `accessList` routes": any 404 except Ops Manager's own
 * key / entry not-found answers (code `NOT_FOUND`), as mongocli falls back on any 404. That
 * includes an HTML 404, `RESOURCE_NOT_FOUND` and a missing organization.
 */
function mayBeMissingRoute(e: unknown): boolean {
  return isOpsManagerError(e) && e.status === 404 && e.code !== "NOT_FOUND";
}

/**
 * `auto` tries `accessList`, and on a `mayBeMissingRoute` 404 repeats the call on `whitelist`.
 * The client switches to `whitelist` for good (and warns once) only when that answer is not the
 * same kind of 404, so a wrong organization id or a proxy's 404 never flips the route: then the
 * `accessList` error is the one surfaced.
 */
export function createAccessListRoute(
  mode: AccessListPath,
  warn: (message: string, code: ClientWarningCode) => void,
): AccessListRoute {
  let current: AccessListSegment = mode === "whitelist" ? "whitelist" : "accessList";
  const learnWhitelist = (): void => {
    if (current === "whitelist") return;
    current = "whitelist";
    warn(
      "Ops Manager answered 404 on the /accessList route and served the legacy /whitelist route " +
        "(Ops Manager 4.x); this client uses /whitelist from now on.",
      "WHITELIST_FALLBACK",
    );
  };
  return {
    async run(call) {
      const tried = current;
      try {
        return await call(tried);
      } catch (error) {
        if (mode !== "auto" || tried !== "accessList" || !mayBeMissingRoute(error)) throw error;
        let result: Awaited<ReturnType<typeof call>>;
        try {
          result = await call("whitelist");
        } catch (fallbackError) {
          if (mayBeMissingRoute(fallbackError)) throw error;
          learnWhitelist();
          throw fallbackError;
        }
        learnWhitelist();
        return result;
      }
    },
  };
}

/** Every entry of the key's access list, all pages. */
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
 * Adds entries (additive); returns the first page of the key's list after the insert. Safe to
 * retry: an entry already present is a no-op or a 409 the caller tolerates.
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

/** One entry, addressed by bare IP for /32 and /128. */
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

/** Deletes one entry: 204 (or 200 `{}`). */
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
