/**
 * Live keys for `diff` (driftCheck live) and `read` (refresh), served from ONE paginated list per
 * organization through the connection's list cache, so a preview or refresh of N keys of one org
 * costs about one list, not N GETs (docs/ARCHITECTURE.md, "Per-process state").
 *
 * A list page holds up to 500 keys, so for a lone resource it costs the same single request as a
 * GET. A key MISSING from the list is confirmed with a GET before it counts as gone: offset
 * pagination can skip an item when the list changes between two pages, and "gone" drops a
 * resource from state (refresh) or replaces it (diff). Writes of this process call `forgetKeys`.
 */
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { isGone } from "../common/gone";
import { keysScope } from "../common/list-scopes";

type Ctx = Pick<LifecycleContext, "client" | "settings" | "lists">;

/** The org's keys by lower-case id (one list, cached). */
function keysOf(ctx: Ctx, orgId: string): Promise<ReadonlyMap<string, ApiKey>> {
  return ctx.lists.get(keysScope(orgId), ctx.settings.listCacheTtlMs, async () => {
    const keys = await ctx.client.listApiKeys(orgId);
    return new Map(keys.map((k) => [k.id.toLowerCase(), k]));
  });
}

/** The live key, or null when Ops Manager says it does not exist. */
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

/** Drops the org's key list (after a key create, update or delete by this process). */
export function forgetKeys(ctx: Pick<LifecycleContext, "lists">, orgId: string): void {
  ctx.lists.invalidate(keysScope(orgId));
}
