/**
 * How the harness CLI reports failures (the probe program of tests/harness, whose provider fails
 * the calls it is told to), run as a child process: each error once, without stack frames or
 * the host's restatement of it; a Check failure in preview is an error on the row, not a failed
 * create; a failed Create is `**creating failed**`, counted as errored, exit code 1.
 */
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ProbeFault } from "../harness/probe-stack";
import type { ProbeSpec } from "../harness/fixtures/probe-program";
import { tempDir } from "../programs/support";
import { runCli, shown, type CliRun } from "./run-cli";

describe("harness CLI: errors (probe fixture)", function () {
  this.timeout(90000);
  let dir: string;
  let cleanup: () => void;
  let faultFile: string;
  let env: Record<string, string>;
  let stackFlags: string[];

  const cli = (...args: string[]): Promise<CliRun> => runCli([...args, ...stackFlags], env);
  const setFaults = (faults: readonly ProbeFault[]): void =>
    fs.writeFileSync(faultFile, JSON.stringify(faults));
  const setResources = async (specs: readonly ProbeSpec[]): Promise<void> => {
    const run = await cli("config", "set", "probe:resources", JSON.stringify(specs));
    expect(run.code, shown(run)).to.equal(0);
  };
  const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;
  /** The row of `name` in the resource table. */
  const row = (run: CliRun, name: string): string =>
    run.stdout.split("\n").find((l) => new RegExp(`Probe\\s+${name}\\b`).test(l)) ?? "";

  before(async () => {
    ({ dir, cleanup } = tempDir("harness-cli-errors-"));
    faultFile = path.join(dir, "faults.json");
    const log = path.join(dir, "calls.jsonl");
    fs.writeFileSync(log, "");
    env = { PROBE_LOG: log, PROBE_FAULTS: faultFile };
    stackFlags = [
      "--program-dir",
      ".",
      "--program",
      "dist/tests/harness/fixtures/probe-program.js",
      "--project",
      "cli-probe",
      "--state",
      path.join(dir, "state.json"),
    ];
    setFaults([]);
    expect((await cli("config", "set", "probe:token", "t1")).code).to.equal(0);
    await setResources([{ name: "p1", value: "v1" }]);
    const up = await cli("up", "--skip-preview");
    expect(up.code, shown(up)).to.equal(0);
  });
  after(() => cleanup?.());

  it("prints a failed Diff's error once, with no stack trace, and exits 1", async () => {
    setFaults([{ method: "diff", name: "p1" }]);
    const run = await cli("preview");
    expect(run.code, shown(run)).to.equal(1);
    const all = `${run.stdout}${run.stderr}`;
    expect(occurrences(all, "probe: diff p1 failed (injected)"), shown(run)).to.equal(1);
    expect(all, "no stack frame").not.to.match(/^\s+at\s/m);
    expect(all, "no source path").not.to.match(/\.[jt]s:\d+/);
    expect(row(run, "p1"), shown(run)).to.match(/1 error$/);
    expect(run.stdout).to.match(/\n {4}1 errored\n?$/);
  });

  it("shows a Check failure in preview as an error on the row, not as a failed create", async () => {
    setFaults([{ method: "check", name: "p2" }]);
    await setResources([
      { name: "p1", value: "v1" },
      { name: "p2", value: "v2" },
    ]);
    const run = await cli("preview");
    expect(run.code, shown(run)).to.equal(1);
    expect(row(run, "p2"), shown(run)).to.match(/^ {5}\S.*Probe\s+p2\s+1 error$/);
    expect(run.stdout).not.to.match(/failed\*\*/);
    expect(occurrences(`${run.stdout}${run.stderr}`, "probe: check p2 failed (injected)")).to.equal(
      1,
    );
  });

  it("shows a failed Create as **creating failed**, counts it as errored and exits 1", async () => {
    setFaults([{ method: "create", name: "p2" }]);
    const run = await cli("up", "--yes", "--skip-preview");
    expect(run.code, shown(run)).to.equal(1);
    expect(row(run, "p2"), shown(run)).to.match(
      /^ \+ .*Probe\s+p2\s+\*\*creating failed\*\*\s+1 error$/,
    );
    expect(run.stdout).to.match(/Resources:\n(?:.*\n)* {4}\d+ errored/);
    expect(
      occurrences(`${run.stdout}${run.stderr}`, "probe: create p2 failed (injected)"),
    ).to.equal(1);
  });
});
