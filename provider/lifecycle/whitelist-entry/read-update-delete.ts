/**
 * read, update and delete of an ApiKeyWhitelistEntry (adding one lives in add-entry.ts).
 */
import type { AccessListEntry } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { withContext } from "../common/errors";
import { isGone } from "../common/gone";
import type { ReadOutcome, Updated } from "../common/results";
import type { ApiKeyWhitelistEntryOutputs } from "../types";
import { ensureEntry, fetchEntry, writing } from "./add-entry";
import { entryId } from "./entry-id";
import { liveEntry, type LiveEntry } from "./live";
import { declaredEntry, entryInputsView, entryLabel, entryOutputs } from "./model";
import { storedEntry } from "./stored-state";

/** read(id, props): `{}` when Ops Manager says the entry (or its key) is gone. */
export async function readWhitelistEntry(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<ReadOutcome<ApiKeyWhitelistEntryOutputs>> {
  const entry = storedEntry(id, props, "read");
  let live: LiveEntry;
  try {
    live = await liveEntry(ctx, entry.orgId, entry.apiKeyId, entry.cidrBlock);
  } catch (e) {
    throw withContext(entryLabel("read", entry), e);
  }
  if (live.state !== "present") return {};
  return {
    id: entryId(entry.apiKeyId, entry.cidrBlock),
    props: entryOutputs(entry, live.entry),
    inputs: entryInputsView(entry),
  };
}

/**
 * update(id, olds, news): every identity change replaces (diff.ts), so an update only happens
 * after a partial create or a no-op diff; it makes sure the entry exists and returns complete
 * outputs.
 */
export async function updateWhitelistEntry(
  ctx: LifecycleContext,
  _id: string,
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<Updated<ApiKeyWhitelistEntryOutputs>> {
  const entry = declaredEntry(news);
  let api: AccessListEntry | null;
  try {
    api = await fetchEntry(ctx, entry);
  } catch (e) {
    throw withContext(entryLabel("update", entry), e);
  }
  if (api !== null) return { outs: entryOutputs(entry, api) };
  return {
    outs: entryOutputs(
      entry,
      await writing(ctx, entry, () => ensureEntry(ctx, entry, news.__provider)),
    ),
  };
}

/**
 * delete(id, props): an entry (or key) Ops Manager says is gone counts as deleted. (An entry
 * another resource of this deployment manages is left alone: common/owned-provider.ts.)
 */
export async function deleteWhitelistEntry(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<void> {
  const entry = storedEntry(id, props, "delete");
  try {
    await writing(ctx, entry, () =>
      ctx.client.deleteAccessListEntry(entry.orgId, entry.apiKeyId, entry.cidrBlock),
    );
  } catch (e) {
    if (isGone(e)) return;
    throw withContext(entryLabel("delete", entry), e);
  }
}
