/**
 * The admin door over HTTP, so a separately-run emulator (the CLI) can be driven. Not an Ops
 * Manager API: no auth, loopback clients only (403 otherwise). Routes (JSON in and out):
 *
 *   GET    /__emulator/state                                   orgs, keys (no private keys), entries
 *   POST   /__emulator/orgs                                    create an org → {orgId, projectId, publicKey, privateKey}
 *   GET    /__emulator/orgs/{org}/apiKeys                      admin.listKeys
 *   POST   /__emulator/orgs/{org}/apiKeys/{id}/desc            body {"desc": "..."}
 *   POST   /__emulator/orgs/{org}/apiKeys/{id}/roles           body {"roles": ["ORG_MEMBER"]}
 *   DELETE /__emulator/orgs/{org}/apiKeys/{id}                 admin.deleteKey
 *   GET    /__emulator/orgs/{org}/apiKeys/{id}/accessList      admin.listEntries
 *   DELETE /__emulator/orgs/{org}/apiKeys/{id}/accessList/{e}  admin.deleteEntry (e may use %2F)
 *   GET    /__emulator/orgs/{org}/projects                     admin.listProjects
 *   POST   /__emulator/orgs/{org}/projects                     body {"name"?}: admin.createProject
 *   GET    /__emulator/groups/{project}/apiKeys                admin.listProjectKeys
 *   POST   /__emulator/groups/{project}/apiKeys/{id}/roles     body {"roles": [...]}: setProjectRoles
 *   DELETE /__emulator/groups/{project}/apiKeys/{id}           admin.unassignProject
 *   POST   /__emulator/configure                               body: Partial<EmulatorOptions>
 *   GET    /__emulator/requests   DELETE /__emulator/requests  request log / clearLog
 *   GET    /__emulator/faults                                  faultCounts
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isLoopbackAddress } from "./loopback";
import { sendJson } from "./http-io";
import type { EmulatorState } from "./state";
import type { EmulatorAdmin, EmulatorOptions } from "./types";

export interface AdminDoor {
  readonly state: EmulatorState;
  readonly admin: EmulatorAdmin;
  configure(options: Partial<EmulatorOptions>): void;
  clearLog(): void;
  faultCounts(): Record<string, number>;
}

function publicState(state: EmulatorState): unknown {
  return {
    orgs: state.store.data.orgs.map((org) => ({
      id: org.id,
      requireAccessList: org.requireAccessList,
      projects: org.projects ?? [],
      keys: org.keys.map((k) => ({
        id: k.id,
        desc: k.desc,
        publicKey: k.publicKey,
        roles: k.roles,
        projectRoles: k.projectRoles ?? {},
        entries: k.entries,
      })),
    })),
  };
}

function ok(action: () => void): { ok: true } {
  action();
  return { ok: true };
}

function route(door: AdminDoor, method: string, parts: string[], body: unknown): unknown {
  const { admin } = door;
  const field = (name: string) => (body as Record<string, unknown> | null)?.[name];
  const at = (n: number) => decodeURIComponent(parts[n]);
  const path = parts.join("/");
  if (method === "GET" && path === "state") return publicState(door.state);
  if (method === "POST" && path === "orgs") return admin.createOrg();
  if (method === "POST" && path === "configure") {
    return ok(() => door.configure(body as Partial<EmulatorOptions>));
  }
  if (method === "GET" && path === "requests") return door.state.log;
  if (method === "DELETE" && path === "requests") return ok(() => door.clearLog());
  if (method === "GET" && path === "faults") return door.faultCounts();
  if (parts[0] === "groups" && parts[2] === "apiKeys") {
    const [group, id] = [at(1), parts[3] && at(3)];
    if (parts.length === 3 && method === "GET") return admin.listProjectKeys(group);
    if (parts.length === 4 && method === "DELETE") {
      return ok(() => admin.unassignProject(group, id));
    }
    if (parts.length === 5 && parts[4] === "roles" && method === "POST") {
      return ok(() => admin.setProjectRoles(group, id, field("roles") as string[]));
    }
    return undefined;
  }
  if (parts[0] === "orgs" && parts[2] === "projects" && parts.length === 3) {
    if (method === "GET") return admin.listProjects(at(1));
    if (method === "POST") {
      const name = field("name");
      return admin.createProject(at(1), typeof name === "string" ? name : undefined);
    }
  }
  if (parts[0] !== "orgs" || parts[2] !== "apiKeys") return undefined;
  const [org, id, tail] = [at(1), parts[3] && at(3), parts.slice(4).join("/")];
  if (parts.length === 3 && method === "GET") return admin.listKeys(org);
  if (parts.length === 4 && method === "DELETE") return ok(() => admin.deleteKey(org, id));
  if (method === "POST" && tail === "desc") {
    return ok(() => admin.setKeyDescription(org, id, String(field("desc"))));
  }
  if (method === "POST" && tail === "roles") {
    return ok(() => admin.setKeyRoles(org, id, field("roles") as string[]));
  }
  if (method === "GET" && tail === "accessList") return admin.listEntries(org, id);
  if (method === "DELETE" && parts.length === 6 && parts[4] === "accessList") {
    return ok(() => admin.deleteEntry(org, id, at(5)));
  }
  return undefined;
}

/** Serve one `/__emulator/...` request. */
export function handleAdminRequest(
  door: AdminDoor,
  req: IncomingMessage,
  res: ServerResponse,
  bodyText: string,
): void {
  const method = (req.method ?? "GET").toUpperCase();
  const rawPath = (req.url ?? "/").split("?")[0];
  if (!isLoopbackAddress(req.socket.remoteAddress)) {
    sendJson(res, 403, {
      error: `the emulator admin door ${rawPath} answers loopback clients only`,
    });
    return;
  }
  try {
    const body = bodyText ? (JSON.parse(bodyText) as unknown) : undefined;
    const parts = rawPath.slice("/__emulator/".length).split("/");
    const result = route(door, method, parts, body);
    if (result === undefined) {
      sendJson(res, 404, {
        error: `no emulator admin route ${method} ${rawPath}; see emulator/README.md`,
      });
      return;
    }
    sendJson(res, 200, result);
  } catch (error) {
    sendJson(res, 400, { error: `${method} ${rawPath}: ${(error as Error).message}` });
  }
}
