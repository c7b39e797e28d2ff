/**
 * Example: organization API keys, their IP access lists and their project roles on MongoDB Ops
 * Manager.
 *
 *   pulumi config set orgId 5f0c1e2d3b4a59687a8b9c0d
 *   pulumi config set projectId 5f0c1e2d3b4a59687a8b9c1e   # the project CI may read
 *   pulumi config set opsmanager:baseUrl https://om.example.com:8443
 *   pulumi config set opsmanager:publicKey abcdefgh
 *   pulumi config set --secret opsmanager:privateKey 01234567-89ab-cdef-0123-456789abcdef
 *   pulumi config set rotation 2026-12      # optional: a new value rotates the automation key
 *
 * (or export MCLI_OPS_MANAGER_URL, MCLI_PUBLIC_API_KEY and MCLI_PRIVATE_API_KEY, as for mongocli)
 */
import * as pulumi from "@pulumi/pulumi";
import {
  ApiKeyProjectAssignment,
  ApiKeyWhitelistEntry,
  OrgApiKey,
  lookupOrgApiKeys,
} from "pulumi-opsmanager-apikeys";

const config = new pulumi.Config();
const orgId = config.require("orgId");
const projectId = config.require("projectId");
const rotation = config.get("rotation") ?? "2026-11";
const ciRunnerAddress = config.get("ciRunnerAddress") ?? "203.0.113.10";
const officeCidr = config.get("officeCidr") ?? "198.51.100.0/24";
const bastionAddress = config.get("bastionAddress") ?? "192.0.2.15";

// A read-only key for CI, usable only from the CI runner and the office network.
// Entries take the key's resource id (= its 24-hex id): a preview keeps the id of a key that is
// only updated, whereas outputs such as `apiKeyId` are unknown in previews of updates (dynamic
// providers cannot preview), which would make the entries look as if they were replaced.
const ci = new OrgApiKey("ci", {
  orgId,
  description: "CI pipeline (read-only)",
  roles: ["ORG_READ_ONLY"],
});
const ciRunner = new ApiKeyWhitelistEntry("ci-runner", {
  orgId,
  apiKeyId: ci.id,
  ipAddress: ciRunnerAddress,
});
const ciOffice = new ApiKeyWhitelistEntry("ci-office", {
  orgId,
  apiKeyId: ci.id,
  cidrBlock: officeCidr,
});

// The CI key may read the project: an organization key can do nothing inside a project until it
// is assigned there. Rotating the key moves the assignment to the new key first.
const ciProject = new ApiKeyProjectAssignment("ci-project", {
  projectId,
  apiKeyId: ci.id,
  roles: ["GROUP_READ_ONLY"],
});

// An owner key for automation; changing `rotation` replaces it (new key first, entries follow).
const automation = new OrgApiKey("automation", {
  orgId,
  description: "Automation (owner)",
  roles: ["ORG_OWNER"],
  rotationTrigger: rotation,
});
const automationBastion = new ApiKeyWhitelistEntry("automation-bastion", {
  orgId,
  apiKeyId: automation.id,
  ipAddress: bastionAddress,
});

// What the organization holds right now (read in the program; never includes private keys).
const existing = pulumi.output(lookupOrgApiKeys(orgId));

export const ciPublicKey = ci.publicKey;
export const ciPrivateKey = pulumi.secret(ci.privateKey);
export const ciAccessList = pulumi.all([ciRunner.cidrBlock, ciOffice.cidrBlock]);
export const ciProjectRoles = ciProject.roles;
export const automationPublicKey = automation.publicKey;
export const automationPrivateKey = pulumi.secret(automation.privateKey);
export const automationAccessList = pulumi.all([automationBastion.cidrBlock]);
export const existingKeysAtStart = existing.apply((keys) =>
  keys.map((k) => `${k.publicKey} (${k.description})`).sort(),
);
