/**
 * read / update / delete for ApiKeyWhitelistEntry (design §3); adding an entry (create, and
 * update after a partial create) lives in entry-create.ts.
 */
import type { AccessListEntry } from "../client/types";
import type { ReadResultLike, UpdateResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { ensureEntry, entryLabel as label, fetchEntry, writing } from "./entry-create";
import { entryId, parseEntryId } from "./entry-id";
import { declaredEntry, entryInputsView, entryOutputs, type DeclaredEntry } from "./entry-model";
import { withContext } from "./errors";
import { isGone } from "./gone";
import { liveEntry, type LiveEntry } from "./live-state";
import type { ApiKeyWhitelistEntryOutputs } from "./types";
import { asBag, isObjectId } from "./values";

export { createWhitelistEntry } from "./entry-create";

type Outcome = ReadResultLike<ApiKeyWhitelistEntryOutputs>;

/** The entry named by the id and stored state, or an error that says the state is unusable. */
function stateEntry(id: string, props: unknown, op: string): DeclaredEntry {
  const state = asBag(props);
  const parsed = parseEntryId(String(id));
  if (parsed !== null && isObjectId(state.orgId)) {
    const ipAddress = typeof state.ipAddress === "string" ? state.ipAddress : null;
    return {
      orgId: state.orgId.toLowerCase(),
      apiKeyId: parsed.apiKeyId,
      cidrBlock: parsed.cidrBlock,
      ipAddress,
    };
  }
  throw new Error(
    `ApiKeyWhitelistEntry ${op} of ${JSON.stringify(String(id).slice(0, 80))} failed: the id or stored state is not ` +
      "<apiKeyId>/<cidrBlock> with an orgId (an unsupported import?); remove it with `pulumi state delete` and declare the entry again.",
  );
}

/** read(id, props): `{}` when the entry (or its key) is gone. Served from the key's list. */
export async function readWhitelistEntry(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<Outcome> {
  const entry = stateEntry(id, props, "read");
  let live: LiveEntry;
  try {
    live = await liveEntry(ctx, entry.orgId, entry.apiKeyId, entry.cidrBlock);
  } catch (e) {
    throw withContext(label("read", entry), e);
  }
  if (live.state !== "present") return {};
  return {
    id: entryId(entry.apiKeyId, entry.cidrBlock),
    props: entryOutputs(entry, live.entry),
    inputs: entryInputsView(entry),
  };
}

/**
 * update(id, olds, news): every identity change replaces (see entry-diff.ts), so an update only
 * happens after a partial create or a no-op diff; it makes sure the entry exists and returns
 * complete outputs.
 */
export async function updateWhitelistEntry(
  ctx: LifecycleContext,
  _id: string,
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<UpdateResultLike<ApiKeyWhitelistEntryOutputs>> {
  const entry = declaredEntry(news);
  let api: AccessListEntry | null;
  try {
    api = await fetchEntry(ctx, entry);
  } catch (e) {
    throw withContext(label("update", entry), e);
  }
  if (api !== null) return { outs: entryOutputs(entry, api) };
  return {
    outs: entryOutputs(
      entry,
      await writing(ctx, entry, () => ensureEntry(ctx, entry, news.__provider)),
    ),
  };
}

/** delete(id, props): an entry, or a key, that is already gone counts as deleted. */
export async function deleteWhitelistEntry(
  ctx: LifecycleContext,
  id: string,
  props: unknown,
): Promise<void> {
  const entry = stateEntry(id, props, "delete");
  try {
    await writing(ctx, entry, () =>
      ctx.client.deleteAccessListEntry(entry.orgId, entry.apiKeyId, entry.cidrBlock),
    );
  } catch (e) {
    if (isGone(e)) return;
    throw withContext(label("delete", entry), e);
  }
}
