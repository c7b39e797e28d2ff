/**
 * Adoption (`existingApiKeyId`): the existing key's description and roles are set to the declared
 * ones and from then on it is managed like any other (destroy deletes it). Its private key cannot
 * be recovered, so `privateKey` is `null` and a warning says so.
 */
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { messageOf, PartialCreateError, withContext } from "../common/errors";
import { isGone } from "../common/gone";
import type { Created } from "../common/results";
import { sameRoles } from "../common/role-set";
import type { OrgApiKeyOutputs } from "../types";
import { isManagingKey, managingKeyAdoptedWarning } from "./managing-key";
import { keyOutputs, type DeclaredKey } from "./model";

/** create() for a declared `existingApiKeyId`. */
export async function adoptOrgApiKey(
  ctx: LifecycleContext,
  declared: DeclaredKey,
  provider: unknown,
): Promise<Created<OrgApiKeyOutputs>> {
  const id = declared.existingApiKeyId as string;
  const what = `OrgApiKey adoption of existing key ${id} (org ${declared.orgId})`;
  let key: ApiKey;
  try {
    key = await ctx.client.getApiKey(declared.orgId, id);
  } catch (e) {
    if (isGone(e)) {
      throw new Error(
        `${what} failed: organization ${declared.orgId} has no API key with id ${id}. Check existingApiKeyId ` +
          "(Organization > Access Manager > API Keys shows the ids), or remove it to create a new key.",
      );
    }
    throw withContext(what, e);
  }
  const current = keyOutputs(key, declared.orgId, null, declared);
  const body = {
    ...(current.description !== declared.description ? { desc: declared.description } : {}),
    ...(!sameRoles(current.roles, declared.roles) ? { roles: declared.roles } : {}),
  };
  let outs = current;
  if (Object.keys(body).length > 0) {
    try {
      outs = keyOutputs(
        await ctx.client.updateApiKey(declared.orgId, id, body),
        declared.orgId,
        null,
        declared,
      );
    } catch (e) {
      throw new PartialCreateError(
        id,
        { ...current, __provider: provider },
        `${what}: the key was adopted, but setting its description/roles failed (${messageOf(e)}); ` +
          "run `pulumi up` again to retry the update.",
      );
    }
  }
  ctx.warn(
    `OrgApiKey: adopted existing API key ${id} (public key ${key.publicKey}). Ops Manager shows a private key only ` +
      "when a key is created, so privateKey is null for this resource; remove existingApiKeyId to replace it with a new key whose private key is known.",
  );
  if (isManagingKey(ctx.settings.client.publicKey, key.publicKey)) {
    ctx.warn(managingKeyAdoptedWarning(key.publicKey));
  }
  return { id, outs };
}
