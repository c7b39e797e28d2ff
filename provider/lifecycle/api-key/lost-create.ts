/**
 * A key create whose answer is lost. The POST is never retried blindly: the key may exist, and
 * its private key is shown only in that lost answer, so such a key is found and deleted here, or
 * recorded in state through a partial create: never orphaned (docs/OPS-MANAGER-API.md, "Creating
 * a key").
 */
import { isOpsManagerError } from "../../client/errors";
import type { ApiKey } from "../../client/types";
import { withAttempts } from "../common/attempts";
import type { LifecycleContext } from "../common/context";
import { messageOf, PartialCreateError } from "../common/errors";
import { isGone } from "../common/gone";
import { createLabel, keyOutputs, type DeclaredKey } from "./model";

/** Listings tried after a lost answer before giving up (each is itself retried by the client). */
export const LOST_LISTING_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 200;

/**
 * True when a create's failure may hide a created key: no answer (AMBIGUOUS_WRITE), a 2xx whose
 * body is unreadable (BAD_RESPONSE: the key exists, the private key in it is lost), or a 5xx
 * other than 503 (the server may have failed after storing the key; 503 means it refused).
 */
export function isLostAnswer(e: unknown): boolean {
  if (!isOpsManagerError(e)) return false;
  const status = e.status ?? 0;
  if (e.code === "AMBIGUOUS_WRITE") return true;
  if (e.code === "BAD_RESPONSE") return status >= 200 && status < 300;
  return e.code === "SERVER_ERROR" && status >= 500 && status !== 503;
}

function backoffMs(ctx: LifecycleContext): number {
  return ctx.settings.client.retry?.baseDelayMs ?? DEFAULT_BACKOFF_MS;
}

/** The org's keys after a lost answer, listing up to LOST_LISTING_ATTEMPTS times. */
async function listAfterLostAnswer(ctx: LifecycleContext, key: DeclaredKey): Promise<ApiKey[]> {
  try {
    return await withAttempts(LOST_LISTING_ATTEMPTS, backoffMs(ctx), () =>
      ctx.client.listApiKeys(key.orgId),
    );
  } catch (last) {
    throw new Error(
      `${createLabel(key)} failed: the create request's answer was lost, and listing the organization's keys to find ` +
        `what it created failed ${LOST_LISTING_ATTEMPTS} times (${messageOf(last)}). An API key with description ` +
        `${JSON.stringify(key.description)} and roles [${key.roles.join(", ")}] may exist without an owner: look for it in ` +
        `the org's API keys (Ops Manager: Organization ${key.orgId} > Access Manager > API Keys), delete it if it is ` +
        "there, then run `pulumi up` again.",
      { cause: last },
    );
  }
}

/**
 * Deletes the key a POST with a lost answer created: the one whose description is that POST's
 * marked description (create.ts), which no other request can have made. Returns the ids deleted
 * (none when the request made no key, or has not reached Ops Manager yet); a key already gone
 * counts as deleted. A key that cannot be deleted is reported as a partial create, so the engine
 * records it.
 */
export async function removeLostKeys(
  ctx: LifecycleContext,
  key: DeclaredKey,
  markedDescription: string,
  provider: unknown,
): Promise<string[]> {
  const after = await listAfterLostAnswer(ctx, key);
  const deleted: string[] = [];
  for (const orphan of after.filter((k) => k.desc === markedDescription)) {
    try {
      await deleteLostKey(ctx, key.orgId, orphan.id);
    } catch (e) {
      throw undeletable(key, orphan, e, provider);
    }
    deleted.push(orphan.id);
    ctx.warn(
      `${createLabel(key)}: deleted API key ${orphan.id}, created by a request whose answer was lost (its private key is unknown).`,
    );
  }
  return deleted;
}

/**
 * Deletes one lost key, trying up to LOST_LISTING_ATTEMPTS rounds. A DELETE whose answer was
 * lost may have gone through, so after a failed round the key is looked up: gone means deleted.
 */
async function deleteLostKey(
  ctx: LifecycleContext,
  orgId: string,
  apiKeyId: string,
): Promise<void> {
  await withAttempts(LOST_LISTING_ATTEMPTS, backoffMs(ctx), async () => {
    try {
      await ctx.client.deleteApiKey(orgId, apiKeyId);
      return;
    } catch (e) {
      if (isGone(e)) return;
      if (await isGoneNow(ctx, orgId, apiKeyId)) return;
      throw e;
    }
  });
}

async function isGoneNow(ctx: LifecycleContext, orgId: string, apiKeyId: string): Promise<boolean> {
  try {
    await ctx.client.getApiKey(orgId, apiKeyId);
    return false;
  } catch (e) {
    return isGone(e);
  }
}

function undeletable(
  key: DeclaredKey,
  orphan: ApiKey,
  e: unknown,
  provider: unknown,
): PartialCreateError {
  const outs = keyOutputs(orphan, key.orgId, null, key);
  return new PartialCreateError(
    orphan.id,
    { ...outs, __provider: provider },
    `${createLabel(key)}: the create request's answer was lost, so API key ${orphan.id}'s private key is unknown, and ` +
      `deleting that key failed (${messageOf(e)}). It is recorded in state so it is not orphaned; run \`pulumi up --replace\` ` +
      "on this resource (or change rotationTrigger) to replace it with a usable key.",
  );
}
