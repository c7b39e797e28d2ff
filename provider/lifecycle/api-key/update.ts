/**
 * update(id, olds, news) for OrgApiKey: PATCH only what differs. With driftCheck `live` the
 * baseline is the LIVE key as well as the old outputs: after an out-of-band edit olds equal news,
 * and only the live values show what to set back. Properties the resource's `ignoreChanges`
 * names are never compared with the live key (common/ignore-changes.ts).
 */
import type { ApiKey, ApiKeyRequest } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { withContext } from "../common/errors";
import { ignoredProperties, isIgnored } from "../common/ignore-changes";
import type { Updated } from "../common/results";
import { sameRoles } from "../common/role-set";
import { asBag, stringOrNull } from "../common/values";
import type { OrgApiKeyOutputs } from "../types";
import { forgetKeys, liveKey } from "./live";
import { declaredKey, keyLabel, keyOutputs, type DeclaredKey } from "./model";

/** The PATCH body: each property whose declared value differs from a baseline. */
function changedFields(
  declared: DeclaredKey,
  old: Record<string, unknown>,
  live: OrgApiKeyOutputs | null,
  ignored: ReadonlySet<string>,
): ApiKeyRequest {
  const baselines = (property: string): Record<string, unknown>[] =>
    live === null || isIgnored(ignored, property) ? [old] : [old, { ...live }];
  return {
    ...(baselines("description").some((b) => b.description !== declared.description)
      ? { desc: declared.description }
      : {}),
    ...(baselines("roles").some((b) => !sameRoles(b.roles, declared.roles))
      ? { roles: declared.roles }
      : {}),
  };
}

export async function updateOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  olds: unknown,
  news: unknown,
): Promise<Updated<OrgApiKeyOutputs>> {
  const old = asBag(olds);
  const declared = declaredKey(news);
  const what = keyLabel("update", id, declared.orgId);
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
  const liveOutputs = live === null ? null : keyOutputs(live, declared.orgId, null, declared);
  const body = changedFields(declared, old, liveOutputs, ignoredProperties(asBag(news)));
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
