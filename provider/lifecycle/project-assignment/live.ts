/**
 * Live assignments for `diff` (driftCheck live) and `read` (refresh), served from ONE paginated
 * list of the project's keys per project through the connection's list cache. There is no GET of
 * one assignment, so a key missing from the list is confirmed by a second listing (once per
 * project, shared by every miss) before it counts as unassigned: offset pagination can skip an
 * item when the list changes between pages.
 */
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { projectKeysScope } from "../common/list-scopes";

type Ctx = Pick<LifecycleContext, "client" | "settings" | "lists">;

async function listed(ctx: Ctx, projectId: string): Promise<ReadonlyMap<string, ApiKey>> {
  const keys = await ctx.client.listProjectApiKeys(projectId);
  return new Map(keys.map((k) => [k.id.toLowerCase(), k]));
}

/** The key as the project's list shows it, or null when it is not assigned to the project. */
export async function liveAssignment(
  ctx: Ctx,
  projectId: string,
  apiKeyId: string,
): Promise<ApiKey | null> {
  const scope = projectKeysScope(projectId);
  const cached = await ctx.lists.get(scope, ctx.settings.listCacheTtlMs, () =>
    listed(ctx, projectId),
  );
  const key = cached.get(apiKeyId.toLowerCase());
  if (key !== undefined) return key;
  const confirmation = await ctx.lists.get(
    `${scope} (confirmation)`,
    ctx.settings.listCacheTtlMs,
    () => listed(ctx, projectId),
  );
  return confirmation.get(apiKeyId.toLowerCase()) ?? null;
}

/** Drops the project's lists (after an assign or unassign by this process). */
export function forgetProjectKeys(ctx: Pick<LifecycleContext, "lists">, projectId: string): void {
  const scope = projectKeysScope(projectId);
  ctx.lists.invalidate(scope);
  ctx.lists.invalidate(`${scope} (confirmation)`);
}
