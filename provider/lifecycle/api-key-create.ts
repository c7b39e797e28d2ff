/**
 * `create` for OrgApiKey (design §3). One POST per attempt, never retried blindly: the private
 * key is shown only in the create response, so a lost response leaves a key nobody can use.
 *
 * Ambiguity rule: list the org's keys BEFORE the POST (inside a per-process lock for the same
 * org + description + roles, so two resources of this deployment never race). If the POST ends
 * with AMBIGUOUS_WRITE, list again; every key that is new since the first listing and has the
 * exact description and roles was created by our lost request (or by a concurrent identical
 * create elsewhere, the one case this rule cannot tell apart) and is deleted. Then the POST is
 * attempted again, at most three times in all. If a deletion fails, the key is reported as a
 * partial create so the engine records it in state: it is never left without an owner.
 */
import { isOpsManagerError } from "../client/errors";
import type { ApiKey } from "../client/types";
import { adoptOrgApiKey } from "./api-key-adopt";
import { declaredKey, isRedacted, keyOutputs, type DeclaredKey } from "./api-key-model";
import type { CreateResultLike } from "./check-types";
import type { LifecycleContext } from "./context";
import { messageOf, PartialCreateError, withContext } from "./errors";
import { forgetKeys } from "./live-state";
import { sameRoles } from "./roles";
import type { OrgApiKeyOutputs } from "./types";

const MAX_POSTS = 3;
const locks = new Map<string, Promise<unknown>>();

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

function label(key: DeclaredKey): string {
  return `OrgApiKey create (org ${key.orgId}, description ${JSON.stringify(key.description.slice(0, 80))})`;
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
  const key = await serialized(lockKey, () => postOnce(ctx, declared, provider));
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

/** POSTs until one attempt gives an unambiguous answer, cleaning up after every lost response. */
async function postOnce(
  ctx: LifecycleContext,
  key: DeclaredKey,
  provider: unknown,
): Promise<ApiKey> {
  const { client } = ctx;
  let known: Set<string>;
  try {
    known = new Set((await client.listApiKeys(key.orgId)).map((k) => k.id));
  } catch (e) {
    throw withContext(`${label(key)}: listing the organization's keys before creating`, e);
  }
  const deleted: string[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.createApiKey(key.orgId, { desc: key.description, roles: key.roles });
    } catch (e) {
      if (!isOpsManagerError(e) || e.code !== "AMBIGUOUS_WRITE") throw withContext(label(key), e);
      deleted.push(...(await removeLostKeys(ctx, key, known, provider)));
      if (attempt >= MAX_POSTS) {
        const cleaned =
          deleted.length > 0
            ? `the keys those requests created (${deleted.join(", ")}) were deleted, `
            : "";
        throw new Error(
          `${label(key)} failed: Ops Manager did not answer ${attempt} create requests (${messageOf(e)}); ` +
            `${cleaned}so no key is left without an owner and nothing was created. Check connectivity to Ops Manager and run \`pulumi up\` again.`,
        );
      }
    }
  }
}

/** Deletes keys created by a POST whose response was lost; returns their ids. */
async function removeLostKeys(
  ctx: LifecycleContext,
  key: DeclaredKey,
  known: Set<string>,
  provider: unknown,
): Promise<string[]> {
  let after: ApiKey[];
  try {
    after = await ctx.client.listApiKeys(key.orgId);
  } catch (e) {
    throw new Error(
      `${label(key)} failed: the create request's response was lost and listing the organization's keys to find ` +
        `what it created failed too (${messageOf(e)}). A key with description ${JSON.stringify(key.description)} may ` +
        "exist without an owner: delete it in Ops Manager (Organization > Access Manager > API Keys), then run `pulumi up` again.",
      { cause: e },
    );
  }
  const lost = after.filter(
    (k) => !known.has(k.id) && k.desc === key.description && sameRoles(rolesOf(k, key), key.roles),
  );
  const deleted: string[] = [];
  for (const orphan of lost) {
    try {
      await ctx.client.deleteApiKey(key.orgId, orphan.id);
      deleted.push(orphan.id);
      ctx.warn(
        `${label(key)}: deleted API key ${orphan.id}, created by a request whose response was lost (its private key is unknown).`,
      );
    } catch (e) {
      const outs = keyOutputs(orphan, key.orgId, null, key);
      throw new PartialCreateError(
        orphan.id,
        { ...outs, __provider: provider },
        `${label(key)}: the create response was lost, so API key ${orphan.id}'s private key is unknown, and deleting ` +
          `that key failed (${messageOf(e)}). It is recorded in state so it is not orphaned; run \`pulumi up --replace\` ` +
          "on this resource (or change rotationTrigger) to replace it with a usable key.",
      );
    }
  }
  return deleted;
}

function rolesOf(k: ApiKey, key: DeclaredKey): string[] {
  return keyOutputs(k, key.orgId, null, key).roles;
}
