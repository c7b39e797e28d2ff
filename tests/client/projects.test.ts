import { expect } from "chai";
import { isOpsManagerNotFound, type OpsManagerError } from "../../provider/client";
import { logLines, rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";

const MISSING = "0123456789abcdef01234567";

describe("client project assignments against the emulator", () => {
  let f: ClientFixture;
  afterEach(() => f.close());

  it("assigns a key, lists it with its project roles, replaces the roles and unassigns it", async () => {
    f = await startClientFixture();
    const projectId = f.emulator.projectId;
    const key = await f.client.createApiKey(f.orgId, { desc: "ci", roles: ["ORG_READ_ONLY"] });
    const assigned = await f.client.assignApiKeyToProject(projectId, key.id, ["GROUP_READ_ONLY"]);
    expect(assigned.id).to.equal(key.id);
    expect(assigned.roles).to.deep.equal([
      { orgId: f.orgId, roleName: "ORG_READ_ONLY" },
      { groupId: projectId, roleName: "GROUP_READ_ONLY" },
    ]);
    const listed = await f.client.listProjectApiKeys(projectId);
    expect(listed.map((k) => k.id)).to.deep.equal([key.id]);
    expect(listed[0]?.publicKey).to.equal(key.publicKey);

    await f.client.assignApiKeyToProject(projectId, key.id, ["GROUP_OWNER", "GROUP_USER_ADMIN"]);
    const after = await f.client.listProjectApiKeys(projectId);
    expect(
      after[0]?.roles.filter((r) => r.groupId === projectId).map((r) => r.roleName),
    ).to.deep.equal(["GROUP_OWNER", "GROUP_USER_ADMIN"]);
    const orgView = await f.client.getApiKey(f.orgId, key.id);
    expect(orgView.roles).to.deep.include({ groupId: projectId, roleName: "GROUP_OWNER" });

    await f.client.unassignApiKeyFromProject(projectId, key.id);
    expect(await f.client.listProjectApiKeys(projectId)).to.deep.equal([]);
    const again = (await rejectionOf(
      f.client.unassignApiKeyFromProject(projectId, key.id),
    )) as OpsManagerError;
    expect(again.code).to.equal("NOT_FOUND");
    expect(again.errorCode).to.equal("API_KEY_NOT_FOUND");
    expect(isOpsManagerNotFound(again)).to.equal(true);
  });

  it("pages through a project's keys 500 at a time", async () => {
    f = await startClientFixture();
    const projectId = f.emulator.projectId;
    for (let i = 0; i < 3; i++) {
      const key = await f.client.createApiKey(f.orgId, { desc: `k${i}`, roles: ["ORG_MEMBER"] });
      f.emulator.admin.setProjectRoles(projectId, key.id, ["GROUP_READ_ONLY"]);
    }
    const from = f.emulator.requests.length;
    expect(await f.client.listProjectApiKeys(projectId)).to.have.length(3);
    expect(logLines(f.emulator, from)).to.deep.equal([
      `GET /api/public/v1.0/groups/${projectId}/apiKeys?pageNum=1&itemsPerPage=500 200`,
    ]);
  });

  it("maps the documented refusals: unknown project, unknown role, empty roles", async () => {
    f = await startClientFixture();
    const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
    const noProject = (await rejectionOf(
      f.client.assignApiKeyToProject(MISSING, key.id, ["GROUP_OWNER"]),
    )) as OpsManagerError;
    expect(noProject.code).to.equal("PROJECT_NOT_FOUND");
    expect(isOpsManagerNotFound(noProject)).to.equal(false);
    const noProjectDelete = (await rejectionOf(
      f.client.unassignApiKeyFromProject(MISSING, key.id),
    )) as OpsManagerError;
    expect(noProjectDelete.code, "never 'already unassigned'").to.equal("PROJECT_NOT_FOUND");
    const badRole = (await rejectionOf(
      f.client.assignApiKeyToProject(f.emulator.projectId, key.id, ["ORG_OWNER"]),
    )) as OpsManagerError;
    expect(badRole.code).to.equal("VALIDATION");
    expect(badRole.errorCode).to.equal("INVALID_ROLE_FOR_GROUP");
    const empty = (await rejectionOf(
      f.client.assignApiKeyToProject(f.emulator.projectId, key.id, []),
    )) as OpsManagerError;
    expect(empty.code).to.equal("VALIDATION");
    expect(empty.errorCode).to.equal("MISSING_API_KEY_ROLES");
  });

  it("retries an assignment like any idempotent update after a reset that applied it", async () => {
    f = await startClientFixture({
      faults: { seed: 2, resetAfterWrite: 0.5, methods: ["PATCH"] },
    });
    const key = await f.client.createApiKey(f.orgId, { desc: "k", roles: ["ORG_MEMBER"] });
    for (const roles of [["GROUP_READ_ONLY"], ["GROUP_OWNER"], ["GROUP_BACKUP_ADMIN"]]) {
      await f.client.assignApiKeyToProject(f.emulator.projectId, key.id, roles);
    }
    expect(f.emulator.faultCounts().resetAfterWrite ?? 0).to.be.greaterThan(0);
    expect(f.emulator.admin.listProjectKeys(f.emulator.projectId)).to.deep.equal([
      { id: key.id, roles: ["GROUP_BACKUP_ADMIN"] },
    ]);
  });
});
