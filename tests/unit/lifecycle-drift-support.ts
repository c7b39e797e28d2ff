/**
 * A fake Ops Manager client for the drift and list-cache unit tests: in-memory keys and access
 * lists, a log of the calls made, lists that can be held in flight, and injectable failures.
 */
import { OpsManagerError } from "../../provider/client/errors";
import type {
  AccessListEntry,
  AccessListEntryRequest,
  ApiKey,
  ApiKeyRequest,
  ClientStats,
  OpsManagerClient,
} from "../../provider/client/types";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import { ListCache } from "../../provider/lifecycle/common/list-cache";
import { resolveSettings } from "../../provider/lifecycle/settings";
import { TEST_ORG_ID } from "../support/ids";

export const ORG = TEST_ORG_ID;
export const PRIVATE_KEY = "3f2b7c1e-9a4d-4e8b-b6a1-0c9d8e7f6a5b";

function gone(method: string, path: string): OpsManagerError {
  return new OpsManagerError(`${method} ${path}: not found`, {
    code: "NOT_FOUND",
    status: 400,
    errorCode: "API_KEY_NOT_FOUND",
    method,
    path,
    attempts: 1,
  });
}

/** The in-memory server and the client in one object. */
export class FakeOpsManager implements OpsManagerClient {
  readonly keys = new Map<string, ApiKey>();
  readonly lists = new Map<string, AccessListEntry[]>();
  /** `K1 org`, `A1 org/key`, `K3 key`, … in call order. */
  readonly calls: string[] = [];
  /** When set, every call fails with this error. */
  failure: Error | undefined;
  /** When set, list calls wait for it (to hold them in flight). */
  gate: Promise<void> | undefined;
  private next = 0x100;

  /** Adds a key (and an empty access list); returns its id. */
  addKey(desc: string, roles: string[] = ["ORG_MEMBER"]): string {
    const id = `60a1b2c3d4e5f6071829${(this.next++).toString(16).padStart(4, "0")}`;
    this.keys.set(id, {
      id,
      desc,
      publicKey: `pub${id.slice(-4)}`,
      privateKey: "********-****-****-0c9d8e7f6a5b",
      roles: roles.map((roleName) => ({ roleName, orgId: ORG })),
    });
    this.lists.set(id, []);
    return id;
  }

  private async enter(call: string): Promise<void> {
    this.calls.push(call);
    await Promise.resolve();
    if (this.failure) throw this.failure;
  }

  private key(method: string, id: string): ApiKey {
    const key = this.keys.get(id);
    if (!key) throw gone(method, `/orgs/${ORG}/apiKeys/${id}`);
    return key;
  }

  private list(method: string, id: string): AccessListEntry[] {
    const list = this.lists.get(id);
    if (!list || !this.keys.has(id)) throw gone(method, `/orgs/${ORG}/apiKeys/${id}/accessList`);
    return list;
  }

  async listApiKeys(orgId: string): Promise<ApiKey[]> {
    await this.enter(`K1 ${orgId}`);
    await this.gate;
    return [...this.keys.values()];
  }

  async createApiKey(_orgId: string, body: ApiKeyRequest): Promise<ApiKey> {
    await this.enter("K2");
    const id = this.addKey(body.desc ?? "", [...(body.roles ?? [])]);
    return { ...this.key("POST", id), privateKey: PRIVATE_KEY };
  }

  async getApiKey(_orgId: string, apiKeyId: string): Promise<ApiKey> {
    await this.enter(`K3 ${apiKeyId}`);
    return this.key("GET", apiKeyId);
  }

  async updateApiKey(_orgId: string, apiKeyId: string, body: ApiKeyRequest): Promise<ApiKey> {
    await this.enter(`K4 ${apiKeyId} ${JSON.stringify(body)}`);
    const key = this.key("PATCH", apiKeyId);
    const updated: ApiKey = {
      ...key,
      ...(body.desc !== undefined ? { desc: body.desc } : {}),
      ...(body.roles ? { roles: body.roles.map((roleName) => ({ roleName, orgId: ORG })) } : {}),
    };
    this.keys.set(apiKeyId, updated);
    return updated;
  }

  async deleteApiKey(_orgId: string, apiKeyId: string): Promise<void> {
    await this.enter(`K5 ${apiKeyId}`);
    this.key("DELETE", apiKeyId);
    this.keys.delete(apiKeyId);
  }

