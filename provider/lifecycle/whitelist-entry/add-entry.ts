/**
 * Adding an ApiKeyWhitelistEntry: `create`, and `update` after a partial create.
 *
 * Already-present rule: posting an address that is already on the key's list succeeds (Ops
 * Manager's documented behaviour is a silent no-op; a server that answers 409 ADDRESS_ALREADY_IN_*
 * is treated the same). Entries carry no owner, and the same address declared twice is one entry,
 * so this resource adopts it; destroying it removes the entry for every declaration.
 *
 * May-have-applied rule: A2 is retried by the client, but a call can still end in a failure after
 * an earlier attempt added the entry (a 5xx, 429, reset or timeout on the retry, or a 2xx whose
 * body is unreadable). Then the entry is looked up: present → success; absent → the original
 * error; the lookup fails too → a partial create, so the engine records an entry that may exist
 * (refresh drops it if it does not; delete of a missing entry succeeds). Never an orphan.
 */
import { errorCodeIs, isOpsManagerError, type OpsManagerErrorCode } from "../../client/errors";
import type { AccessListEntry } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { messageOf, PartialCreateError, withContext } from "../common/errors";
import { isGone } from "../common/gone";
import type { Created } from "../common/results";
import type { ApiKeyWhitelistEntryOutputs } from "../types";
import { entryId } from "./entry-id";
import { forgetEntries } from "./live";
import {
  apiCidr,
  declaredEntry,
  entryLabel,
  entryOutputs,
  entryRequest,
  type DeclaredEntry,
} from "./model";

/** Failures of an add after which the entry may exist all the same. */
const MAY_HAVE_APPLIED: ReadonlySet<OpsManagerErrorCode> = new Set<OpsManagerErrorCode>([
  "SERVER_ERROR",
  "RATE_LIMITED",
  "NETWORK",
  "TIMEOUT",
  "BAD_RESPONSE",
  "AMBIGUOUS_WRITE",
]);

function mayHaveApplied(e: unknown): boolean {
  return isOpsManagerError(e) && MAY_HAVE_APPLIED.has(e.code);
}

function isAlreadyPresent(e: unknown): boolean {
  return (
    isOpsManagerError(e) &&
    (e.code === "CONFLICT" || errorCodeIs(e, "ADDRESS_ALREADY_IN_WHITELIST"))
  );
}

/** POSTs the entry: the entry when the answer's page holds it, else null. Failures are thrown raw. */
async function post(ctx: LifecycleContext, entry: DeclaredEntry): Promise<AccessListEntry | null> {
  try {
    const page = await ctx.client.addAccessListEntries(entry.orgId, entry.apiKeyId, [
      entryRequest(entry),
    ]);
    return page.find((e) => apiCidr(e.cidrBlock) === entry.cidrBlock) ?? null;
  } catch (e) {
    if (isAlreadyPresent(e)) return null;
    throw e;
  }
}

/** GETs the entry; null when it does not exist. */
export async function fetchEntry(
  ctx: LifecycleContext,
  entry: DeclaredEntry,
): Promise<AccessListEntry | null> {
  try {
    return await ctx.client.getAccessListEntry(entry.orgId, entry.apiKeyId, entry.cidrBlock);
  } catch (e) {
    if (isGone(e)) return null;
    throw e;
  }
}

/** fetchEntry, or a partial create (the entry may exist) when the lookup fails. */
async function lookUp(
  ctx: LifecycleContext,
  entry: DeclaredEntry,
  provider: unknown,
  situation: string,
): Promise<AccessListEntry | null> {
  try {
    return await fetchEntry(ctx, entry);
  } catch (e) {
    throw new PartialCreateError(
      entryId(entry.apiKeyId, entry.cidrBlock),
      { ...entryOutputs(entry, null), __provider: provider },
      `${entryLabel("create", entry)}: ${situation}, and reading the entry back failed (${messageOf(e)}). ` +
        "It is recorded in state in case it exists; run `pulumi up` again (or `pulumi refresh`) once Ops Manager answers normally.",
    );
  }
}

/** Makes sure the entry exists; returns it as the API reports it. */
export async function ensureEntry(
  ctx: LifecycleContext,
  entry: DeclaredEntry,
  provider: unknown,
): Promise<AccessListEntry> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    let posted: AccessListEntry | null;
    try {
      posted = await post(ctx, entry);
    } catch (e) {
      if (!mayHaveApplied(e)) throw withContext(entryLabel("create", entry), e);
      const situation = `adding it ended in a failure after which the entry may exist (${messageOf(e)})`;
      const found = await lookUp(ctx, entry, provider, situation);
      if (found !== null) return found;
      throw withContext(entryLabel("create", entry), e);
    }
    if (posted !== null) return posted;
    const found = await lookUp(ctx, entry, provider, "Ops Manager accepted the entry");
    if (found !== null) return found;
  }
  throw new Error(
    `${entryLabel("create", entry)} failed: Ops Manager accepted the request but the entry is not on the key's access list; ` +
      "check that the key still exists and that the address is allowed, then run `pulumi up` again.",
  );
}

/** Runs a write to the entry's key's access list, then drops the cached list (live.ts). */
export async function writing<T>(
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
): Promise<Created<ApiKeyWhitelistEntryOutputs>> {
  const entry = declaredEntry(inputs);
  const api = await writing(ctx, entry, () => ensureEntry(ctx, entry, inputs.__provider));
  return { id: entryId(entry.apiKeyId, entry.cidrBlock), outs: entryOutputs(entry, api) };
}
