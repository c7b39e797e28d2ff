/**
 * OrgApiKey values for the API calls: the declared inputs (validated again, because create and
 * update must never send an unknown or malformed value) and the outputs built from an API key.
 */
import type { ApiKey } from "../client/types";
import { checkOrgApiKey } from "./api-key-check";
import { containsUnknown } from "./sentinel";
import { orgRolesOf } from "./roles";
import type { OrgApiKeyOutputs } from "./types";

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
  const { inputs: checked, failures } = checkOrgApiKey({}, inputs);
  const unknown = Object.entries(checked).filter(
    ([k, v]) => k !== "__provider" && containsUnknown(v),
  );
  const problems = [
    ...failures.map((f) => f.reason),
    ...unknown.map(([k]) => `${k} is still unknown (an unresolved output)`),
  ];
  if (problems.length > 0) throw new Error(`OrgApiKey inputs are invalid: ${problems.join("; ")}.`);
  return {
    orgId: checked.orgId as string,
    description: checked.description as string,
    roles: checked.roles as string[],
    rotationTrigger: (checked.rotationTrigger as string | undefined) ?? null,
    existingApiKeyId: (checked.existingApiKeyId as string | undefined) ?? null,
  };
}

/** The redaction Ops Manager applies to every private key after creation (§4.1). */
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
  return `OrgApiKey create (org ${key.orgId}, description ${JSON.stringify(key.description.slice(0, 80))})`;
}
