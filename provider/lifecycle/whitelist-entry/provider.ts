/**
 * The ApiKeyWhitelistEntry provider: check, diff, create, read, update and delete of one
 * access-list entry of an organization API key, typed as `@pulumi/pulumi/dynamic`'s
 * ResourceProvider. Each method's rules live in the file it imports.
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
import type { ApiKeyWhitelistEntryInputs, ApiKeyWhitelistEntryOutputs } from "../types";
import { createWhitelistEntry } from "./add-entry";
import { checkWhitelistEntry } from "./check";
import { declaredCidr, diffWhitelistEntry } from "./diff";
import { driftLabel, driftWhitelistEntry } from "./drift";
import {
  deleteWhitelistEntry,
  readWhitelistEntry,
  updateWhitelistEntry,
} from "./read-update-delete";
import { UNKNOWN } from "../common/sentinel";

/** Entries are named by organization, key id and canonical CIDR. */
const OWNED_ENTRIES: OwnedObjects = {
  kind: "entry",
  noun: "entry",
  type: "ApiKeyWhitelistEntry",
  objectOf: (outs) =>
    isObjectId(outs.orgId) && isObjectId(outs.apiKeyId) && typeof outs.cidrBlock === "string"
      ? [outs.orgId, outs.apiKeyId, outs.cidrBlock]
      : null,
};

/** diff: the stored-state diff, then the live comparison. */
async function diff(
  rt: ProviderRuntime,
  id: string,
  olds: ApiKeyWhitelistEntryOutputs,
  news: ApiKeyWhitelistEntryInputs,
): Promise<PlannedDiff> {
  const offline = diffWhitelistEntry(id, olds, news);
  const next = asBag(news);
  const cidr = declaredCidr(next);
  const addressable =
    isObjectId(next.orgId) && isObjectId(next.apiKeyId) && cidr !== null && cidr !== UNKNOWN;
  return diffWithLiveObject(rt, {
    label: driftLabel(news),
    offline,
    news: next,
    addressable,
    compare: (ctx) => driftWhitelistEntry(ctx, news, offline),
  });
}

/** The ApiKeyWhitelistEntry provider for one call's runtime. */
export function whitelistEntryProvider(
  rt: ProviderRuntime,
): ResourceProvider<ApiKeyWhitelistEntryInputs, ApiKeyWhitelistEntryOutputs> {
  return withOwnership(rt, OWNED_ENTRIES, {
    check: (olds, news) => Promise.resolve(asCheckResult(checkWhitelistEntry(olds, news))),
    diff: (id, olds, news) => diff(rt, id, olds, news),
    create: (inputs) => createWhitelistEntry(rt.context(), asBag(inputs)),
    read: async (id, props) => asReadResult(await readWhitelistEntry(rt.context(), id, props)),
    update: (id, olds, news) => updateWhitelistEntry(rt.context(), id, olds, asBag(news)),
    delete: (id, props) => deleteWhitelistEntry(rt.context(), id, props),
  });
}
