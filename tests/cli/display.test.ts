/**
 * The display's counting and error hygiene on recorded steps, without running anything:
 * replacement halves and failed steps are not counted, refresh steps count by their result,
 * the stack's delete is counted in a destroy, and the provider host's restatement of an error
 * (message twice, then stack frames and an object dump) is dropped.
 */
import { expect } from "chai";
import type { Diagnostic, StepRecord } from "../../engine-harness/deploy/operation-log";
import { countForDisplay, hasChanges } from "../../engine-harness/display/counts";
import { displayedDiagnostics } from "../../engine-harness/display/diagnostics";
import { renderSummary } from "../../engine-harness/display/summary";

const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const urn = (name: string): string => `urn:pulumi:dev::p::pulumi-nodejs:dynamic/t:Item::${name}`;
const step = (name: string, op: StepRecord["op"], extra: Partial<StepRecord> = {}): StepRecord => ({
  op,
  phase: "deploy",
  urn: urn(name),
  type: "pulumi-nodejs:dynamic/t:Item",
  name,
  keys: [],
  replaceKeys: [],
  status: "succeeded",
  ...extra,
});

describe("harness display: counts and diagnostics", () => {
  it("counts one replace per replacement, skips failed steps and counts errored rows", () => {
    const steps = [
      { ...step("p-dev", "same"), urn: STACK, type: "pulumi:pulumi:Stack" },
      step("a", "replace"),
      step("a", "delete", { replacement: true }),
      step("b", "create", { status: "failed", error: "Create of b (…) failed: boom" }),
      step("c", "same"),
    ];
    const diagnostics: Diagnostic[] = [
      {
        severity: "error",
        message: "Create of b (…) failed: boom",
        urn: urn("b"),
        source: "engine",
      },
      { severity: "error", message: "update failed", source: "engine" },
    ];
    const counts = countForDisplay({
      kind: "up",
      dryRun: false,
      steps,
      diagnostics,
      stackUrn: STACK,
      stackInOperation: true,
    });
    expect(counts.ops).to.deep.equal({ create: 0, update: 0, replace: 1, delete: 0, same: 2 });
    expect(counts.errored).to.equal(2);
    const text = renderSummary({
      kind: "up",
      dryRun: false,
      stack: "dev",
      steps,
      diagnostics,
      outputs: {},
    });
    expect(text).to.match(/Resources:\n {4}\+-1 replaced\n {4}2 unchanged\n {4}2 errored$/);
    expect(text).to.match(
      /^ \+ +└─ pulumi-nodejs:dynamic\/t:Item +b +\*\*creating failed\*\* +1 error$/m,
    );
  });

  it("counts a refresh by each step's result and a destroy with the stack's own delete", () => {
    const refresh = [
      step("a", "same", { phase: "refresh" }),
      step("b", "update", { phase: "refresh" }),
    ];
    const refreshed = countForDisplay({
      kind: "refresh",
      dryRun: false,
      steps: refresh,
      diagnostics: [],
      stackUrn: STACK,
      stackInOperation: true,
    });
    expect(refreshed.ops).to.include({ same: 2, update: 1 });
    expect(hasChanges(refreshed)).to.equal(true);
    const destroyed = countForDisplay({
      kind: "destroy",
      dryRun: false,
      steps: [step("a", "delete"), step("b", "delete")],
      diagnostics: [],
      stackUrn: STACK,
      stackInOperation: true,
    });
    expect(destroyed.ops.delete).to.equal(3);
  });

  it("keeps the engine's error once and drops the host's restatement, frames and dump", () => {
    const message = 'OrgApiKey 1 ("ci"): the drift check failed: connection refused';
    const host = (line: string): Diagnostic => ({
      severity: "info",
      message: line,
      source: "provider",
    });
    const shown = displayedDiagnostics([
      {
        severity: "error",
        message: `Diff of ci (urn) failed: ${message}`,
        urn: urn("ci"),
        source: "engine",
      },
      host(`Error: ${message}: Error: ${message}`),
      host("    at diffWithLiveState (/x/node_modules/p/provider/drift.ts:47:11)"),
      host("    at processTicksAndRejections (node:internal/process/task_queues:95:5)"),
      host("  code: 'ECONNREFUSED'"),
      host("}"),
      host("a line the provider logged on purpose"),
    ]);
    expect(shown.map((d) => d.message)).to.deep.equal([
      `Diff of ci (urn) failed: ${message}`,
      "a line the provider logged on purpose",
    ]);
  });
});
