/**
 * The live comparison of an OrgApiKey `diff` (common/live-drift.ts). The stored-state diff
 * compares the declaration with the stored OUTPUTS; this adds the LIVE key from the org's list: a
 * description or roles that differ from the declaration plan an update (in place), a key that no
 * longer exists plans a replacement. Properties named by the resource's `ignoreChanges` are not
 * compared. It only ever adds changes.
 *
 * One diagnostic line per drifted key, and only for values that differ from the stored ones as
 * well: the engine's own property diff (stored vs declared) does not show those. With refresh's
 * inverted diff (olds = refreshed outputs = live) nothing is printed.
 */
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { ignoredProperties, isIgnored } from "../common/ignore-changes";
import type { PlannedDiff } from "../common/results";
import { rolesText, sameRoles } from "../common/role-set";
import { asBag, show } from "../common/values";
import { liveKey } from "./live";
import { keyOutputs } from "./model";

const NOT_STORED = { rotationTrigger: null, existingApiKeyId: null } as const;

/** The resource as the user can find it: type, id and the declared description. */
export function driftLabel(id: string, news: unknown): string {
  return `OrgApiKey ${id} (${show(asBag(news).description)})`;
}

/** diff with the live key; `offline` is the stored-state diff (no replacement planned). */
export async function driftOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  olds: unknown,
  news: unknown,
  offline: PlannedDiff,
): Promise<PlannedDiff> {
  const old = asBag(olds);
  const next = asBag(news);
  const ignored = ignoredProperties(next);
  const orgId = String(next.orgId);
  const key: ApiKey | null = await liveKey(ctx, orgId, id);
  const name = driftLabel(id, news);
  if (key === null) {
    const adopted = next.existingApiKeyId === id;
    ctx.warn(
      `${name}: deleted outside Pulumi (organization ${orgId} has no such key); ` +
        (adopted
          ? "it was adopted with existingApiKeyId, so it cannot be adopted again: remove existingApiKeyId " +
            "(or point it at another key) to let the replacement create a new key."
          : "the replacement creates a new key, and the old private key is gone with it: " +
            "everything that uses this key's privateKey needs the new one."),
    );
    return { changes: true, replaces: ["apiKeyId"], deleteBeforeReplace: false };
  }
  const live = keyOutputs(key, orgId, null, NOT_STORED);
  let changes = offline.changes;
  const drifts: string[] = [];
  if (!isIgnored(ignored, "description") && live.description !== next.description) {
    changes = true;
    if (live.description !== old.description) {
      drifts.push(
        `description drifted: live ${show(live.description)}, declared ${show(next.description)}`,
      );
    }
  }
  if (!isIgnored(ignored, "roles") && !sameRoles(live.roles, next.roles)) {
    changes = true;
    if (!sameRoles(live.roles, old.roles)) {
      drifts.push(
        `roles drifted: live ${rolesText(live.roles)}, declared ${rolesText(next.roles)}`,
      );
    }
  }
  if (drifts.length > 0) {
    ctx.warn(
      `${name}: ${drifts.join("; ")}; the update will set ${drifts.length > 1 ? "them" : "it"} back.`,
    );
  }
  return { ...offline, changes };
}
