/**
 * Plain shapes that cross the dynamic-provider boundary. Every value is JSON-safe: optional
 * fields are `null`, never `undefined`, because the host cannot serialize `undefined`
 * (docs/PULUMI-ENGINE.md, "Outputs"). This file has no imports, so the resource classes can
 * share it without loading the lifecycle.
 */

/** The resource kinds; the serialized provider object carries one in its `kind` field. */
export type ResourceKind = "OrgApiKey" | "ApiKeyWhitelistEntry" | "ApiKeyProjectAssignment";

/** Inputs every kind may carry besides its own: bookkeeping, never sent to Ops Manager. */
export interface BookkeepingInputs {
  /** The serialized provider (added by the SDK). */
  readonly __provider?: string;
  /** The resource's own `ignoreChanges` option (added by the resource classes). */
  readonly __ignoreChanges?: string[];
}

/** Inputs of an `OrgApiKey` after check. */
export interface OrgApiKeyInputs extends BookkeepingInputs {
  readonly orgId: string;
  readonly description: string;
  readonly roles: string[];
  readonly rotationTrigger?: string;
  readonly existingApiKeyId?: string;
}

/** Inputs of an `ApiKeyWhitelistEntry` after check: exactly one of the two addresses. */
export interface ApiKeyWhitelistEntryInputs extends BookkeepingInputs {
  readonly orgId: string;
  readonly apiKeyId: string;
  readonly ipAddress?: string;
  readonly cidrBlock?: string;
}

/** Inputs of an `ApiKeyProjectAssignment` after check. */
export interface ApiKeyProjectAssignmentInputs extends BookkeepingInputs {
  readonly projectId: string;
  readonly apiKeyId: string;
  readonly roles: string[];
}

/** Outputs (state) of an `OrgApiKey`. */
export interface OrgApiKeyOutputs {
  /** The key's 24-hex id; also the resource id. */
  readonly apiKeyId: string;
  /** The key's public part (the Digest user name). */
  readonly publicKey: string;
  /** The key's private part; shown by Ops Manager only at creation, `null` for adopted keys. Secret. */
  readonly privateKey: string | null;
  /** The organization that owns the key. */
  readonly orgId: string;
  /** The key's description. */
  readonly description: string;
  /** The key's organization roles, sorted. */
  readonly roles: string[];
  /** The declared rotation trigger, `null` when unset. */
  readonly rotationTrigger: string | null;
  /** The adopted key's id, `null` when the key was created by this resource. */
  readonly existingApiKeyId: string | null;
}

/** Outputs (state) of an `ApiKeyWhitelistEntry`. */
export interface ApiKeyWhitelistEntryOutputs {
  /** The organization that owns the key. */
  readonly orgId: string;
  /** The key this entry belongs to. */
  readonly apiKeyId: string;
  /** The entry in canonical CIDR form (`a.b.c.d/32` or `x::y/128` for a single address). */
  readonly cidrBlock: string;
  /** The single address, when the entry was declared with `ipAddress`; otherwise `null`. */
  readonly ipAddress: string | null;
  /** When the entry was added (ISO-8601), `null` when the API omits it. */
  readonly created: string | null;
  /** Requests that came through this entry, `null` when the API omits it. */
  readonly count: number | null;
  /** Last request through this entry (ISO-8601), `null` before the first one. */
  readonly lastUsed: string | null;
  /** Address of the last request through this entry, `null` before the first one. */
  readonly lastUsedAddress: string | null;
}

/** Outputs (state) of an `ApiKeyProjectAssignment`. */
export interface ApiKeyProjectAssignmentOutputs {
  /** The project (group) the key is assigned to. */
  readonly projectId: string;
  /** The assigned organization API key. */
  readonly apiKeyId: string;
  /** The key's roles in this project, sorted. */
  readonly roles: string[];
  /** The key's public part. */
  readonly publicKey: string;
}
