/**
 * `create` for OrgApiKey (design §3). One POST per attempt, never retried blindly: the private
 * key is shown only in the create response, so a lost response leaves a key nobody can use.
 *
 * Ambiguity rule: before the POST, the org's key ledger (key-ledger.ts) must hold a listing no
 * older than the list-cache TTL; the POST runs inside a per-process lock for the same org +
 * description + roles, so two resources of this deployment never race. When the answer is lost
 * (api-key-lost.ts `isLostAnswer`), the org is listed again; every key with the exact description
 * and roles that the ledger did not know when the POST was sent was created by our lost request
 * (or by an identical create elsewhere since the last listing, the one case this rule cannot tell
 * apart) and is deleted. Then the POST is attempted again, at most three times in all. If a
 * deletion fails, the key is reported as a partial create so the engine records it in state: it
 * is never left without an owner.
 */
import type { ApiKey } from "../client/types";
import { adoptOrgApiKey } from "./api-key-adopt";
import { isLostAnswer, removeLostKeys } from "./api-key-lost";
import {
  createLabel as label,
  declaredKey,
  isRedacted,
  keyOutputs,
  type DeclaredKey,
} from "./api-key-model";
import type { CreateResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { messageOf, PartialCreateError, withContext } from "./errors";
import { ledgerOf } from "./key-ledger";
import { ensureKeyListing, forgetKeys, listKeysNow } from "./live-state";
import type { OrgApiKeyOutputs } from "./types";

const MAX_POSTS = 3;
const locks = new Map<string, Promise<unknown>>();
/**
 * The client that last created under each lock key. Ledgers are per client (key-ledger.ts), so
 * after another client (another provider configuration in this process) created a key with the
 * same org, description and roles, this client's ledger may predate that key: list afresh.
 */
const lastCreator = new Map<string, WeakRef<object>>();

/** Runs `work` after every earlier call with the same `key` has settled (per process). */
async function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(key) ?? Promise.resolve();
  const run = previous.then(work, work);
  const tail = run.catch(() => undefined);
  locks.set(key, tail);
  try {
    return await run;
  } finally {
    if (locks.get(key) === tail) locks.delete(key);
  }
}

/** create(inputs) for OrgApiKey. */
export async function createOrgApiKey(
  ctx: LifecycleContext,
  inputs: Record<string, unknown>,
): Promise<CreateResultLike<OrgApiKeyOutputs>> {
  const declared = declaredKey(inputs);
  try {
    return await createOrAdopt(ctx, declared, inputs.__provider);
  } finally {
    forgetKeys(ctx, declared.orgId); // this process wrote to the org (live-state.ts)
  }
}

async function createOrAdopt(
  ctx: LifecycleContext,
  declared: DeclaredKey,
  provider: unknown,
): Promise<CreateResultLike<OrgApiKeyOutputs>> {
  if (declared.existingApiKeyId !== null) return adoptOrgApiKey(ctx, declared, provider);
  const lockKey = JSON.stringify([declared.orgId, declared.description, declared.roles]);
  const key = await serialized(lockKey, async () => {
    const last = lastCreator.get(lockKey);
    const fresh = last !== undefined && last.deref() !== ctx.client;
    try {
      return await postOnce(ctx, declared, provider, fresh);
    } finally {
      lastCreator.set(lockKey, new WeakRef(ctx.client));
    }
  });
  const outs = keyOutputs(
    key,
    declared.orgId,
    isRedacted(key.privateKey) ? null : key.privateKey,
    declared,
  );
  if (outs.privateKey === null) {
    throw new PartialCreateError(
      key.id,
      { ...outs, __provider: provider },
      `${label(declared)}: Ops Manager created API key ${key.id} but did not return its private key; ` +
        "the key is recorded in state; change rotationTrigger (or run `pulumi up --replace` on it) to get a new key with a usable private key.",
    );
  }
  return { id: key.id, outs };
}

/** POSTs until one attempt gives a readable answer, cleaning up after every lost one. */
async function postOnce(
  ctx: LifecycleContext,
  key: DeclaredKey,
  provider: unknown,
  listAfresh: boolean,
): Promise<ApiKey> {
  try {
    await (listAfresh ? listKeysNow(ctx, key.orgId) : ensureKeyListing(ctx, key.orgId));
  } catch (e) {
    throw withContext(`${label(key)}: listing the organization's keys before creating`, e);
  }
  const ledger = ledgerOf(ctx.client, key.orgId);
  const deleted: string[] = [];
  for (let attempt = 1; ; attempt++) {
    // Taken synchronously right before the POST: only what was known before it may be spared.
    const known = ledger.snapshot();
    try {
      const created = await ctx.client.createApiKey(key.orgId, {
        desc: key.description,
        roles: key.roles,
      });
      ledger.noteOwned(created.id);
      return created;
    } catch (e) {
      if (!isLostAnswer(e)) throw withContext(label(key), e);
      deleted.push(...(await removeLostKeys(ctx, key, known, provider)));
      if (attempt >= MAX_POSTS) {
        const cleaned =
          deleted.length > 0
            ? `the keys those requests created (${deleted.join(", ")}) were deleted, `
            : "";
        throw new Error(
          `${label(key)} failed: the answer to each of ${attempt} create requests was lost, unreadable or a server failure (last: ${messageOf(e)}); ` +
            `${cleaned}so no key is left without an owner and nothing was created. Check connectivity to Ops Manager ` +
            "(and any proxy in between) and run `pulumi up` again.",
          { cause: e },
        );
      }
    }
  }
}
