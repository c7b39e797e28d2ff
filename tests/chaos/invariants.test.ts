/**
 * The chaos suite's per-step invariants (invariants.ts) catch what they are about: each case
 * builds state with the lifecycle against a fault-free emulator, breaks the server behind the
 * provider's back through the admin door, and expects the check to report it.
 */
import { expect } from "chai";
import { startEmulator, type Emulator } from "../../emulator";
import { chaosEngine } from "./engine";
import { checkAfterStep, emptyTally } from "./invariants";
import { lifecycleContext } from "./lifecycle-context";
import { dice, emptyState, type KeyResource } from "./model";
import { createEntryOn } from "./entry-steps";
import { serializedShims } from "./providers";
import { emptyTracking, type Step } from "./step";

describe("chaos invariants", () => {
  let emulator: Emulator;
  let s: Step;

  beforeEach(async () => {
    emulator = await startEmulator({ seed: 7 });
    const warnings: string[] = [];
    const engine = chaosEngine(
      emulator,
      lifecycleContext(emulator, warnings),
      warnings,
      await serializedShims(),
    );
    s = {
      engine,
      state: emptyState(),
      dice: dice(7),
      orgId: emulator.orgId,
      projectId: emulator.projectId,
      track: emptyTracking(),
      duplicates: 0,
      counter: 0,
    };
  });

  afterEach(async () => {
    await emulator.close();
  });

  async function keyInState(name: string): Promise<KeyResource> {
    const inputs = await s.engine.check("OrgApiKey", {
      orgId: s.orgId,
      description: `invariants ${name}`,
      roles: ["ORG_MEMBER"],
    });
    const created = await s.engine.create("OrgApiKey", name, inputs);
    if (created.kind !== "created") throw new Error(`could not create ${name}`);
    const key = { name, id: created.id, outs: created.outs, inputs, partial: false };
    s.state.keys.set(name, key);
    return key;
  }

  async function assignmentInState(key: KeyResource, roles: string[]): Promise<void> {
    const inputs = await s.engine.check("ApiKeyProjectAssignment", {
      projectId: s.projectId,
      apiKeyId: key.id,
      roles,
    });
    const created = await s.engine.create("ApiKeyProjectAssignment", `a-${key.name}`, inputs);
    if (created.kind !== "created") throw new Error(`could not assign ${key.name}`);
    const name = `a-${key.name}`;
    s.state.assignments.set(name, {
      name,
      keyName: key.name,
      id: created.id,
      outs: created.outs,
      inputs,
    });
  }

  it("reports a key that had entries and is left with an empty access list after a failed step", async () => {
    const key = await keyInState("k1");
    const entry = await createEntryOn(s, key, "e1", { ipAddress: "10.1.2.3" });
    if (!entry) throw new Error("could not create the entry");
    s.state.entries.set("e1", entry);
    const tally = emptyTally();
    checkAfterStep(s, "step 1", false, tally);
    // A delete-first replacement whose create failed: the old entry is gone, no new one exists.
    emulator.admin.deleteEntry(s.orgId, key.id, "10.1.2.3/32");
    checkAfterStep(s, "step 2", true, tally);
    expect(tally.openKeys).to.have.length(1);
    expect(tally.openKeys[0]).to.contain(key.id);
  });

  it("exempts a key that never had entries and a key whose delete was issued", async () => {
    const key = await keyInState("k1");
    await keyInState("k2");
    const entry = await createEntryOn(s, key, "e1", { cidrBlock: "172.16.4.0/24" });
    if (!entry) throw new Error("could not create the entry");
    const tally = emptyTally();
    checkAfterStep(s, "step 1", false, tally);
    emulator.admin.deleteEntry(s.orgId, key.id, "172.16.4.0/24");
    s.track.deleteIssued.add(key.id);
    checkAfterStep(s, "step 2", true, tally);
    expect(tally.openKeys).to.deep.equal([]);
    expect(tally.accessListChecks).to.equal(2);
  });

  it("reports an assignment whose roles differ from the declared ones after a successful step", async () => {
    const key = await keyInState("k1");
    await assignmentInState(key, ["GROUP_READ_ONLY"]);
    const tally = emptyTally();
    checkAfterStep(s, "step 1", false, tally);
    expect(tally.lostAssignments).to.deep.equal([]);
    emulator.admin.setProjectRoles(s.projectId, key.id, ["GROUP_OWNER"]);
    checkAfterStep(s, "step 2", false, tally);
    emulator.admin.unassignProject(s.projectId, key.id);
    checkAfterStep(s, "step 3", false, tally);
    expect(tally.lostAssignments).to.have.length(2);
    expect(tally.lostAssignments[1]).to.contain("is not on the server");
  });

  it("reports an assignment state does not know, but not one the suite made on purpose", async () => {
    const k1 = await keyInState("k1");
    const k2 = await keyInState("k2");
    emulator.admin.setProjectRoles(s.projectId, k1.id, ["GROUP_READ_ONLY"]);
    emulator.admin.setProjectRoles(s.projectId, k2.id, ["GROUP_READ_ONLY"]);
    s.track.outOfBand.add(`${s.projectId}/${k2.id}`);
    const tally = emptyTally();
    checkAfterStep(s, "step 1", true, tally);
    expect(tally.orphanAssignments).to.have.length(1);
    expect(tally.orphanAssignments[0]).to.contain(k1.id);
  });

  it("reports two resources in state that hold one assignment", async () => {
    const key = await keyInState("k1");
    await assignmentInState(key, ["GROUP_READ_ONLY"]);
    const [a] = s.state.assignments.values();
    s.state.pending.push({ kind: "ApiKeyProjectAssignment", id: a.id, outs: a.outs });
    const tally = emptyTally();
    checkAfterStep(s, "step 1", false, tally);
    expect(tally.duplicateAssignments).to.have.length(1);
  });
});
