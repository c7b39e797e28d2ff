/**
 * Conformance-test setup: a stack running the probe program (fixtures/probe-program.ts, compiled,
 * from the repository root) in a temporary directory, with the probe's call log and fault file.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../engine-harness/host";
import { openStack, type Stack } from "../../engine-harness/stack";
import type { ResourceState } from "../../engine-harness/state/snapshot";
import type { ProbeSpec } from "./fixtures/probe-program";

export const PROBE_PROJECT = "probe";
const PROBE_TYPE = "pulumi-nodejs:dynamic/probe:Probe";

/** One call the probe recorded. */
export interface ProbeCall {
  readonly method: "check" | "diff" | "create" | "update" | "read" | "delete";
  readonly name: string;
  readonly id?: string;
  readonly olds?: Record<string, unknown>;
  readonly news?: Record<string, unknown>;
  /** `probe:token` as the provider's Configure delivered it. */
  readonly config: string | null;
  /** `MCLI_PROBE_MARKER` in the host's environment. */
  readonly env: string | null;
  readonly pid: number;
}

export interface ProbeFault {
  readonly method: ProbeCall["method"];
  readonly name: string;
  readonly partial?: boolean;
  readonly rendezvous?: readonly string[];
}

export interface ProbeStack {
  readonly stack: Stack;
  setResources(specs: readonly ProbeSpec[]): void;
  setFaults(faults: readonly ProbeFault[]): void;
  /** Calls recorded since the last take, in order. */
  takeCalls(): ProbeCall[];
  urn(name: string): string;
  /** Every state record of `name` (a replaced resource may have two). */
  states(name: string): ResourceState[];
  cleanup(): void;
}

export function openProbeStack(token = "t1"): ProbeStack {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-probe-"));
  const log = path.join(dir, "calls.jsonl");
  const faults = path.join(dir, "faults.json");
  fs.writeFileSync(log, "");
  const stack = openStack({
    programDir: REPO_ROOT,
    program: "dist/tests/harness/fixtures/probe-program.js",
    project: PROBE_PROJECT,
    stateFile: path.join(dir, "state.json"),
    config: { "probe:token": token },
    env: { PROBE_LOG: log, PROBE_FAULTS: faults },
  });
  const urn = (name: string): string => `urn:pulumi:dev::${PROBE_PROJECT}::${PROBE_TYPE}::${name}`;
  return {
    stack,
    setResources: (specs) => stack.setConfig("probe:resources", JSON.stringify(specs)),
    setFaults: (list) => {
      fs.writeFileSync(faults, JSON.stringify(list));
      for (const f of fs.readdirSync(dir))
        if (f.startsWith("calls.jsonl.")) fs.rmSync(path.join(dir, f));
    },
    takeCalls: () => {
      const lines = fs.readFileSync(log, "utf8").split("\n").filter(Boolean);
      fs.writeFileSync(log, "");
      return lines.map((l) => JSON.parse(l) as ProbeCall);
    },
    urn,
    states: (name) => stack.snapshot().resources.filter((r) => r.urn === urn(name)),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** `method name` of each call, for order assertions. */
export function calls(list: readonly ProbeCall[], ...methods: ProbeCall["method"][]): string[] {
  return list
    .filter((c) => methods.length === 0 || methods.includes(c.method))
    .map((c) => `${c.method} ${c.name}`);
}
