/**
 * Live drift check of an OrgApiKey `diff` (driftCheck live, issue 7 §1 and §3). The offline diff
 * compares the declared inputs with the stored OUTPUTS (spec pulumi-dynamic-provider.md §2.1);
 * this adds the LIVE key from the org's list: a description or roles that differ from the
 * declaration plan an update (in place), a key that no longer exists plans a replacement. It only
 * ever adds changes: a stored value that differs from the declaration still plans the update, so
 * the stored outputs catch up with the server.
 *
 * One diagnostic line per drifted key, and only for values that differ from the stored ones as
 * well: the engine's own property diff (stored vs declared) does not show those. With refresh's
 * inverted diff (olds = refreshed outputs = live, news = old inputs; spec §6) nothing is printed.
 */
import type { ApiKey } from "../client/types";
import { keyOutputs } from "./api-key-model";
import type { DiffResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { liveKey } from "./live-state";
import { sameRoles } from "./roles";
import { asBag, show } from "./values";

const NOT_STORED = { rotationTrigger: null, existingApiKeyId: null } as const;

function rolesText(roles: unknown): string {
  return Array.isArray(roles) ? `[${roles.map(String).join(", ")}]` : show(roles);
}

/** The resource as the user can find it: type, id and the declared description. */
export function keyLabel(id: string, news: unknown): string {
  return `OrgApiKey ${id} (${show(asBag(news).description)})`;
}

/** diff with the live key; `offline` is the stored-state diff (no replacement planned). */
export async function driftOrgApiKey(
  ctx: Pick<LifecycleContext, "client" | "settings" | "warn">,
  id: string,
  olds: unknown,
  news: unknown,
  offline: DiffResultLike,
): Promise<DiffResultLike> {
  const old = asBag(olds);
  const next = asBag(news);
  const orgId = String(next.orgId);
  const key: ApiKey | null = await liveKey(ctx, orgId, id);
  const name = keyLabel(id, news);
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
  if (live.description !== next.description) {
    changes = true;
    if (live.description !== old.description) {
      drifts.push(
        `description drifted: live ${show(live.description)}, declared ${show(next.description)}`,
      );
    }
  }
  if (!sameRoles(live.roles, next.roles)) {
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
