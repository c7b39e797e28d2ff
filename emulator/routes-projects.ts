/**
 * Organization API keys on projects: list the keys assigned to a project, assign a key / replace
 * its project roles (PATCH `{"roles": [...]}`), unassign it.
 * https://www.mongodb.com/docs/ops-manager/current/reference/api/project-api-keys/
 * Authorization: reading needs ORG_OWNER or ORG_READ_ONLY of the project's org, or any role in
 * the project; changing needs ORG_OWNER, or GROUP_OWNER / GROUP_USER_ADMIN in the project
 * (401 USER_UNAUTHORIZED otherwise, as for other routes).
 */
import type { ApiRequest, Deps, Handler } from "./context";
import { errors } from "./errors";
import { parseJson, strictObject } from "./json-body";
import { listEnvelope } from "./pagination";
import { loadKey, renderKey } from "./routes-keys";
import { PROJECT_ROLES, type OrgRecord, type ProjectRecord } from "./store";

interface ProjectTarget {
  readonly org: OrgRecord;
  readonly project: ProjectRecord;
}

/** The project of the path, or 404 GROUP_NOT_FOUND. */
function loadProject(req: ApiRequest, deps: Deps): ProjectTarget {
  const groupId = req.params.group ?? "";
  const found = deps.store.findProject(groupId);
  if (!found) throw errors.groupNotFound(groupId);
  return found;
}

function callerProjectRoles(req: ApiRequest, target: ProjectTarget): readonly string[] {
  if (req.caller.org.id !== target.org.id) return [];
  return req.caller.key.projectRoles?.[target.project.id] ?? [];
}

function callerOrgRoles(req: ApiRequest, target: ProjectTarget): readonly string[] {
  return req.caller.org.id === target.org.id ? req.caller.key.roles : [];
}

function requireProjectReader(req: ApiRequest, target: ProjectTarget): void {
  const org = callerOrgRoles(req, target);
  const allowed =
    org.includes("ORG_OWNER") ||
    org.includes("ORG_READ_ONLY") ||
    callerProjectRoles(req, target).length > 0;
  if (!allowed) throw errors.userUnauthorized();
}

function requireProjectAdmin(req: ApiRequest, target: ProjectTarget): void {
  const project = callerProjectRoles(req, target);
  const allowed =
    callerOrgRoles(req, target).includes("ORG_OWNER") ||
    project.includes("GROUP_OWNER") ||
    project.includes("GROUP_USER_ADMIN");
  if (!allowed) throw errors.userUnauthorized();
}

/** `roles` of a PATCH: non-empty (else MISSING_API_KEY_ROLES), each a project role. */
function validProjectRoles(value: unknown, groupId: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw errors.missingRoles();
  for (const role of value) {
    if (typeof role !== "string" || !PROJECT_ROLES.includes(role)) {
      throw errors.invalidRoleForGroup(String(role), groupId);
    }
  }
  return [...new Set(value as string[])];
}

const listProjectKeys: Handler = (req, deps) => {
  const target = loadProject(req, deps);
  requireProjectReader(req, target);
  const assigned = target.org.keys.filter(
    (k) => deps.store.projectRolesOf(k, target.project.id) !== undefined,
  );
  const url = `${req.apiBase}/groups/${target.project.id}/apiKeys`;
  const body = listEnvelope(assigned, req.query, url, (k) => renderKey(req, target.org, k));
  return { status: 200, body, kind: "list" };
};

/** Assigns the key, or replaces its roles in the project; answers 200 with the key. */
const assignKey: Handler = (req, deps) => {
  const target = loadProject(req, deps);
  requireProjectAdmin(req, target);
  const key = loadKey(req, deps, target.org);
  const fields = strictObject(parseJson(req.body), ["roles"]);
  const roles = validProjectRoles(fields.roles, target.project.id);
  deps.store.setProjectRoles(key, target.project.id, roles);
  return { status: 200, body: renderKey(req, target.org, key), kind: "entity" };
};

/**
 * Unassigns the key: 204. A key of the org that is not assigned to the project answers like a
 * missing key (API_KEY_NOT_FOUND): the API documents no separate code for it.
 */
const unassignKey: Handler = (req, deps) => {
  const target = loadProject(req, deps);
  requireProjectAdmin(req, target);
  const key = loadKey(req, deps, target.org);
  if (!deps.store.unassignProject(key, target.project.id)) {
    throw errors.apiKeyNotFound(deps.settings.missingKeyStatus, key.id);
  }
  return { status: 204 };
};

export const projectHandlers = { listProjectKeys, assignKey, unassignKey };
