/**
 * read / update / delete for OrgApiKey (design §3). Ops Manager redacts the private key on every
 * read, so the value from state is carried forward; outputs are always complete.
 */
import type { ApiKey } from "../client/types";
import { declaredKey, keyInputsView, keyOutputs } from "./api-key-model";
import type { ReadResultLike, UpdateResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { withContext } from "./errors";
import { isGone } from "./gone";
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

/** read(id, props) for OrgApiKey: `{}` when the key is gone. */
export async function readOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<ReadResultLike<OrgApiKeyOutputs>> {
  const state = asBag(props);
  const orgId = stateOrgId(id, state, "read");
  let key: ApiKey;
  try {
    key = await ctx.client.getApiKey(orgId, id);
  } catch (e) {
    if (isGone(e)) return {};
    throw withContext(`OrgApiKey read of key ${id} (org ${orgId})`, e);
  }
  const outs = keyOutputs(key, orgId, stringOrNull(state.privateKey), {
    rotationTrigger: stringOrNull(state.rotationTrigger),
    existingApiKeyId: stringOrNull(state.existingApiKeyId),
  });
  return { id: key.id, props: outs, inputs: keyInputsView(outs) };
}

/** update(id, olds, news) for OrgApiKey: PATCH only what changed. */
export async function updateOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  olds: unknown,
  news: unknown,
): Promise<UpdateResultLike<OrgApiKeyOutputs>> {
  const old = asBag(olds);
  const declared = declaredKey(news);
  const body = {
    ...(old.description !== declared.description ? { desc: declared.description } : {}),
    ...(!sameRoles(old.roles, declared.roles) ? { roles: declared.roles } : {}),
  };
  const privateKey = stringOrNull(old.privateKey);
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
    throw withContext(`OrgApiKey update of key ${id} (org ${declared.orgId})`, e);
  }
  return { outs: keyOutputs(key, declared.orgId, privateKey, declared) };
}

/** delete(id, props) for OrgApiKey: a key that is already gone counts as deleted. */
export async function deleteOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<void> {
  const orgId = stateOrgId(id, asBag(props), "delete");
  try {
    await ctx.client.deleteApiKey(orgId, id);
  } catch (e) {
    if (isGone(e)) return;
    throw withContext(`OrgApiKey delete of key ${id} (org ${orgId})`, e);
  }
}
