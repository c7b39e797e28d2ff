/**
 * `create` for OrgApiKey. One POST per attempt, never retried blindly: the private
 * key is shown only in the create response, so a lost response leaves a key nobody can use.
 *
 * Ambiguity rule: every POST carries a one-time marker in its description
 * (`<description> [pulumi:<12 hex>]`), and a PATCH then sets the declared description. When a
 * POST's answer is lost (lost-create.ts `isLostAnswer`), the org is listed and the key with that
 * exact marked description, which only that request can have made, is deleted; then the POST is
 * attempted again with a new marker, at most three times in all. No other key is ever touched,
 * whatever its description and roles. A key that cannot be deleted is reported as a partial
 * create so the engine records it in state: never left without an owner. A request that reaches
 * Ops Manager only after the listing is named by its marker in a warning or the final error.
 */
import { randomBytes } from "node:crypto";
import type { ApiKey } from "../../client/types";
import type { LifecycleContext } from "../common/context";
import { messageOf, PartialCreateError, withContext } from "../common/errors";
import type { Created } from "../common/results";
import { truncateUtf16 } from "../common/text";
import type { OrgApiKeyOutputs } from "../types";
import { adoptOrgApiKey } from "./adopt";
import { MAX_DESCRIPTION_UNITS } from "./check";
import { forgetKeys } from "./live";
import { isLostAnswer, removeLostKeys } from "./lost-create";
import {
  createLabel as label,
  declaredKey,
  isRedacted,
  keyOutputs,
  type DeclaredKey,
} from "./model";

const MAX_POSTS = 3;

/**
 * The declared description with a one-time marker, within Ops Manager's limit of 250 UTF-16
 * code units; the cut never splits a surrogate pair.
 */
export function markedDescription(description: string, tag: string): string {
  const marker = ` [pulumi:${tag}]`;
  return truncateUtf16(description, MAX_DESCRIPTION_UNITS - marker.length) + marker;
}

/** create(inputs) for OrgApiKey. */
export async function createOrgApiKey(
  ctx: LifecycleContext,
  inputs: Record<string, unknown>,
): Promise<Created<OrgApiKeyOutputs>> {
  const declared = declaredKey(inputs);
  try {
    return declared.existingApiKeyId !== null
      ? await adoptOrgApiKey(ctx, declared, inputs.__provider)
      : await createNew(ctx, declared, inputs.__provider);
  } finally {
    forgetKeys(ctx, declared.orgId); // this process wrote to the org
  }
}

async function createNew(
  ctx: LifecycleContext,
  declared: DeclaredKey,
  provider: unknown,
): Promise<Created<OrgApiKeyOutputs>> {
  const created = await postMarked(ctx, declared, provider);
  const privateKey = isRedacted(created.privateKey) ? null : created.privateKey;
  const asCreated = keyOutputs(created, declared.orgId, privateKey, declared);
  if (privateKey === null) {
    throw new PartialCreateError(
      created.id,
      { ...asCreated, __provider: provider },
      `${label(declared)}: Ops Manager created API key ${created.id} but did not return its private key; ` +
        "the key is recorded in state; change rotationTrigger (or run `pulumi up --replace` on it) to get a new key with a usable private key.",
    );
  }
  let named: ApiKey;
  try {
    named = await ctx.client.updateApiKey(declared.orgId, created.id, {
      desc: declared.description,
    });
  } catch (e) {
    throw new PartialCreateError(
      created.id,
      { ...asCreated, __provider: provider },
      `${label(declared)}: API key ${created.id} was created, but setting its description failed (${messageOf(e)}); ` +
        "the key and its private key are recorded in state: run `pulumi up` again to set the description.",
    );
  }
  return { id: created.id, outs: keyOutputs(named, declared.orgId, privateKey, declared) };
}

/** POSTs with a fresh marker until one attempt gives a readable answer, cleaning up after lost ones. */
async function postMarked(
  ctx: LifecycleContext,
  key: DeclaredKey,
  provider: unknown,
): Promise<ApiKey> {
  const deleted: string[] = [];
  const unseen: string[] = []; // markers of lost requests whose key was not found (yet)
  for (let attempt = 1; ; attempt++) {
    const desc = markedDescription(key.description, randomBytes(6).toString("hex"));
    try {
      const created = await ctx.client.createApiKey(key.orgId, { desc, roles: key.roles });
      if (unseen.length > 0) ctx.warn(lateWarning(key, unseen));
      return created;
    } catch (e) {
      if (!isLostAnswer(e)) throw withContext(label(key), e);
      const removed = await removeLostKeys(ctx, key, desc, provider);
      if (removed.length === 0) unseen.push(desc);
      deleted.push(...removed);
      if (attempt >= MAX_POSTS) {
        const cleaned =
          deleted.length > 0
            ? `the keys those requests created (${deleted.join(", ")}) were deleted. `
            : "";
        const late = unseen.length > 0 ? `${lateWarning(key, unseen)} ` : "";
        throw new Error(
          `${label(key)} failed: the answer to each of ${attempt} create requests was lost, unreadable or a server failure (last: ${messageOf(e)}); ` +
            `${cleaned}${late}Check connectivity to Ops Manager (and any proxy in between) and run \`pulumi up\` again.`,
          { cause: e },
        );
      }
    }
  }
}

function lateWarning(key: DeclaredKey, markers: readonly string[]): string {
  return (
    `${label(key)}: ${markers.length} create request(s) lost their answer and made no key that could be found; ` +
    `if one still reaches Ops Manager, a key described ${markers.map((m) => JSON.stringify(m)).join(" or ")} appears ` +
    `in organization ${key.orgId} with an unknown private key: delete it.`
  );
}
