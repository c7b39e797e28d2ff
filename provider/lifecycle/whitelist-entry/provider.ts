/**
 * The ApiKeyWhitelistEntry provider: check, diff, create, read, update and delete of one
 * access-list entry of an organization API key, typed as `@pulumi/pulumi/dynamic`'s
 * ResourceProvider. Each method's rules live in the file it imports.
 */
import { diffWithLiveObject } from "../common/live-drift";
import { asCheckResult, asReadResult, type PlannedDiff, type ResourceProvider } from "../common/results";
import { asBag, isObjectId } from "../common/values";
import type { ProviderRuntime } from "../runtime";
import { resolveDriftCheck } from "../settings";
import type { ApiKeyWhitelistEntryInputs, ApiKeyWhitelistEntryOutputs } from "../types";
import { createWhitelistEntry } from "./add-entry";
import { checkWhitelistEntry } from "./check";
import { declaredCidr, diffWhitelistEntry } from "./diff";
import { driftLabel, driftWhitelistEntry } from "./drift";
import { deleteWhitelistEntry, readWhitelistEntry, updateWhitelistEntry } from "./read-update-delete";
import { UNKNOWN } from "../common/sentinel";

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
  const planned =
    resolveDriftCheck(rt.config) === "state"
      ? offline
      : await diffWithLiveObject(() => rt.context(), {
          label: driftLabel(news),
          offline,
          news: next,
          addressable,
          compare: (ctx) => driftWhitelistEntry(ctx, news, offline),
        });
  if (planned.replaces.length === 0 && addressable) {
    // still declared: no other resource's delete in this deployment may remove it
    rt.ownership.claim("entry", String(next.orgId), String(next.apiKeyId), String(cidr));
  }
  return planned;
}

/** The ApiKeyWhitelistEntry provider for one call's runtime. */
export function whitelistEntryProvider(
  rt: ProviderRuntime,
): ResourceProvider<ApiKeyWhitelistEntryInputs, ApiKeyWhitelistEntryOutputs> {
  return {
    check: async (olds, news) => asCheckResult(checkWhitelistEntry(olds, news)),
    diff: (id, olds, news) => diff(rt, id, olds, news),
    create: (inputs) => createWhitelistEntry(rt.context(), asBag(inputs)),
    read: async (id, props) => asReadResult(await readWhitelistEntry(rt.context(), id, props)),
    update: (id, olds, news) => updateWhitelistEntry(rt.context(), id, olds, asBag(news)),
    delete: (id, props) => deleteWhitelistEntry(rt.context(), id, props),
  };
}
