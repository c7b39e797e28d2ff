/**
 * Live keys and entries for `diff` (driftCheck live) and `read` (refresh), served from ONE
 * paginated list per organization (K1) and ONE per key (A1) through the per-process cache
 * (live-cache.ts), so a preview or refresh of N resources of one org/key costs about one list,
 * not N GETs (issue 7 §2, issue 6 §3).
 *
 * Why always a list: a list page holds up to 500 items, so for a lone resource it costs the same
 * single request as a GET (K3/A3) as long as the org has at most 500 keys / the key 500 entries,
 * and it scales. A resource MISSING from a list is confirmed with a GET before it counts as gone:
 * offset pagination (pageNum/itemsPerPage) can skip an item when the list changes between two
 * pages, and "gone" drops a resource from state (refresh) or replaces it (diff).
 *
 * Writes of this process (create/update/delete of keys, add/delete of entries) call `forget…`
 * afterwards, so the next lookup lists again.
 */
import type { AccessListEntry, ApiKey } from "../client/types";
import type { LifecycleContext } from "./context";
import { apiCidr } from "./entry-model";
import { isGone } from "./gone";
import { cacheOf } from "./live-cache";

type Ctx = Pick<LifecycleContext, "client" | "settings">;

const keysScope = (orgId: string): string => `keys ${orgId.toLowerCase()}`;
const entriesScope = (orgId: string, apiKeyId: string): string =>
  `entries ${orgId.toLowerCase()}/${apiKeyId.toLowerCase()}`;

/** K1 without the cache (a fresh listing, e.g. after a create's answer was lost). */
export async function listKeysNow(ctx: Pick<Ctx, "client">, orgId: string): Promise<ApiKey[]> {
  return ctx.client.listApiKeys(orgId);
}

/** The org's keys by lower-case id (one K1 list, cached). */
function keysOf(ctx: Ctx, orgId: string): Promise<ReadonlyMap<string, ApiKey>> {
  return cacheOf(ctx.client).get(keysScope(orgId), ctx.settings.listCacheTtlMs, async () => {
    const keys = await listKeysNow(ctx, orgId);
    return new Map(keys.map((k) => [k.id.toLowerCase(), k]));
  });
}

/** The key's entries by canonical CIDR (one A1 list, cached); null when the key is gone. */
function entriesOf(
  ctx: Ctx,
  orgId: string,
  apiKeyId: string,
): Promise<ReadonlyMap<string, AccessListEntry> | null> {
  const scope = entriesScope(orgId, apiKeyId);
  return cacheOf(ctx.client).get(scope, ctx.settings.listCacheTtlMs, async () => {
    try {
      const entries = await ctx.client.listAccessList(orgId, apiKeyId);
      return new Map(entries.map((e) => [apiCidr(e.cidrBlock), e]));
    } catch (e) {
      if (isGone(e)) return null;
      throw e;
    }
  });
}

/** The live key, or null when it does not exist. */
export async function liveKey(ctx: Ctx, orgId: string, apiKeyId: string): Promise<ApiKey | null> {
  const listed = (await keysOf(ctx, orgId)).get(apiKeyId.toLowerCase());
  if (listed !== undefined) return listed;
  try {
    return await ctx.client.getApiKey(orgId, apiKeyId);
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}

/** What the server holds for one declared entry. */
export type LiveEntry =
  | { readonly state: "present"; readonly entry: AccessListEntry }
  | { readonly state: "entry gone" }
  | { readonly state: "key gone" };

/** The live entry `cidrBlock` (canonical) of a key. */
export async function liveEntry(
  ctx: Ctx,
  orgId: string,
  apiKeyId: string,
  cidrBlock: string,
): Promise<LiveEntry> {
  const entries = await entriesOf(ctx, orgId, apiKeyId);
  if (entries === null) return { state: "key gone" };
  const listed = entries.get(cidrBlock);
  if (listed !== undefined) return { state: "present", entry: listed };
  try {
    return {
      state: "present",
      entry: await ctx.client.getAccessListEntry(orgId, apiKeyId, cidrBlock),
    };
  } catch (e) {
    if (isGone(e)) return { state: "entry gone" };
    throw e;
  }
}

/** Drops the org's key list (after a key create, update or delete by this process). */
export function forgetKeys(ctx: Ctx, orgId: string): void {
  cacheOf(ctx.client).invalidate(keysScope(orgId));
}

/** Drops a key's entry list (after an entry add/delete, or the key's delete, by this process). */
export function forgetEntries(ctx: Ctx, orgId: string, apiKeyId: string): void {
  cacheOf(ctx.client).invalidate(entriesScope(orgId, apiKeyId));
}
