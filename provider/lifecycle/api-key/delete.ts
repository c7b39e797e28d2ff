/**
 * delete(id, props) for OrgApiKey. A key Ops Manager says is gone counts as deleted. The managing
 * key is never deleted (nor, through common/owned-provider.ts, a key another resource of this
 * deployment manages).
 */
import type { LifecycleContext } from "../common/context";
import { withContext } from "../common/errors";
import { isGone } from "../common/gone";
import { entriesScope } from "../common/list-scopes";
import { asBag } from "../common/values";
import { forgetKeys } from "./live";
import { isManagingKey, managingKeyDeleteRefusal } from "./managing-key";
import { keyLabel } from "./model";
import { storedOrgId } from "./stored-state";

export async function deleteOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<void> {
  const state = asBag(props);
  const orgId = storedOrgId(id, state, "delete");
  if (isManagingKey(ctx.settings.client.publicKey, state.publicKey)) {
    throw new Error(managingKeyDeleteRefusal(id, String(state.publicKey)));
  }
  try {
    await ctx.client.deleteApiKey(orgId, id);
  } catch (e) {
    if (isGone(e)) return;
    throw withContext(keyLabel("delete", id, orgId), e);
  } finally {
    forgetKeys(ctx, orgId);
    ctx.lists.invalidate(entriesScope(orgId, id)); // its access list went with it
  }
}
