/**
 * create / read / update / delete for ApiKeyWhitelistEntry (design §3).
 *
 * Already-present rule: posting an address that is already on the key's list succeeds (Ops
 * Manager's documented behaviour is a silent no-op; a server that answers 409 ADDRESS_ALREADY_IN_*
 * is treated the same). Entries carry no owner, and the same address declared twice is one entry,
 * so this resource adopts it; destroying it removes the entry for every declaration.
 */
import { errorCodeIs, isOpsManagerError } from "../client/errors";
import type { AccessListEntry } from "../client/types";
import type { CreateResultLike, ReadResultLike, UpdateResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { entryId, parseEntryId } from "./entry-id";
import {
  apiCidr,
  declaredEntry,
  entryInputsView,
  entryOutputs,
  entryRequest,
  type DeclaredEntry,
} from "./entry-model";
import { messageOf, PartialCreateError, withContext } from "./errors";
import { isGone } from "./gone";
import { forgetEntries, liveEntry, type LiveEntry } from "./live-state";
import type { ApiKeyWhitelistEntryOutputs } from "./types";
import { asBag, isObjectId } from "./values";

type Outcome = ReadResultLike<ApiKeyWhitelistEntryOutputs>;

function label(op: string, e: Pick<DeclaredEntry, "apiKeyId" | "cidrBlock" | "orgId">): string {
  return `ApiKeyWhitelistEntry ${op} of ${e.cidrBlock} on key ${e.apiKeyId} (org ${e.orgId})`;
}

function isAlreadyPresent(e: unknown): boolean {
  return (
    isOpsManagerError(e) &&
    (e.code === "CONFLICT" || errorCodeIs(e, "ADDRESS_ALREADY_IN_WHITELIST"))
  );
}

/** POSTs the entry; returns the entry from the answer when it is on that page, else null. */
async function post(ctx: LifecycleContext, entry: DeclaredEntry): Promise<AccessListEntry | null> {
  try {
    const page = await ctx.client.addAccessListEntries(entry.orgId, entry.apiKeyId, [
      entryRequest(entry),
    ]);
    return page.find((e) => apiCidr(e.cidrBlock) === entry.cidrBlock) ?? null;
  } catch (e) {
    if (isAlreadyPresent(e)) return null;
    // A lost answer is harmless here: the POST is additive, the GET below settles it.
    if (isOpsManagerError(e) && e.code === "AMBIGUOUS_WRITE") return null;
    throw withContext(label("create", entry), e);
  }
}

/** GETs the entry; null when it does not exist. */
async function fetch(ctx: LifecycleContext, entry: DeclaredEntry): Promise<AccessListEntry | null> {
  try {
    return await ctx.client.getAccessListEntry(entry.orgId, entry.apiKeyId, entry.cidrBlock);
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}

/** Makes sure the entry exists; returns it as the API reports it. */
async function ensure(
  ctx: LifecycleContext,
  entry: DeclaredEntry,
  provider: unknown,
): Promise<AccessListEntry> {
  const id = entryId(entry.apiKeyId, entry.cidrBlock);
  for (let attempt = 1; attempt <= 2; attempt++) {
    const posted = await post(ctx, entry);
    if (posted !== null) return posted;
    let found: AccessListEntry | null;
    try {
      found = await fetch(ctx, entry);
    } catch (e) {
      throw new PartialCreateError(
        id,
        { ...entryOutputs(entry, null), __provider: provider },
        `${label("create", entry)}: the entry was added but reading it back failed (${messageOf(e)}); run \`pulumi up\` again.`,
      );
    }
    if (found !== null) return found;
  }
  throw new Error(
    `${label("create", entry)} failed: Ops Manager accepted the request but the entry is not on the key's access list; ` +
      "check that the key still exists and that the address is allowed, then run `pulumi up` again.",
  );
}

/** Runs a write to the entry's key's access list, then drops the cached list (live-state.ts). */
async function writing<T>(
  ctx: LifecycleContext,
  entry: DeclaredEntry,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } finally {
    forgetEntries(ctx, entry.orgId, entry.apiKeyId);
  }
}

/** create(inputs) for ApiKeyWhitelistEntry. */
export async function createWhitelistEntry(
  ctx: LifecycleContext,
  inputs: Record<string, unknown>,
): Promise<CreateResultLike<ApiKeyWhitelistEntryOutputs>> {
  const entry = declaredEntry(inputs);
  const api = await writing(ctx, entry, () => ensure(ctx, entry, inputs.__provider));
  return { id: entryId(entry.apiKeyId, entry.cidrBlock), outs: entryOutputs(entry, api) };
}

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
    api = await fetch(ctx, entry);
  } catch (e) {
    throw withContext(label("update", entry), e);
  }
  if (api !== null) return { outs: entryOutputs(entry, api) };
  return {
    outs: entryOutputs(entry, await writing(ctx, entry, () => ensure(ctx, entry, news.__provider))),
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
