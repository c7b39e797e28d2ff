/**
 * The OrgApiKey provider: check, diff, create, read, update and delete of an organization API
 * key, typed as `@pulumi/pulumi/dynamic`'s ResourceProvider. Each method's rules live in the file
 * it imports; this file only wires them to the runtime.
 */
import { diffWithLiveObject } from "../common/live-drift";
import { withOwnership, type OwnedObjects } from "../common/owned-provider";
import {
  asCheckResult,
  asReadResult,
  type PlannedDiff,
  type ResourceProvider,
} from "../common/results";
import { asBag, isObjectId } from "../common/values";
import type { ProviderRuntime } from "../runtime";
import { resolveManagingPublicKey } from "../settings";
import type { OrgApiKeyInputs, OrgApiKeyOutputs } from "../types";
import { checkOrgApiKey } from "./check";
import { createOrgApiKey } from "./create";
import { deleteOrgApiKey } from "./delete";
import { diffOrgApiKey } from "./diff";
import { driftLabel, driftOrgApiKey } from "./drift";
import { isManagingKey, managingKeyReplaceRefusal } from "./managing-key";
import { readOrgApiKey } from "./read";
import { updateOrgApiKey } from "./update";

/** Keys are named by organization and key id. */
const OWNED_KEYS: OwnedObjects = {
  kind: "key",
  noun: "key",
  type: "OrgApiKey",
  objectOf: (outs) =>
    isObjectId(outs.orgId) && isObjectId(outs.apiKeyId) ? [outs.orgId, outs.apiKeyId] : null,
};

/** diff: the stored-state diff, the managing-key guard, then the live comparison. */
async function diff(
  rt: ProviderRuntime,
  id: string,
  olds: OrgApiKeyOutputs,
  news: OrgApiKeyInputs,
): Promise<PlannedDiff> {
  const offline = diffOrgApiKey(id, olds, news);
  const old = asBag(olds);
  if (offline.replaces.length > 0) {
    const managing = resolveManagingPublicKey(rt.config, process.env);
    if (isManagingKey(managing, old.publicKey)) {
      throw new Error(managingKeyReplaceRefusal(id, String(old.publicKey), offline.replaces));
    }
  }
  const next = asBag(news);
  return diffWithLiveObject(rt, {
    label: driftLabel(id, news),
    offline,
    news: next,
    addressable: isObjectId(next.orgId) && isObjectId(id),
    compare: (ctx) => driftOrgApiKey(ctx, id, olds, news, offline),
  });
}

/** The OrgApiKey provider for one call's runtime. */
export function orgApiKeyProvider(
  rt: ProviderRuntime,
): ResourceProvider<OrgApiKeyInputs, OrgApiKeyOutputs> {
  return withOwnership(rt, OWNED_KEYS, {
    check: (olds, news) => Promise.resolve(asCheckResult(checkOrgApiKey(olds, news))),
    diff: (id, olds, news) => diff(rt, id, olds, news),
    create: (inputs) => createOrgApiKey(rt.context(), asBag(inputs)),
    read: async (id, props) => asReadResult(await readOrgApiKey(rt.context(), id, props)),
    update: (id, olds, news) => updateOrgApiKey(rt.context(), id, olds, news),
    delete: (id, props) => deleteOrgApiKey(rt.context(), id, props),
  });
}
