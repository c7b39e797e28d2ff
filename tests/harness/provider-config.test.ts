/**
 * Rule: refresh and destroy (and the refresh phase of `up --refresh`) configure the provider
 * from the default provider's inputs recorded in state at the last update (deployment.go
 * `EnsureProvider` → providers/registry.go `Same`); `--run-program` uses the current config.
 * The plugin inherits the CLI's environment.
 */
import { expect } from "chai";
import { openProbeStack, type ProbeCall, type ProbeStack } from "./probe-stack";

const configOf = (list: ProbeCall[], method: ProbeCall["method"], name: string): unknown[] =>
  list.filter((c) => c.method === method && c.name === name).map((c) => c.config);

describe("engine harness conformance: provider configuration", function () {
  this.timeout(120000);
  let p: ProbeStack;

  let firstUp: ProbeCall[] = [];

  before(async () => {
    p = openProbeStack("t1");
    p.setResources([{ name: "a", value: "1" }]);
    process.env.MCLI_PROBE_MARKER = "inherited";
    try {
      const up = await p.stack.up({ skipPreview: true });
      expect(up.ok, up.summary).to.equal(true);
    } finally {
      delete process.env.MCLI_PROBE_MARKER;
    }
    firstUp = p.takeCalls();
    p.stack.setConfig("probe:token", "t2");
  });
  after(() => p.cleanup());

  it("passes the environment, MCLI_* included, through to the provider host", () => {
    expect(firstUp.map((c) => c.env)).to.deep.equal(["inherited", "inherited"]);
  });

  it("refresh configures the provider with the config recorded at the last update, --run-program with the current one", async () => {
    const recorded = await p.stack.refresh();
    expect(recorded.ok, recorded.summary).to.equal(true);
    expect(configOf(p.takeCalls(), "read", "a")).to.deep.equal(["t1"]);
    const current = await p.stack.refresh({ runProgram: true });
    expect(current.ok, current.summary).to.equal(true);
    expect(configOf(p.takeCalls(), "read", "a")).to.deep.equal(["t2"]);
  });

  it("up --refresh reads with the recorded config and runs the program with the current one", async () => {
    const result = await p.stack.up({ refresh: true, skipPreview: true });
    expect(result.ok, result.summary).to.equal(true);
    const list = p.takeCalls();
    expect(configOf(list, "read", "a")).to.deep.equal(["t1"]);
    expect(configOf(list, "check", "a")).to.deep.equal(["t2"]);
  });

  it("destroy configures the provider with the config of the last update, not the current one", async () => {
    p.stack.setConfig("probe:token", "t3");
    const result = await p.stack.destroy();
    expect(result.ok, result.summary).to.equal(true);
    expect(configOf(p.takeCalls(), "delete", "a")).to.deep.equal(["t2"]);
    expect(p.stack.snapshot().resources).to.deep.equal([]);
  });
});
