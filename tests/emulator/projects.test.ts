import { expect } from "chai";
import { DigestClient, rawRequest } from "./support/digest-client";
import { API, createKey, type Fixture, startFixture } from "./support/emulator-fixture";

const MISSING = "0123456789abcdef01234567";

describe("emulator organization API keys on projects", () => {
  let f: Fixture;
  let projectPath: string;
  beforeEach(async () => {
    f = await startFixture();
    projectPath = `${API}/groups/${f.emulator.projectId}/apiKeys`;
  });
  afterEach(() => f.emulator.close());

  it("seeds one project in the seeded org and lists no keys for it at first", async () => {
    expect(f.emulator.projectId).to.match(/^[0-9a-f]{24}$/);
    expect(f.emulator.admin.listProjects(f.emulator.orgId).map((p) => p.id)).to.deep.equal([
      f.emulator.projectId,
    ]);
    const res = await f.owner.request("GET", projectPath);
    expect(res.status).to.equal(200);
    expect(res.json.results).to.deep.equal([]);
    expect(res.json.totalCount).to.equal(0);
  });

  it("assigns a key with PATCH, lists it with project roles beside org roles, and replaces the roles", async () => {
    const key = await createKey(f, ["ORG_READ_ONLY"]);
    const { orgId, projectId } = f.emulator;
    const assigned = await f.owner.request("PATCH", `${projectPath}/${key.id}`, {
      roles: ["GROUP_READ_ONLY", "GROUP_DATA_ACCESS_READ_ONLY"],
    });
    expect(assigned.status).to.equal(200);
    expect(assigned.json.id).to.equal(key.id);
    expect(assigned.json.privateKey).to.match(/^\*{8}-/);
    expect(assigned.json.roles).to.deep.equal([
      { orgId, roleName: "ORG_READ_ONLY" },
      { groupId: projectId, roleName: "GROUP_READ_ONLY" },
      { groupId: projectId, roleName: "GROUP_DATA_ACCESS_READ_ONLY" },
    ]);
    const listed = await f.owner.request("GET", projectPath);
    expect(listed.json.results.map((k: { id: string }) => k.id)).to.deep.equal([key.id]);
    const orgView = await f.owner.request("GET", `${f.keysPath}/${key.id}`);
    expect(orgView.json.roles).to.deep.equal(assigned.json.roles);

    const replaced = await f.owner.request("PATCH", `${projectPath}/${key.id}`, {
      roles: ["GROUP_OWNER"],
    });
    expect(replaced.json.roles).to.deep.equal([
      { orgId, roleName: "ORG_READ_ONLY" },
      { groupId: projectId, roleName: "GROUP_OWNER" },
    ]);
    const orgPatch = await f.owner.request("PATCH", `${f.keysPath}/${key.id}`, {
      roles: ["ORG_MEMBER"],
    });
    expect(orgPatch.json.roles).to.deep.equal([
      { orgId, roleName: "ORG_MEMBER" },
      { groupId: projectId, roleName: "GROUP_OWNER" },
    ]);
  });

  it("paginates the project's keys", async () => {
    for (let i = 0; i < 3; i++) {
      const key = await createKey(f);
      await f.owner.request("PATCH", `${projectPath}/${key.id}`, { roles: ["GROUP_READ_ONLY"] });
    }
    const page = await f.owner.request("GET", `${projectPath}?pageNum=2&itemsPerPage=2`);
    expect(page.json.results).to.have.length(1);
    expect(page.json.totalCount).to.equal(3);
    expect(page.json.links.map((l: { rel: string }) => l.rel)).to.deep.equal(["self", "previous"]);
  });

  const invalid: Array<[string, unknown, number, string]> = [
    ["an empty role list", { roles: [] }, 400, "MISSING_API_KEY_ROLES"],
    ["no roles at all", {}, 400, "MISSING_API_KEY_ROLES"],
    ["an organization role", { roles: ["ORG_OWNER"] }, 400, "INVALID_ROLE_FOR_GROUP"],
    [
      "an unknown role",
      { roles: ["GROUP_READ_ONLY", "GROUP_NOPE"] },
      400,
      "INVALID_ROLE_FOR_GROUP",
    ],
    ["an unknown field", { roles: ["GROUP_OWNER"], desc: "x" }, 400, "INVALID_ATTRIBUTE"],
  ];
  for (const [name, body, status, errorCode] of invalid) {
    it(`refuses a PATCH with ${name} (${status} ${errorCode}) and changes nothing`, async () => {
      const key = await createKey(f);
      const res = await f.owner.request("PATCH", `${projectPath}/${key.id}`, body);
      expect(res.status).to.equal(status);
      expect(res.json.errorCode).to.equal(errorCode);
      expect(f.emulator.admin.listProjectKeys(f.emulator.projectId)).to.deep.equal([]);
    });
  }

  it("answers 404 GROUP_NOT_FOUND for an unknown project on every route", async () => {
    const key = await createKey(f);
    for (const [method, path] of [
      ["GET", `${API}/groups/${MISSING}/apiKeys`],
      ["PATCH", `${API}/groups/${MISSING}/apiKeys/${key.id}`],
      ["DELETE", `${API}/groups/${MISSING}/apiKeys/${key.id}`],
    ]) {
      const body = method === "PATCH" ? { roles: ["GROUP_OWNER"] } : undefined;
      const res = await f.owner.request(method, path, body);
      expect(res.status, `${method} ${path}`).to.equal(404);
      expect(res.json.errorCode).to.equal("GROUP_NOT_FOUND");
    }
  });

  it("answers API_KEY_NOT_FOUND for a missing key, a key of another org, and an unassigned key", async () => {
    const other = f.emulator.admin.createOrg();
    const otherOwner = new DigestClient(f.emulator.baseUrl, other.publicKey, other.privateKey);
    const foreign = await otherOwner.request("POST", `${API}/orgs/${other.orgId}/apiKeys`, {
      desc: "other org",
      roles: ["ORG_MEMBER"],
    });
    const unassigned = await createKey(f);
    for (const id of [MISSING, foreign.json.id as string]) {
      const res = await f.owner.request("PATCH", `${projectPath}/${id}`, {
        roles: ["GROUP_OWNER"],
      });
      expect(res.status).to.equal(400);
      expect(res.json.errorCode).to.equal("API_KEY_NOT_FOUND");
    }
    const res = await f.owner.request("DELETE", `${projectPath}/${unassigned.id}`);
    expect(res.status).to.equal(400);
    expect(res.json.errorCode).to.equal("API_KEY_NOT_FOUND");
    f.emulator.configure({ missingKeyStatus: 404 });
    expect((await f.owner.request("DELETE", `${projectPath}/${unassigned.id}`)).status).to.equal(
      404,
    );
  });

  it("unassigns with 204, and a deleted key loses its assignments", async () => {
    const [a, b] = [await createKey(f), await createKey(f)];
    for (const key of [a, b]) {
      await f.owner.request("PATCH", `${projectPath}/${key.id}`, { roles: ["GROUP_READ_ONLY"] });
    }
    const removed = await f.owner.request("DELETE", `${projectPath}/${a.id}`);
    expect(removed.status).to.equal(204);
    expect(removed.text).to.equal("");
    await f.owner.request("DELETE", `${f.keysPath}/${b.id}`);
    expect((await f.owner.request("GET", projectPath)).json.results).to.deep.equal([]);
  });

  it("lets a project owner key manage assignments but not a key without project or owner roles (401)", async () => {
    const member = await createKey(f, ["ORG_MEMBER"]);
    const target = await createKey(f);
    const denied = await member.client.request("PATCH", `${projectPath}/${target.id}`, {
      roles: ["GROUP_READ_ONLY"],
    });
    expect(denied.status).to.equal(401);
    expect(denied.json.errorCode).to.equal("USER_UNAUTHORIZED");
    expect((await member.client.request("GET", projectPath)).status).to.equal(401);
    f.emulator.admin.setProjectRoles(f.emulator.projectId, member.id, ["GROUP_USER_ADMIN"]);
    const allowed = await member.client.request("PATCH", `${projectPath}/${target.id}`, {
      roles: ["GROUP_READ_ONLY"],
    });
    expect(allowed.status).to.equal(200);
    expect((await member.client.request("GET", projectPath)).status).to.equal(200);
  });

  it("changes roles and unassigns out of band through the admin door, in process and over HTTP", async () => {
    const key = await createKey(f);
    const { admin, projectId, baseUrl } = f.emulator;
    admin.setProjectRoles(projectId, key.id, ["GROUP_OWNER"]);
    expect(admin.listProjectKeys(projectId)).to.deep.equal([
      { id: key.id, roles: ["GROUP_OWNER"] },
    ]);
    const door = `/__emulator/groups/${projectId}/apiKeys`;
    const changed = await rawRequest(baseUrl, "POST", `${door}/${key.id}/roles`, {
      body: JSON.stringify({ roles: ["GROUP_READ_ONLY"] }),
    });
    expect(changed.status).to.equal(200);
    expect((await rawRequest(baseUrl, "GET", door)).json).to.deep.equal([
      { id: key.id, roles: ["GROUP_READ_ONLY"] },
    ]);
    expect(
      admin.listKeys(f.emulator.orgId).find((k) => k.id === key.id)?.projectRoles,
    ).to.deep.equal({
      [projectId]: ["GROUP_READ_ONLY"],
    });
    expect((await rawRequest(baseUrl, "DELETE", `${door}/${key.id}`)).status).to.equal(200);
    expect(admin.listProjectKeys(projectId)).to.deep.equal([]);
    expect(() => admin.unassignProject(projectId, key.id)).to.throw(/not assigned/);
    const created = await rawRequest(
      baseUrl,
      "POST",
      `/__emulator/orgs/${f.emulator.orgId}/projects`,
      {
        body: JSON.stringify({ name: "second" }),
      },
    );
    expect(created.json.name).to.equal("second");
    expect(
      (await rawRequest(baseUrl, "GET", `/__emulator/orgs/${f.emulator.orgId}/projects`)).json,
    ).to.have.length(2);
  });

  it("applies seeded faults and the request log to project routes", async () => {
    const key = await createKey(f);
    f.emulator.configure({ faults: { seed: 1, serverError: 1, methods: ["PATCH"] } });
    const failed = await f.owner.request("PATCH", `${projectPath}/${key.id}`, {
      roles: ["GROUP_OWNER"],
    });
    expect(failed.status).to.be.oneOf([500, 502, 503]);
    expect(f.emulator.admin.listProjectKeys(f.emulator.projectId)).to.deep.equal([]);
    const last = f.emulator.requests[f.emulator.requests.length - 1];
    expect(last.method).to.equal("PATCH");
    expect(last.path).to.equal(`${projectPath}/${key.id}`);
    expect(last.fault).to.equal("serverError");
  });
});
