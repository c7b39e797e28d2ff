/**
 * The live comparison of an ApiKeyWhitelistEntry `diff` (common/live-drift.ts). An entry has no
 * updatable field: it is on its key's access list or it is not. Missing (deleted outside Pulumi,
 * or its key deleted) plans a replacement, new entry first like every entry replacement.
 */
import type { LifecycleContext } from "../common/context";
import type { PlannedDiff } from "../common/results";
import { asBag } from "../common/values";
import { declaredAddressProperty, declaredCidr } from "./diff";
import { entryId } from "./entry-id";
import { liveEntry } from "./live";

/** The resource as the user can find it: type and id (`<apiKeyId>/<cidrBlock>`). */
export function driftLabel(news: unknown): string {
  const next = asBag(news);
  return `ApiKeyWhitelistEntry ${entryId(String(next.apiKeyId), String(declaredCidr(next)))}`;
}

/** diff with the live access list; `offline` is the stored-state diff (no replacement planned). */
export async function driftWhitelistEntry(
  ctx: LifecycleContext,
  news: unknown,
  offline: PlannedDiff,
): Promise<PlannedDiff> {
  const next = asBag(news);
  const orgId = String(next.orgId);
  const apiKeyId = String(next.apiKeyId);
  const cidr = String(declaredCidr(next));
  const live = await liveEntry(ctx, orgId, apiKeyId, cidr);
  if (live.state === "present") return offline;
  const name = driftLabel(news);
  if (live.state === "key gone") {
    ctx.warn(
      `${name}: apiKeyId drifted: live key ${apiKeyId} deleted outside Pulumi (and its access list with it), ` +
        `declared ${apiKeyId}; the replacement adds ${cidr} again, to the new key when the program replaces the key too.`,
    );
    return { changes: true, replaces: ["apiKeyId"], deleteBeforeReplace: false };
  }
  const property = declaredAddressProperty(next);
  ctx.warn(
    `${name}: ${property} drifted: live absent (deleted outside Pulumi from the access list of key ${apiKeyId}), ` +
      `declared ${cidr}; the replacement adds it again.`,
  );
  return { changes: true, replaces: [property], deleteBeforeReplace: false };
}
