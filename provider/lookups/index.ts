/**
 * Program-side lookups: plain async reads of a key list or an access list,
 * for programs that need to see what exists (e.g. before adopting a key). They run in the
 * program process, read the same settings as the provider (stack config `opsmanager:*` through
 * `new pulumi.Config("opsmanager")`, falling back to the environment), follow every page, and
 * never return private keys.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ApiKey, OpsManagerClient } from "../client/types";
import { orgRolesOf } from "../lifecycle/api-key/roles";
import { projectRolesOf } from "../lifecycle/project-assignment/roles";
import { isObjectId } from "../lifecycle/common/values";
import { resolveSettings } from "../lifecycle/settings";
import type { ApiKeyWhitelistEntryOutputs } from "../lifecycle/types";

/** One organization API key as a lookup reports it (no private key). */
export interface OrgApiKeyInfo {
  /** The key's 24-hex id. */
  readonly apiKeyId: string;
  /** The key's public part. */
  readonly publicKey: string;
  /** The key's description. */
  readonly description: string;
  /** The key's roles in this organization, sorted. */
  readonly roles: string[];
}

/** One organization API key assigned to a project, as a lookup reports it. */
export interface ProjectApiKeyInfo {
  /** The key's 24-hex id. */
  readonly apiKeyId: string;
  /** The key's public part. */
  readonly publicKey: string;
  /** The key's description. */
  readonly description: string;
  /** The key's roles in this project, sorted. */
  readonly roles: string[];
}

/**
 * One access-list entry as a lookup reports it: the usage fields of the resource's outputs, with
 * `cidrBlock` as Ops Manager reports it.
 */
export type WhitelistEntryInfo = Omit<ApiKeyWhitelistEntryOutputs, "orgId" | "apiKeyId">;

function client(): OpsManagerClient {
  const config = new pulumi.Config("opsmanager");
  // `opsmanager:baseUrl` → config.get("baseUrl"); secret values read back as plain text here.
  const settings = resolveSettings(
    (key) => config.get(key.replace(/^opsmanager:/, "")),
    process.env,
  );
  // One client per call: a lookup runs in the program process, where nothing may be cached
  // across stacks. The client module loads only when a lookup is used.
  const { createClient } = require("../client/index") as typeof import("../client/index");
  return createClient(settings.client);
}

function requireId(name: string, value: unknown): string {
  if (isObjectId(value)) return value.toLowerCase();
  throw new Error(
    `${name} must be a 24-character hex id (a plain string, not an Output); got ${typeof value}.`,
  );
}

/** A key as a lookup reports it, with the roles of the organization or project looked at. */
function keyInfo(key: ApiKey, roles: string[]): OrgApiKeyInfo {
  return { apiKeyId: key.id, publicKey: key.publicKey, description: key.desc, roles };
}

/** Lists every API key of an organization (all pages). */
export async function lookupOrgApiKeys(orgId: string): Promise<OrgApiKeyInfo[]> {
  const org = requireId("lookupOrgApiKeys: orgId", orgId);
  const keys = await client().listApiKeys(org);
  return keys.map((k) => keyInfo(k, orgRolesOf(k.roles, org)));
}

/** Lists every access-list entry of an API key (all pages). */
export async function lookupWhitelistEntries(
  orgId: string,
  apiKeyId: string,
): Promise<WhitelistEntryInfo[]> {
  const org = requireId("lookupWhitelistEntries: orgId", orgId);
  const key = requireId("lookupWhitelistEntries: apiKeyId", apiKeyId);
  const entries = await client().listAccessList(org, key);
  return entries.map((e) => ({
    cidrBlock: e.cidrBlock,
    ipAddress: typeof e.ipAddress === "string" ? e.ipAddress : null,
    created: e.created ?? null,
    count: typeof e.count === "number" ? e.count : null,
    lastUsed: e.lastUsed ?? null,
    lastUsedAddress: e.lastUsedAddress ?? null,
  }));
}

/** Lists every organization API key assigned to a project, with its roles there (all pages). */
export async function lookupProjectApiKeys(projectId: string): Promise<ProjectApiKeyInfo[]> {
  const project = requireId("lookupProjectApiKeys: projectId", projectId);
  const keys = await client().listProjectApiKeys(project);
  return keys.map((k) => keyInfo(k, projectRolesOf(k.roles, project)));
}
