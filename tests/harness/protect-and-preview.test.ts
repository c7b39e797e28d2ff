/**
 * Rules: `protect` refuses a replacement only when both the old and the new registration are
 * protected (step_generator.go `continueStepsFromDiff`; the old half's delete is a replacement,
 * which step.go `DeleteStep.Apply` does not refuse); a preview of a delete-before-replace root
 * still diffs its dependents (`calculateDependentReplacements`) and plans their replacement.
 */
import { expect } from "chai";
import { calls, openProbeStack, type ProbeStack } from "./probe-stack";
import type { ProbeSpec } from "./fixtures/probe-program";

const F: ProbeSpec = { name: "f", value: "1", key: "k1", deleteBeforeReplace: true };
const G: ProbeSpec = { name: "g", value: "1", key: "k1", dep: "f" };

describe("engine harness conformance: protect and the preview of delete-before-replace", function () {
  this.timeout(120000);
  let p: ProbeStack;

  before(async () => {
    p = openProbeStack();
    p.setResources([{ name: "d", value: "1", key: "k1", protect: true }, F, G]);
    const up = await p.stack.up({ skipPreview: true });
    expect(up.ok, up.summary).to.equal(true);
    p.takeCalls();
  });
  after(() => p.cleanup());

  it("previews a delete-before-replace root by diffing its dependents and planning their replacement", async () => {
    p.setResources([{ name: "d", value: "1", key: "k1", protect: true }, { ...F, key: "k2" }, G]);
    const result = await p.stack.preview();
    expect(result.ok, result.summary).to.equal(true);
    const list = calls(p.takeCalls()).filter((c) => c.endsWith(" g"));
    // The dependent is diffed while the root is planned, then re-registered as a recreation.
    expect(list).to.deep.equal(["diff g", "check g"]);
    const planned = result.steps.filter((s) => s.name === "g").map((s) => [s.op, s.replacement]);
    expect(planned).to.deep.equal([
      ["delete", true],
      ["replace", undefined],
    ]);
    expect(result.steps.filter((s) => s.name === "f").map((s) => s.op)).to.deep.equal([
      "delete",
      "replace",
    ]);
  });

  it("refuses to replace a resource protected before and after (a preview reports it and plans on)", async () => {
    p.setResources([{ name: "d", value: "1", key: "k2", protect: true }, F, G]);
    const preview = await p.stack.preview();
    expect(preview.ok).to.equal(false);
    expect(preview.errors.join("\n")).to.match(/protected/);
    expect(preview.steps.filter((s) => s.name === "d").map((s) => s.op)).to.deep.equal(["replace"]);
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok).to.equal(false);
    expect(result.errors.join("\n")).to.match(/protected/);
    expect(calls(p.takeCalls(), "create", "delete")).to.deep.equal([]);
    expect(p.states("d").map((s) => s.inputs.key)).to.deep.equal(["k1"]);
  });

  it("replaces a resource the program unprotects in the same update", async () => {
    p.setResources([{ name: "d", value: "1", key: "k2", protect: false }, F, G]);
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    expect(calls(p.takeCalls(), "create", "delete")).to.deep.equal(["create d", "delete d"]);
    const states = p.states("d");
    expect(states).to.have.length(1);
    expect(states[0].inputs.key).to.equal("k2");
    expect(states[0].protect).to.equal(undefined);
  });
});
