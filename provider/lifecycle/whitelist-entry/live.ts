/**
 * Live entries for `diff` (driftCheck live) and `read` (refresh), served from ONE paginated list
 * per key through the connection's list cache. An entry missing from the list is confirmed with a
 * GET before it counts as gone (see api-key/live.ts for why). Writes of this process call
 * `forgetEntries`.
 */
import type { AccessListEntry } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { isGone } from "../common/gone";
import { entriesScope } from "../common/list-scopes";
import { apiCidr } from "./model";

type Ctx = Pick<LifecycleContext, "client" | "settings" | "lists">;

/** The key's entries by canonical CIDR (one list, cached); null when the key is gone. */
function entriesOf(
  ctx: Ctx,
  orgId: string,
  apiKeyId: string,
): Promise<ReadonlyMap<string, AccessListEntry> | null> {
  return ctx.lists.get(entriesScope(orgId, apiKeyId), ctx.settings.listCacheTtlMs, async () => {
    try {
      const entries = await ctx.client.listAccessList(orgId, apiKeyId);
      return new Map(entries.map((e) => [apiCidr(e.cidrBlock), e]));
    } catch (e) {
      if (isGone(e)) return null;
      throw e;
    }
  });
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

/** Drops a key's entry list (after an entry add or delete by this process). */
export function forgetEntries(
  ctx: Pick<LifecycleContext, "lists">,
  orgId: string,
  apiKeyId: string,
): void {
  ctx.lists.invalidate(entriesScope(orgId, apiKeyId));
}
