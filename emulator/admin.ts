/**
 * The out-of-band door (`Emulator.admin`): change state behind the API's back for drift
 * tests. Not an Ops Manager API; throws plain Errors naming what was not found.
 */
import { parseEntryKey } from "./addresses";
import type { EmulatorState } from "./state";
import type { KeyRecord, OrgRecord, ProjectRecord } from "./store";
import type { EmulatorAdmin } from "./types";

export function createAdmin(state: EmulatorState): EmulatorAdmin {
  const { store } = state;
  const org = (orgId: string): OrgRecord => {
    const found = store.findOrg(orgId);
    if (!found) throw new Error(`emulator admin: no organization ${orgId}`);
    return found;
  };
  const key = (orgId: string, keyId: string): KeyRecord => {
    const found = store.findKey(org(orgId), keyId);
    if (!found) throw new Error(`emulator admin: no API key ${keyId} in organization ${orgId}`);
    return found;
  };
  const project = (projectId: string): { org: OrgRecord; project: ProjectRecord } => {
    const found = store.findProject(projectId);
    if (!found) throw new Error(`emulator admin: no project ${projectId}`);
    return found;
  };
  const projectKey = (projectId: string, keyId: string): KeyRecord =>
    key(project(projectId).org.id, keyId);
  const changed = (): void => {
    store.dirty = true;
    state.persist();
  };
  return {
    listKeys: (orgId) =>
      org(orgId).keys.map((k) => ({
        id: k.id,
        desc: k.desc,
        publicKey: k.publicKey,
        roles: [...k.roles],
        projectRoles: Object.fromEntries(
          Object.entries(k.projectRoles ?? {}).map(([id, roles]) => [id, [...roles]]),
        ),
      })),
    listEntries: (orgId, apiKeyId) =>
      key(orgId, apiKeyId).entries.map((e) => ({ cidrBlock: e.cidrBlock, ipAddress: e.ipAddress })),
    setKeyDescription(orgId, apiKeyId, desc) {
      key(orgId, apiKeyId).desc = desc;
      changed();
    },
    setKeyRoles(orgId, apiKeyId, roles) {
      key(orgId, apiKeyId).roles = [...roles];
      changed();
    },
    deleteKey(orgId, apiKeyId) {
      store.deleteKey(org(orgId), key(orgId, apiKeyId).id);
      changed();
    },
    deleteEntry(orgId, apiKeyId, cidrBlock) {
      const k = key(orgId, apiKeyId);
      const canonical = parseEntryKey(cidrBlock);
      if (!canonical || !store.deleteEntry(k, canonical)) {
        throw new Error(
          `emulator admin: ${cidrBlock} is not on the access list of API key ${apiKeyId}`,
        );
      }
      changed();
    },
    createOrg() {
      const created = store.createOrg();
      changed();
      return {
        orgId: created.org.id,
        projectId: created.project.id,
        publicKey: created.key.publicKey,
        privateKey: created.key.privateKey,
      };
    },
    listProjects: (orgId) => (org(orgId).projects ?? []).map((p) => ({ id: p.id, name: p.name })),
    createProject(orgId, name) {
      const created = store.createProject(org(orgId), name);
      changed();
      return { id: created.id, name: created.name };
    },
    listProjectKeys(projectId) {
      const found = project(projectId);
      return found.org.keys
        .filter((k) => store.projectRolesOf(k, projectId) !== undefined)
        .map((k) => ({ id: k.id, roles: [...(store.projectRolesOf(k, projectId) ?? [])] }));
    },
    setProjectRoles(projectId, apiKeyId, roles) {
      store.setProjectRoles(projectKey(projectId, apiKeyId), projectId, roles);
      changed();
    },
    unassignProject(projectId, apiKeyId) {
      if (!store.unassignProject(projectKey(projectId, apiKeyId), projectId)) {
        throw new Error(
          `emulator admin: API key ${apiKeyId} is not assigned to project ${projectId}`,
        );
      }
      changed();
    },
  };
}