  async listAccessList(orgId: string, apiKeyId: string): Promise<AccessListEntry[]> {
    await this.enter(`A1 ${orgId}/${apiKeyId}`);
    await this.gate;
    return [...this.list("GET", apiKeyId)];
  }

  async addAccessListEntries(
    _orgId: string,
    apiKeyId: string,
    entries: readonly AccessListEntryRequest[],
  ): Promise<AccessListEntry[]> {
    await this.enter(`A2 ${apiKeyId}`);
    const list = this.list("POST", apiKeyId);
    for (const e of entries) {
      const cidrBlock = "cidrBlock" in e ? e.cidrBlock : `${e.ipAddress}/32`;
      if (!list.some((x) => x.cidrBlock === cidrBlock)) list.push({ cidrBlock, count: 0 });
    }
    return [...list];
  }

  async getAccessListEntry(
    _orgId: string,
    apiKeyId: string,
    entry: string,
  ): Promise<AccessListEntry> {
    await this.enter(`A3 ${apiKeyId}/${entry}`);
    const cidr = entry.includes("/") ? entry : `${entry}/32`;
    const found = this.list("GET", apiKeyId).find((e) => e.cidrBlock === cidr);
    if (!found) throw gone("GET", `/orgs/${ORG}/apiKeys/${apiKeyId}/accessList/${entry}`);
    return found;
  }

  async deleteAccessListEntry(_orgId: string, apiKeyId: string, entry: string): Promise<void> {
    await this.enter(`A4 ${apiKeyId}/${entry}`);
    const list = this.list("DELETE", apiKeyId);
    const cidr = entry.includes("/") ? entry : `${entry}/32`;
    this.lists.set(
      apiKeyId,
      list.filter((e) => e.cidrBlock !== cidr),
    );
  }

  async listProjectApiKeys(projectId: string): Promise<ApiKey[]> {
    await this.enter(`G1 ${projectId}`);
    await this.gate;
    return [...this.keys.values()].filter((k) => k.roles.some((r) => r.groupId === projectId));
  }

  async assignApiKeyToProject(
    projectId: string,
    apiKeyId: string,
    roles: readonly string[],
  ): Promise<ApiKey> {
    await this.enter(`G2 ${projectId}/${apiKeyId} ${JSON.stringify(roles)}`);
    const key = this.key("PATCH", apiKeyId);
    const updated: ApiKey = {
      ...key,
      roles: [
        ...key.roles.filter((r) => r.groupId !== projectId),
        ...roles.map((roleName) => ({ roleName, groupId: projectId })),
      ],
    };
    this.keys.set(apiKeyId, updated);
    return updated;
  }

  async unassignApiKeyFromProject(projectId: string, apiKeyId: string): Promise<void> {
    await this.enter(`G3 ${projectId}/${apiKeyId}`);
    const key = this.key("DELETE", apiKeyId);
    if (!key.roles.some((r) => r.groupId === projectId))
      throw gone("DELETE", `/groups/${projectId}/apiKeys/${apiKeyId}`);
    this.keys.set(apiKeyId, { ...key, roles: key.roles.filter((r) => r.groupId !== projectId) });
  }

  stats(): ClientStats {
    return { calls: this.calls.length, requests: this.calls.length, retries: 0 };
  }

  /** Calls whose name starts with `prefix` (e.g. "K1", "A1"). */
  count(prefix: string): number {
    return this.calls.filter((c) => c.startsWith(prefix)).length;
  }
}

/** A lifecycle context over `fake`, warnings collected, list TTL as given (default 60 s). */
export function fakeContext(
  fake: FakeOpsManager,
  options: { ttlMs?: number; driftCheck?: "live" | "state" } = {},
): LifecycleContext & { warnings: string[] } {
  const config: Record<string, string> = {
    "opsmanager:baseUrl": "http://127.0.0.1:9",
    "opsmanager:publicKey": "pub",
    "opsmanager:privateKey": "0b6e2a55-8c1d-4f7e-9a3b-5d2c1e0f9a8b",
    "opsmanager:driftCheck": options.driftCheck ?? "live",
  };
  const settings = resolveSettings((k) => config[k], {
    OPSMANAGER_LIST_CACHE_TTL_MS: String(options.ttlMs ?? 60000),
  });
  const warnings: string[] = [];
  return {
    client: fake,
    settings,
    lists: new ListCache(),
    warn: (m) => void warnings.push(m),
    warnings,
  };
}
