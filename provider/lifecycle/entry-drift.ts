/**
 * Live drift check of an ApiKeyWhitelistEntry `diff` (driftCheck live, issue 7 §1 and §3). An
 * entry has no updatable field: it is on its key's access list or it is not. Missing (deleted
 * outside Pulumi, or its key deleted) plans a replacement, delete first like every entry
 * replacement (entry-diff.ts): deleting the missing entry succeeds, then the create adds it again.
 */
import type { DiffResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { declaredCidr } from "./entry-diff";
import { entryId } from "./entry-id";
import { liveEntry } from "./live-state";
import { asBag, isAbsent } from "./values";

/** The resource as the user can find it: type and id (`<apiKeyId>/<cidrBlock>`). */
export function entryLabel(news: unknown): string {
  const next = asBag(news);
  return `ApiKeyWhitelistEntry ${entryId(String(next.apiKeyId), String(declaredCidr(next)))}`;
}

/** diff with the live access list; `offline` is the stored-state diff (no replacement planned). */
export async function driftWhitelistEntry(
  ctx: Pick<LifecycleContext, "client" | "settings" | "warn">,
  news: unknown,
  offline: DiffResultLike,
): Promise<DiffResultLike> {
  const next = asBag(news);
  const orgId = String(next.orgId);
  const apiKeyId = String(next.apiKeyId);
  const cidr = String(declaredCidr(next));
  const live = await liveEntry(ctx, orgId, apiKeyId, cidr);
  if (live.state === "present") return offline;
  const name = entryLabel(news);
  if (live.state === "key gone") {
    ctx.warn(
      `${name}: apiKeyId drifted: live key ${apiKeyId} deleted outside Pulumi (and its access list with it), ` +
        `declared ${apiKeyId}; the replacement adds ${cidr} again, to the new key when the program replaces the key too.`,
    );
    return { changes: true, replaces: ["apiKeyId"], deleteBeforeReplace: true };
  }
  const property = !isAbsent(next.cidrBlock) ? "cidrBlock" : "ipAddress";
  ctx.warn(
    `${name}: ${property} drifted: live absent (deleted outside Pulumi from the access list of key ${apiKeyId}), ` +
      `declared ${cidr}; the replacement adds it again.`,
  );
  return { changes: true, replaces: [property], deleteBeforeReplace: true };
}
