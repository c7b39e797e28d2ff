/**
 * Rules: a create-before-delete replacement whose create fails partially leaves the old resource
 * in state marked `delete: true` (step.go `CreateStep.Apply`), deleted by the next successful
 * `up` (step_generator.go `GenerateDeletes`); refresh clears `initErrors` (`RefreshStep.Apply`);
 * a delete-before-replace whose create fails keeps the old resource as `pendingReplacement`
 * (`DeleteStep.Apply`) and the next run creates it without deleting again
 * (`continueStepsFromDiff`); the replacement's second Check gets the program's raw inputs.
 */
import { expect } from "chai";
import { calls, openProbeStack, type ProbeStack } from "./probe-stack";

describe("engine harness conformance: create-before-delete whose create fails, and refresh", function () {
  this.timeout(120000);
  let p: ProbeStack;
  let oldId = "";

  before(async () => {
    p = openProbeStack();
    p.setResources([{ name: "a", value: "1", key: "k1" }]);
    const up = await p.stack.up({ skipPreview: true });
    expect(up.ok, up.summary).to.equal(true);
    oldId = p.states("a")[0].id;
    p.takeCalls();
  });
  after(() => p.cleanup());

  it("keeps the old resource pending deletion next to the half-created replacement", async () => {
    p.setFaults([{ method: "create", name: "a", partial: true }]);
    p.setResources([{ name: "a", value: "1", key: "k2" }]);
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok).to.equal(false);
    expect(calls(p.takeCalls())).to.deep.equal(["check a", "diff a", "check a", "create a"]);
    const states = p.states("a");
    expect(states.map((s) => [s.id === oldId, s.delete === true])).to.have.deep.members([
      [true, true],
      [false, false],
    ]);
    const created = states.find((s) => s.id !== oldId)!;
    expect(created.initErrors).to.have.length(1);
  });

  it("refresh clears initErrors, so the next up sees no phantom update", async () => {
    p.setFaults([]);
    const result = await p.stack.refresh();
    expect(result.ok, result.summary).to.equal(true);
    expect(p.states("a").map((s) => s.initErrors)).to.deep.equal([undefined, undefined]);
  });

  it("deletes the pending old resource on the next successful up", async () => {
    p.takeCalls();
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    const list = p.takeCalls();
    expect(calls(list)).to.deep.equal(["check a", "diff a", "delete a"]);
    expect(list.find((c) => c.method === "delete")?.id).to.equal(oldId);
    expect(p.states("a").map((s) => s.delete)).to.deep.equal([undefined]);
  });
});

describe("engine harness conformance: delete-before-replace whose create fails, and the re-check", function () {
  this.timeout(120000);
  let p: ProbeStack;
  let oldId = "";

  before(async () => {
    p = openProbeStack();
    p.setResources([
      { name: "c", value: "v1", key: "k1", ignoreChanges: ["value"] },
      { name: "b", value: "1", key: "k1", deleteBeforeReplace: true, dependsOn: ["c"] },
    ]);
    const up = await p.stack.up({ skipPreview: true });
    expect(up.ok, up.summary).to.equal(true);
    oldId = p.states("b")[0].id;
    p.takeCalls();
    p.setFaults([{ method: "create", name: "b" }]);
    p.setResources([
      { name: "c", value: "v2", key: "k2", ignoreChanges: ["value"] },
      { name: "b", value: "1", key: "k2", deleteBeforeReplace: true, dependsOn: ["c"] },
    ]);
  });
  after(() => p.cleanup());

  let failedRun: ReturnType<ProbeStack["takeCalls"]> = [];

  it("keeps the deleted resource as pendingReplacement when its create fails", async () => {
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok).to.equal(false);
    failedRun = p.takeCalls();
    expect(calls(failedRun).filter((c) => c.endsWith(" b"))).to.deep.equal([
      "check b",
      "diff b",
      "check b",
      "delete b",
      "create b",
    ]);
    const states = p.states("b");
    expect(states.map((s) => [s.id, s.pendingReplacement])).to.deep.equal([[oldId, true]]);
  });

  it("gives the replacement's Check the program's raw inputs, not the ignoreChanges ones", () => {
    const checks = failedRun.filter((c) => c.method === "check" && c.name === "c");
    expect(checks.map((c) => c.news?.value)).to.deep.equal(["v1", "v2"]);
    expect(checks.map((c) => c.olds)).to.deep.equal([checks[0].olds, {}]);
  });

  it("creates the pending replacement on the next run without deleting it again", async () => {
    p.setFaults([]);
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    const list = calls(p.takeCalls());
    expect(list.filter((c) => c.endsWith(" b"))).to.deep.equal([
      "check b",
      "diff b",
      "check b",
      "create b",
    ]);
    const states = p.states("b");
    expect(states).to.have.length(1);
    expect(states[0].id).to.not.equal(oldId);
    expect(states[0].pendingReplacement).to.equal(undefined);
  });
});
