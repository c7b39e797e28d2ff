/**
 * read / update / delete for OrgApiKey (design §3). Ops Manager redacts the private key on every
 * read, so the value from state is carried forward; outputs are always complete.
 */
import type { ApiKey } from "../client/types";
import { declaredKey, keyInputsView, keyOutputs } from "./api-key-model";
import type { ReadResultLike, UpdateResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { withContext } from "./errors";
import { adoptedInThisProcess } from "./api-key-adopt";
import { isGone } from "./gone";
import { forgetEntries, forgetKeys, liveKey } from "./live-state";
import { sameRoles } from "./roles";
import type { OrgApiKeyOutputs } from "./types";
import { asBag, isObjectId, stringOrNull } from "./values";

export { createOrgApiKey } from "./api-key-create";

/** The org id stored in state, or an error that says the state is unusable. */
function stateOrgId(id: string, props: Record<string, unknown>, op: string): string {
  if (isObjectId(props.orgId) && isObjectId(id)) return props.orgId.toLowerCase();
  throw new Error(
    `OrgApiKey ${op} of ${JSON.stringify(String(id).slice(0, 64))} failed: the stored state has no valid orgId or key id ` +
      "(the resource may come from an unsupported import); remove it with `pulumi state delete` and adopt the key with existingApiKeyId.",
  );
}

/** read(id, props) for OrgApiKey: `{}` when the key is gone. Served from the org's key list. */
export async function readOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<ReadResultLike<OrgApiKeyOutputs>> {
  const state = asBag(props);
  const orgId = stateOrgId(id, state, "read");
  let key: ApiKey | null;
  try {
    key = await liveKey(ctx, orgId, id);
  } catch (e) {
    throw withContext(`OrgApiKey read of key ${id} (org ${orgId})`, e);
  }
  if (key === null) return {};
  const outs = keyOutputs(key, orgId, stringOrNull(state.privateKey), {
    rotationTrigger: stringOrNull(state.rotationTrigger),
    existingApiKeyId: stringOrNull(state.existingApiKeyId),
  });
  return { id: key.id, props: outs, inputs: keyInputsView(outs) };
}

/**
 * update(id, olds, news) for OrgApiKey: PATCH only what differs. With driftCheck `live` the
 * baseline is the LIVE key as well as the old outputs: after an out-of-band edit olds equal news,
 * and only the live values show what to set back (issue 7 §1).
 */
export async function updateOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  olds: unknown,
  news: unknown,
): Promise<UpdateResultLike<OrgApiKeyOutputs>> {
  const old = asBag(olds);
  const declared = declaredKey(news);
  const what = `OrgApiKey update of key ${id} (org ${declared.orgId})`;
  let live: ApiKey | null = null;
  if (ctx.settings.driftCheck === "live") {
    try {
      live = await liveKey(ctx, declared.orgId, id);
    } catch (e) {
      throw withContext(what, e);
    }
    if (live === null) {
      throw new Error(
        `${what} failed: the key no longer exists in Ops Manager (deleted outside Pulumi). ` +
          "Run `pulumi preview` again: it plans a replacement for a deleted key (or run `pulumi refresh`, then `pulumi up`).",
      );
    }
  }
  const privateKey = stringOrNull(old.privateKey);
  const baselines = live === null ? [old] : [old, keyOutputs(live, declared.orgId, null, declared)];
  const body = {
    ...(baselines.some((b) => b.description !== declared.description)
      ? { desc: declared.description }
      : {}),
    ...(baselines.some((b) => !sameRoles(b.roles, declared.roles))
      ? { roles: declared.roles }
      : {}),
  };
  if (Object.keys(body).length === 0 && live !== null) {
    return { outs: keyOutputs(live, declared.orgId, privateKey, declared) };
  }
  if (Object.keys(body).length === 0 && typeof old.publicKey === "string") {
    return {
      outs: {
        apiKeyId: id,
        publicKey: old.publicKey,
        privateKey,
        orgId: declared.orgId,
        description: declared.description,
        roles: declared.roles,
        rotationTrigger: declared.rotationTrigger,
        existingApiKeyId: declared.existingApiKeyId,
      },
    };
  }
  let key: ApiKey;
  try {
    key =
      Object.keys(body).length > 0
        ? await ctx.client.updateApiKey(declared.orgId, id, body)
        : await ctx.client.getApiKey(declared.orgId, id);
  } catch (e) {
    throw withContext(what, e);
  } finally {
    if (Object.keys(body).length > 0) forgetKeys(ctx, declared.orgId);
  }
  return { outs: keyOutputs(key, declared.orgId, privateKey, declared) };
}

/** delete(id, props) for OrgApiKey: a key that is already gone counts as deleted. */
export async function deleteOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<void> {
  const state = asBag(props);
  const orgId = stateOrgId(id, state, "delete");
  if (
    typeof state.existingApiKeyId === "string" &&
    state.existingApiKeyId.toLowerCase() === id.toLowerCase() &&
    adoptedInThisProcess(orgId, id)
  ) {
    ctx.warn(
      `OrgApiKey ${id}: not deleted: its replacement adopted the same key (existingApiKeyId), which stays managed.`,
    );
    return;
  }
  try {
    await ctx.client.deleteApiKey(orgId, id);
  } catch (e) {
    if (isGone(e)) return;
    throw withContext(`OrgApiKey delete of key ${id} (org ${orgId})`, e);
  } finally {
    forgetKeys(ctx, orgId);
    forgetEntries(ctx, orgId, id);
  }
}
