/**
 * ApiKeyProjectAssignment's live reads in process: one project list per project, shared by every
 * concurrent diff and read of that project (single flight), and a miss confirmed once.
 */
import { expect } from "chai";
import { readProjectAssignment } from "../../provider/lifecycle/project-assignment/read-update-delete";
import { FakeOpsManager, fakeContext } from "./lifecycle-drift-support";
import { diffOf } from "./lifecycle-runtime-support";

const PROJECT = "70a1b2c3d4e5f60718290001";
const OTHER_PROJECT = "70a1b2c3d4e5f60718290002";

function assigned(fake: FakeOpsManager, projectId: string, roles = ["GROUP_READ_ONLY"]) {
  const apiKeyId = fake.addKey(`key in ${projectId}`);
  void fake.assignApiKeyToProject(projectId, apiKeyId, roles);
  const outs = { projectId, apiKeyId, roles, publicKey: `pub${apiKeyId.slice(-4)}` };
  const ins = { projectId, apiKeyId, roles };
  return { id: `${projectId}/${apiKeyId}`, outs, ins };
}

describe("lifecycle: ApiKeyProjectAssignment live reads", () => {
  it("diffs every assignment of a project from one list, shared by concurrent diffs", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const here = [assigned(fake, PROJECT), assigned(fake, PROJECT), assigned(fake, PROJECT)];
    const there = assigned(fake, OTHER_PROJECT);
    fake.calls.length = 0;
    const diffs = await Promise.all(
      [...here, there].map((a) => diffOf(ctx, "ApiKeyProjectAssignment", a.id, a.outs, a.ins)),
    );
    expect(diffs.map((d) => d.changes)).to.deep.equal([false, false, false, false]);
    expect(fake.calls.sort()).to.deep.equal([`G1 ${PROJECT}`, `G1 ${OTHER_PROJECT}`].sort());
  });

  it("confirms a missing assignment with one more list, shared by every miss of the project", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const gone = [assigned(fake, PROJECT), assigned(fake, PROJECT)];
    for (const a of gone) await fake.unassignApiKeyFromProject(PROJECT, a.outs.apiKeyId);
    fake.calls.length = 0;
    const reads = await Promise.all(gone.map((a) => readProjectAssignment(ctx, a.id)));
    expect(reads).to.deep.equal([{}, {}]);
    expect(fake.count("G1")).to.equal(2);
  });

  it("plans an update that sets roles changed outside Pulumi back, and says so once", async () => {
    const fake = new FakeOpsManager();
    const ctx = fakeContext(fake);
    const a = assigned(fake, PROJECT);
    await fake.assignApiKeyToProject(PROJECT, a.outs.apiKeyId, ["GROUP_OWNER"]);
    const diff = await diffOf(ctx, "ApiKeyProjectAssignment", a.id, a.outs, a.ins);
    expect(diff).to.deep.equal({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(ctx.warnings).to.have.length(1);
    expect(ctx.warnings[0]).to.match(
      /roles drifted: live \[GROUP_OWNER\], declared \[GROUP_READ_ONLY\]/,
    );
  });
});
