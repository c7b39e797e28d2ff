/**
 * Tier 3: ApiKeyProjectAssignment through the real dynamic-provider host: check (unknown roles
 * refused, offline), create, roles updated in place, drift both ways (roles changed, assignment
 * removed outside Pulumi), a replacement that moves the assignment to a rotated key new-first,
 * and delete.
 */
import { expect } from "chai";
import {
  installedPackage,
  makeUrn,
  PROJECT_ASSIGNMENT_TYPE,
  startHost,
  type Host,
} from "../../engine-harness/host";
import {
  checkAndDiff,
  createKey,
  createResource,
  openScenario,
  stackConfig,
  type Scenario,
  type Stored,
} from "./support/suite";

const assignmentUrn = (name: string): string => makeUrn(PROJECT_ASSIGNMENT_TYPE, name);

describe("host: ApiKeyProjectAssignment", function () {
  this.timeout(60000);
  let s: Scenario;
  let key: Stored;
  let assignment: Stored;

  before(async () => {
    // Out-of-band edits between steps: no list reuse within this one host process.
    s = await openScenario({ env: { OPSMANAGER_LIST_CACHE_TTL_MS: "0" } });
    key = await createKey(s, "deployer", { roles: ["ORG_READ_ONLY"] });
  });
  after(async () => void (await s?.close()));

  const assign = (name: string, apiKeyId: string, roles: string[]): Promise<Stored> =>
    createResource(s, assignmentUrn(name), s.providers.ApiKeyProjectAssignment, {
      projectId: s.emulator.projectId,
      apiKeyId,
      roles,
    });
  /** A later `pulumi up`: a new host process, so a new deployment with its own ownership record. */
  const inNewDeployment = async <T>(run: (host: Host) => Promise<T>): Promise<T> => {
    const { programDir } = await installedPackage();
    const host = await startHost(programDir, { OPSMANAGER_LIST_CACHE_TTL_MS: "0" });
    try {
      await host.configure(stackConfig(s.emulator), ["opsmanager:privateKey"]);
      return await run(host);
    } finally {
      await host.stop();
    }
  };
  const liveRoles = (apiKeyId: string): string[] | undefined =>
    s.emulator.admin.listProjectKeys(s.emulator.projectId).find((k) => k.id === apiKeyId)?.roles;

  it("refuses unknown roles in Check, naming the allowed ones, without any API call", async () => {
    s.emulator.clearLog();
    const checked = await s.host.check(
      assignmentUrn("bad"),
      {},
      {
        projectId: s.emulator.projectId,
        apiKeyId: key.id,
        roles: ["GROUP_READ_ONLY", "ORG_OWNER"],
        __provider: s.providers.ApiKeyProjectAssignment,
      },
    );
    expect(checked.failures.map((f) => f.property)).to.deep.equal(["roles"]);
    expect(checked.failures[0]?.reason).to.match(
      /ORG_OWNER.*not a project role.*allowed roles: .*GROUP_OWNER/,
    );
    expect(s.emulator.requests).to.have.length(0);
  });

  it("assigns the key with the declared roles, normalized as a set", async () => {
    assignment = await assign("ci-reads-project", key.id, ["group_read_only", "GROUP_READ_ONLY"]);
    expect(assignment.id).to.equal(`${s.emulator.projectId}/${key.id}`);
    expect(assignment.outputs).to.deep.include({
      projectId: s.emulator.projectId,
      apiKeyId: key.id,
      roles: ["GROUP_READ_ONLY"],
      publicKey: key.outputs.publicKey,
    });
    expect(liveRoles(key.id)).to.deep.equal(["GROUP_READ_ONLY"]);
  });

  it("keeps OrgApiKey blind to project roles (no drift on the key)", async () => {
    const { diff } = await checkAndDiff(s, key, s.providers.OrgApiKey, key.inputs);
    expect(diff.changes).to.equal("DIFF_NONE");
  });

  it("updates roles in place", async () => {
    const news = {
      ...assignment.inputs,
      roles: ["GROUP_DATA_ACCESS_READ_ONLY", "GROUP_READ_ONLY"],
    };
    const { checked, diff } = await checkAndDiff(
      s,
      assignment,
      s.providers.ApiKeyProjectAssignment,
      news,
    );
    expect(diff.changes).to.equal("DIFF_SOME");
    expect(diff.replaces).to.deep.equal([]);
    const updated = await s.host.update(assignment.id, assignment.urn, assignment.outputs, checked);
    expect(updated.properties.roles).to.deep.equal([
      "GROUP_DATA_ACCESS_READ_ONLY",
      "GROUP_READ_ONLY",
    ]);
    expect(liveRoles(key.id)).to.deep.equal(["GROUP_DATA_ACCESS_READ_ONLY", "GROUP_READ_ONLY"]);
    assignment = { ...assignment, inputs: checked, outputs: updated.properties };
  });

  it("shows roles changed outside Pulumi as an update in a plain preview", async () => {
    s.emulator.admin.setProjectRoles(s.emulator.projectId, key.id, ["GROUP_OWNER"]);
    const { diff } = await checkAndDiff(
      s,
      assignment,
      s.providers.ApiKeyProjectAssignment,
      assignment.inputs,
    );
    expect(diff.changes).to.equal("DIFF_SOME");
    expect(diff.replaces).to.deep.equal([]);
    const warned = await s.host.waitForOutput(
      (o) => /roles drifted: live \[GROUP_OWNER\]/.test(o.stderr),
      5000,
    );
    expect(warned).to.equal(true);
  });

  it("shows an assignment removed outside Pulumi, and refresh drops it", async () => {
    s.emulator.admin.unassignProject(s.emulator.projectId, key.id);
    const { diff } = await checkAndDiff(
      s,
      assignment,
      s.providers.ApiKeyProjectAssignment,
      assignment.inputs,
    );
    expect(diff.changes).to.equal("DIFF_SOME");
    const read = await s.host.read(
      assignment.id,
      assignment.urn,
      assignment.outputs,
      assignment.inputs,
    );
    expect(read.id).to.equal("");
  });

  it("moves the assignment to a rotated key new-first, then unassigns the old key", async () => {
    s.emulator.admin.setProjectRoles(s.emulator.projectId, key.id, ["GROUP_READ_ONLY"]);
    const rotated = await createKey(s, "deployer-rotated", { roles: ["ORG_READ_ONLY"] });
    const news = {
      ...assignment.inputs,
      apiKeyId: rotated.id,
      __provider: s.providers.ApiKeyProjectAssignment,
    };
    const old = assignment;
    assignment = await inNewDeployment(async (host) => {
      const checked = await host.check(old.urn, old.inputs, news);
      const diff = await host.diff(old.id, old.urn, old.outputs, checked.inputs, {
        oldInputs: old.inputs,
      });
      expect(diff.replaces).to.deep.equal(["apiKeyId"]);
      expect(diff.deleteBeforeReplace).to.equal(false);
      const created = await host.create(old.urn, checked.inputs);
      expect(liveRoles(rotated.id)).to.deep.equal([
        "GROUP_DATA_ACCESS_READ_ONLY",
        "GROUP_READ_ONLY",
      ]);
      expect(
        liveRoles(key.id),
        "the old key keeps its roles until the old half is deleted",
      ).to.deep.equal(["GROUP_READ_ONLY"]);
      await host.delete(old.id, old.urn, old.outputs);
      return { urn: old.urn, id: created.id, inputs: checked.inputs, outputs: created.properties };
    });
    expect(liveRoles(key.id)).to.equal(undefined);
    expect(liveRoles(rotated.id)).to.not.equal(undefined);
  });

  it("deletes by unassigning (pulumi destroy); an already unassigned key counts as deleted", async () => {
    await inNewDeployment(async (host) => {
      await host.delete(assignment.id, assignment.urn, assignment.outputs);
      expect(liveRoles(String(assignment.outputs.apiKeyId))).to.equal(undefined);
      await host.delete(assignment.id, assignment.urn, assignment.outputs);
    });
  });
});
