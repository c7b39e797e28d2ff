/**
 * Organization API keys: list, create, get, update, delete. Create shows the private key once;
 * every other answer shows it redacted.
 */
import type { ApiRequest, Deps, Handler, Reply } from "./context";
import { errors } from "./errors";
import { requireMember, requireOwner } from "./gate";
import { parseJson, strictObject } from "./json-body";
import { listEnvelope } from "./pagination";
import { redactPrivateKey } from "./prng";
import { type KeyRecord, MAX_KEYS_PER_ORG, ORG_ROLES, type OrgRecord } from "./store";

export function loadOrg(req: ApiRequest, deps: Deps): OrgRecord {
  const orgId = req.params.org ?? "";
  const org = deps.store.findOrg(orgId);
  if (!org) throw errors.orgNotFound(orgId);
  return org;
}

/** The key named by the path in `org`, or `API_KEY_NOT_FOUND` (also for a key of another org). */
export function loadKey(req: ApiRequest, deps: Deps, org: OrgRecord): KeyRecord {
  const id = req.params.key ?? "";
  const key = deps.store.findKey(org, id);
  if (!key) throw errors.apiKeyNotFound(deps.settings.missingKeyStatus, id);
  return key;
}

export function keyUrl(req: ApiRequest, orgId: string, keyId: string): string {
  return `${req.apiBase}/orgs/${orgId}/apiKeys/${keyId}`;
}

/** Org roles as `{orgId, roleName}`, then project roles as `{groupId, roleName}`. */
export function renderRoles(org: OrgRecord, key: KeyRecord): Array<Record<string, string>> {
  const roles: Array<Record<string, string>> = key.roles.map((roleName) => ({
    orgId: org.id,
    roleName,
  }));
  for (const [groupId, names] of Object.entries(key.projectRoles ?? {})) {
    for (const roleName of names) roles.push({ groupId, roleName });
  }
  return roles;
}

export function renderKey(req: ApiRequest, org: OrgRecord, key: KeyRecord, revealPrivate = false) {
  return {
    desc: key.desc,
    id: key.id,
    links: [{ href: keyUrl(req, org.id, key.id), rel: "self" }],
    privateKey: revealPrivate ? key.privateKey : redactPrivateKey(key.privateKey),
    publicKey: key.publicKey,
    roles: renderRoles(org, key),
  };
}

function validDesc(value: unknown): string {
  if (typeof value !== "string" || value.length < 1 || value.length > 250) {
    throw errors.invalidDesc();
  }
  return value;
}

export function validRoles(value: unknown, orgId: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw errors.missingRoles();
  for (const role of value) {
    if (typeof role !== "string" || !ORG_ROLES.includes(role)) {
      throw errors.invalidRole(String(role), orgId);
    }
  }
  return [...new Set(value as string[])];
}

const listKeys: Handler = (req, deps) => {
  const org = loadOrg(req, deps);
  requireMember(req, org);
  const url = `${req.apiBase}/orgs/${org.id}/apiKeys`;
  const body = listEnvelope(org.keys, req.query, url, (k) => renderKey(req, org, k));
  return { status: 200, body, kind: "list" };
};

const createKey: Handler = (req, deps) => {
  const org = loadOrg(req, deps);
  requireOwner(req, org);
  const fields = strictObject(parseJson(req.body), ["desc", "roles"]);
  const desc = validDesc(fields.desc);
  const roles = validRoles(fields.roles, org.id);
  if (org.keys.length >= MAX_KEYS_PER_ORG) throw errors.tooManyKeys(MAX_KEYS_PER_ORG, org.id);
  const key = deps.store.createKey(org, desc, roles);
  return { status: 200, body: renderKey(req, org, key, true), kind: "entity" };
};

const getKey: Handler = (req, deps) => {
  const org = loadOrg(req, deps);
  requireMember(req, org);
  return { status: 200, body: renderKey(req, org, loadKey(req, deps, org)), kind: "entity" };
};

const patchKey: Handler = (req, deps): Reply => {
  const org = loadOrg(req, deps);
  requireOwner(req, org);
  const key = loadKey(req, deps, org);
  const fields = strictObject(parseJson(req.body), ["desc", "roles"]);
  if (!("desc" in fields) && !("roles" in fields)) throw errors.missingOneOf("desc", "roles");
  const desc = "desc" in fields ? validDesc(fields.desc) : key.desc;
  const roles = "roles" in fields ? validRoles(fields.roles, org.id) : key.roles;
  key.desc = desc;
  key.roles = roles;
  deps.store.dirty = true;
  return { status: 200, body: renderKey(req, org, key), kind: "entity" };
};

const deleteKey: Handler = (req, deps) => {
  const org = loadOrg(req, deps);
  requireOwner(req, org);
  deps.store.deleteKey(org, loadKey(req, deps, org).id);
  return { status: 204 };
};

export const keyHandlers = { listKeys, createKey, getKey, patchKey, deleteKey };
