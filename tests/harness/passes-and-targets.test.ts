/**
 * Rules: `up` is a preview pass and then an update pass, each with its own provider host
 * (pkg/backend/apply.go `PreviewThenPromptThenExecute`), `skipPreview` runs the update only;
 * `--replace URN` replaces without a Diff, delete-first only by the resource option
 * (step_generator.go `isTargetedReplace`, `diff`); `--target URN` (+ `--target-dependents`)
 * limits the update to the targets (`isTargetedForUpdate`, `NewUntargetedSameStep`).
 */
import { expect } from "chai";
import { calls, openProbeStack, type ProbeStack } from "./probe-stack";
import type { ProbeSpec } from "./fixtures/probe-program";

const BASE: ProbeSpec[] = [
  { name: "m", value: "1" },
  { name: "n1", value: "1" },
  { name: "n2", value: "1" },
  { name: "n3", value: "1", dependsOn: ["n1"] },
];

describe("engine harness conformance: the two passes of up, --replace and --target", function () {
  this.timeout(120000);
  let p: ProbeStack;

  before(() => {
    p = openProbeStack();
    p.setResources(BASE);
  });
  after(() => p.cleanup());

  it("runs a preview pass and then the update pass, each in its own host process", async () => {
    const result = await p.stack.up();
    expect(result.ok, result.summary).to.equal(true);
    const list = p.takeCalls();
    const checkPids = [...new Set(list.filter((c) => c.method === "check").map((c) => c.pid))];
    const createPids = [...new Set(list.filter((c) => c.method === "create").map((c) => c.pid))];
    expect(checkPids).to.have.length(2);
    expect(createPids).to.have.length(1);
    // The first pass only checked; the creates came from the second host.
    expect(list[0].pid).to.not.equal(createPids[0]);
    expect(calls(list.filter((c) => c.pid === list[0].pid))).to.have.members(
      BASE.map((s) => `check ${s.name}`),
    );
    expect(
      result.previewSteps?.filter((s) => s.op === "create").map((s) => s.name),
    ).to.include.members(BASE.map((s) => s.name));
  });

  it("runs the update pass alone with skipPreview", async () => {
    p.setResources(BASE.map((s) => (s.name === "m" ? { ...s, value: "2" } : s)));
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    const list = p.takeCalls();
    expect(new Set(list.map((c) => c.pid)).size).to.equal(1);
    expect(calls(list, "update")).to.deep.equal(["update m"]);
    expect(result.previewSteps).to.equal(undefined);
    // What the summary and --expect-no-changes count: one update; the stack and 3 resources same.
    expect(result.changes).to.equal(1);
    expect(result.counts).to.include({ update: 1, same: 4, create: 0, errors: 0 });
  });

  it("replaces a --replace target without a Diff, create-before-delete by default", async () => {
    const oldId = p.states("m")[0].id;
    const result = await p.stack.up({ replace: [p.urn("m")], skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    const list = p.takeCalls().filter((c) => c.name === "m");
    expect(calls(list)).to.deep.equal(["check m", "create m", "delete m"]);
    expect(list[0].olds).to.deep.equal({});
    expect(list[2].id).to.equal(oldId);
    expect(
      result.steps.find((s) => s.name === "m" && s.op === "replace")?.replaceKeys,
    ).to.deep.equal(["id"]);
  });

  it("deletes a --replace target first only when its resource option says so", async () => {
    p.setResources(
      BASE.map((s) => (s.name === "m" ? { ...s, value: "2", deleteBeforeReplace: true } : s)),
    );
    const result = await p.stack.up({ replace: [p.urn("m")], skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    expect(calls(p.takeCalls()).filter((c) => c.endsWith(" m"))).to.deep.equal([
      "check m",
      "delete m",
      "create m",
    ]);
  });

  it("updates only the --target, and its dependents with --target-dependents", async () => {
    p.setResources(
      BASE.map((s) => ({
        ...s,
        value: "3",
        ...(s.name === "m" ? { deleteBeforeReplace: true } : {}),
      })),
    );
    const targeted = await p.stack.up({ target: [p.urn("n1")], skipPreview: true });
    expect(targeted.ok, targeted.summary).to.equal(true);
    expect(calls(p.takeCalls())).to.deep.equal(["check n1", "diff n1", "update n1"]);
    expect(["m", "n1", "n2", "n3"].map((n) => p.states(n)[0].inputs.value)).to.deep.equal([
      "2",
      "3",
      "1",
      "1",
    ]);
    const withDependents = await p.stack.up({
      target: [p.urn("n1")],
      targetDependents: true,
      skipPreview: true,
    });
    expect(withDependents.ok, withDependents.summary).to.equal(true);
    expect(calls(p.takeCalls(), "update")).to.deep.equal(["update n3"]);
    expect(p.states("n2")[0].inputs.value).to.equal("1");
  });
});
