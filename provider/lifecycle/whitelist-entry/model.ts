/**
 * ApiKeyWhitelistEntry values for the API calls: the declared inputs (validated again before any
 * write) and complete outputs built from an API entry.
 */
import type { AccessListEntry, AccessListEntryRequest } from "../../client/types";
import { inputsForWrite } from "../common/checked-inputs";
import { numberOrNull, stringOrNull } from "../common/values";
import type { ApiKeyWhitelistEntryOutputs } from "../types";
import { canonicalCidr, singleAddressCidr } from "./addresses";
import { checkWhitelistEntry } from "./check";

/** Declared inputs of an entry after check; `cidrBlock` is always the canonical identity. */
export interface DeclaredEntry {
  readonly orgId: string;
  readonly apiKeyId: string;
  readonly cidrBlock: string;
  /** The single address when declared with `ipAddress`, else null. */
  readonly ipAddress: string | null;
}

/** Validates inputs for a write; throws one error naming every problem. */
export function declaredEntry(inputs: unknown): DeclaredEntry {
  const checked = inputsForWrite("ApiKeyWhitelistEntry", checkWhitelistEntry({}, inputs));
  const ipAddress = typeof checked.ipAddress === "string" ? checked.ipAddress : null;
  return {
    orgId: checked.orgId as string,
    apiKeyId: checked.apiKeyId as string,
    cidrBlock: ipAddress !== null ? singleAddressCidr(ipAddress) : (checked.cidrBlock as string),
    ipAddress,
  };
}

/** The A2 body element for a declared entry (bare address when declared as one). */
export function entryRequest(entry: DeclaredEntry): AccessListEntryRequest {
  return entry.ipAddress !== null ? { ipAddress: entry.ipAddress } : { cidrBlock: entry.cidrBlock };
}

/** Canonical form of a CIDR the API reports (falls back to the raw text). */
export function apiCidr(cidrBlock: string): string {
  const parsed = canonicalCidr(cidrBlock);
  return parsed.ok ? parsed.value : cidrBlock;
}

/** Complete outputs: identity from the declaration, usage fields from the API entry (null if absent). */
export function entryOutputs(
  entry: DeclaredEntry,
  api: AccessListEntry | null,
): ApiKeyWhitelistEntryOutputs {
  return {
    orgId: entry.orgId,
    apiKeyId: entry.apiKeyId,
    cidrBlock: entry.cidrBlock,
    ipAddress: entry.ipAddress,
    created: stringOrNull(api?.created),
    count: numberOrNull(api?.count),
    lastUsed: stringOrNull(api?.lastUsed),
    lastUsedAddress: stringOrNull(api?.lastUsedAddress),
  };
}

/** The declared-input view (what `read` reports as inputs). */
export function entryInputsView(entry: DeclaredEntry): Record<string, unknown> {
  return {
    orgId: entry.orgId,
    apiKeyId: entry.apiKeyId,
    ...(entry.ipAddress !== null ? { ipAddress: entry.ipAddress } : { cidrBlock: entry.cidrBlock }),
  };
}

/** How entry operations name the resource. */
export function entryLabel(
  op: string,
  e: Pick<DeclaredEntry, "apiKeyId" | "cidrBlock" | "orgId">,
): string {
  return `ApiKeyWhitelistEntry ${op} of ${e.cidrBlock} on key ${e.apiKeyId} (org ${e.orgId})`;
}
