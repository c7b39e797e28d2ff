/**
 * Rule: deletes run in parallel antichains in reverse dependency order (step_generator.go
 * `ScheduleDeletes`, deployment_executor.go `performPostSteps`); a failed delete does not stop
 * the deletes of its antichain, later antichains wait for the next run; refresh reads run in
 * parallel up to `--parallel` (`deploymentExecutor.refresh`, `ExecuteParallel`). The probe's
 * rendezvous passes only when the listed calls are in flight together.
 */
import { expect } from "chai";
import { calls, openProbeStack, type ProbeStack } from "./probe-stack";

describe("engine harness conformance: parallel deletes and refresh reads", function () {
  this.timeout(120000);
  let p: ProbeStack;

  before(async () => {
    p = openProbeStack();
    // Delete antichains: first {k, h1, h2} (they depend on j), then {j}.
    p.setResources([
      { name: "j", value: "1" },
      { name: "k", value: "1", dep: "j" },
      { name: "h1", value: "1", dep: "j" },
      { name: "h2", value: "1", dependsOn: ["j"] },
    ]);
    const up = await p.stack.up({ skipPreview: true });
    expect(up.ok, up.summary).to.equal(true);
    p.takeCalls();
  });
  after(() => p.cleanup());

  const together = (method: "read" | "delete") => [
    { method, name: "h1", rendezvous: ["h1", "h2"] },
    { method, name: "h2", rendezvous: ["h1", "h2"] },
  ];

  it("runs refresh reads in parallel, at most --parallel at once", async () => {
    p.setFaults(together("read"));
    const parallel = await p.stack.refresh();
    expect(parallel.ok, parallel.summary).to.equal(true);
    expect(calls(p.takeCalls(), "read")).to.have.members(
      ["j", "k", "h1", "h2"].map((n) => `read ${n}`),
    );
    p.setFaults(together("read"));
    const serial = await p.stack.refresh({ parallel: 1 });
    expect(serial.ok).to.equal(false);
    expect(serial.errors.join("\n")).to.match(/ran alone/);
    p.takeCalls();
  });

  it("deletes an antichain in parallel, past a failed delete, and stops before the next antichain", async () => {
    p.setFaults([...together("delete"), { method: "delete", name: "k" }]);
    p.setResources([]);
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok).to.equal(false);
    expect(calls(p.takeCalls(), "delete")).to.have.members(["delete k", "delete h1", "delete h2"]);
    expect(managedNames(p)).to.have.members(["j", "k"]);
  });

  it("deletes what is left on the next run, dependents first", async () => {
    p.setFaults([]);
    const result = await p.stack.up({ skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    expect(calls(p.takeCalls(), "delete")).to.deep.equal(["delete k", "delete j"]);
    expect(managedNames(p)).to.deep.equal([]);
  });
});

function managedNames(p: ProbeStack): string[] {
  return p.stack
    .snapshot()
    .resources.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
    .map((r) => r.urn.split("::").pop()!);
}
