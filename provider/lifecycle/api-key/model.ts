/**
 * OrgApiKey values for the API calls: the declared inputs (validated again before any write) and
 * the outputs built from an API key.
 */
import type { ApiKey } from "../../client/types";
import { inputsForWrite } from "../common/checked-inputs";
import { abbreviate } from "../common/text";
import type { OrgApiKeyOutputs } from "../types";
import { checkOrgApiKey } from "./check";
import { orgRolesOf } from "./roles";

/** Declared inputs of an OrgApiKey after check. */
export interface DeclaredKey {
  readonly orgId: string;
  readonly description: string;
  readonly roles: string[];
  readonly rotationTrigger: string | null;
  readonly existingApiKeyId: string | null;
}

/** Validates inputs for a write; throws one error naming every problem. */
export function declaredKey(inputs: unknown): DeclaredKey {
  const checked = inputsForWrite("OrgApiKey", checkOrgApiKey({}, inputs));
  return {
    orgId: checked.orgId as string,
    description: checked.description as string,
    roles: checked.roles as string[],
    rotationTrigger: (checked.rotationTrigger as string | undefined) ?? null,
    existingApiKeyId: (checked.existingApiKeyId as string | undefined) ?? null,
  };
}

/** True when Ops Manager redacted the private key (every answer but the create's). */
export function isRedacted(privateKey: unknown): boolean {
  return typeof privateKey !== "string" || privateKey === "" || privateKey.startsWith("*");
}

/** Complete outputs from an API key object plus the values only state knows. */
export function keyOutputs(
  key: ApiKey,
  orgId: string,
  privateKey: string | null,
  declared: Pick<DeclaredKey, "rotationTrigger" | "existingApiKeyId">,
): OrgApiKeyOutputs {
  return {
    apiKeyId: key.id,
    publicKey: key.publicKey,
    privateKey,
    orgId,
    description: key.desc,
    roles: orgRolesOf(key.roles, orgId),
    rotationTrigger: declared.rotationTrigger,
    existingApiKeyId: declared.existingApiKeyId,
  };
}

/** The declared-input view of outputs (what `read` reports as inputs so refresh shows drift). */
export function keyInputsView(outs: OrgApiKeyOutputs): Record<string, unknown> {
  return {
    orgId: outs.orgId,
    description: outs.description,
    roles: outs.roles,
    ...(outs.rotationTrigger !== null ? { rotationTrigger: outs.rotationTrigger } : {}),
    ...(outs.existingApiKeyId !== null ? { existingApiKeyId: outs.existingApiKeyId } : {}),
  };
}

/** How create failures name the resource: type, org and (shortened) description. */
export function createLabel(key: Pick<DeclaredKey, "orgId" | "description">): string {
  return `OrgApiKey create (org ${key.orgId}, description ${JSON.stringify(abbreviate(key.description, 80))})`;
}

/** How other operations name the resource: type, key id and org. */
export function keyLabel(op: string, apiKeyId: string, orgId: string): string {
  return `OrgApiKey ${op} of key ${apiKeyId} (org ${orgId})`;
}
