/**
 * read(id, props) for OrgApiKey: `{}` when Ops Manager says the key is gone. Served from the
 * org's key list. Ops Manager redacts the private key on every read, so the value from state is
 * carried forward; outputs are always complete.
 */
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { withContext } from "../common/errors";
import type { ReadOutcome } from "../common/results";
import { asBag, stringOrNull } from "../common/values";
import type { OrgApiKeyOutputs } from "../types";
import { liveKey } from "./live";
import { keyInputsView, keyLabel, keyOutputs } from "./model";
import { storedOrgId } from "./stored-state";

export async function readOrgApiKey(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<ReadOutcome<OrgApiKeyOutputs>> {
  const state = asBag(props);
  const orgId = storedOrgId(id, state, "read");
  let key: ApiKey | null;
  try {
    key = await liveKey(ctx, orgId, id);
  } catch (e) {
    throw withContext(keyLabel("read", id, orgId), e);
  }
  if (key === null) return {};
  const outs = keyOutputs(key, orgId, stringOrNull(state.privateKey), {
    rotationTrigger: stringOrNull(state.rotationTrigger),
    existingApiKeyId: stringOrNull(state.existingApiKeyId),
  });
  return { id: key.id, props: outs, inputs: keyInputsView(outs) };
}
