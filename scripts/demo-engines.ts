/**
 * The two ways `npm run demo` can play the engine: the `pulumi` CLI with a local file backend
 * (when one is on PATH), or the engine harness (engine-harness/, the real SDK and the real
 * dynamic-provider host, with the engine's rules reproduced). Both expose the same small surface.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { openStack, type OperationResult } from "../engine-harness/stack";

export interface DemoOutcome {
  readonly ok: boolean;
  /** What the engine printed (summary). */
  readonly text: string;
  /** Structured steps (harness only; the CLI path asserts on the emulator instead). */
  readonly result?: OperationResult;
}

export interface DemoEngine {
  /** Shown to the user: which engine runs the demo. */
  readonly description: string;
  setConfig(key: string, value: string, secret?: boolean): void;
  up(): Promise<DemoOutcome>;
  /** Plain preview: the provider's diff compares the program with the live server (driftCheck live). */
  previewDrift(): Promise<DemoOutcome>;
  refresh(): Promise<DemoOutcome>;
  destroy(): Promise<DemoOutcome>;
}

export interface DemoProgram {
  readonly programDir: string;
  readonly program: string;
  readonly project: string;
  /** Where state and config files go. */
  readonly workDir: string;
}

/** True when a `pulumi` binary answers `pulumi version`. */
export function pulumiCliAvailable(): boolean {
  const probe = spawnSync("pulumi", ["version"], { encoding: "utf8", timeout: 20000 });
  return probe.status === 0;
}

export function harnessEngine(program: DemoProgram): DemoEngine {
  const stack = openStack({
    programDir: program.programDir,
    program: program.program,
    project: program.project,
    stack: "dev",
    stateFile: path.join(program.workDir, "state.json"),
  });
  const wrap = (result: OperationResult): DemoOutcome => ({
    ok: result.ok,
    text: result.summary,
    result,
  });
  return {
    description:
      "engine harness (no `pulumi` CLI on PATH): real @pulumi/pulumi SDK + real dynamic-provider host, engine rules reproduced",
    setConfig: (key, value, secret) => stack.setConfig(key, secret ? { secret: value } : value),
    up: async () => wrap(await stack.up()),
    previewDrift: async () => wrap(await stack.preview()),
    refresh: async () => wrap(await stack.refresh()),
    destroy: async () => wrap(await stack.destroy()),
  };
}

/** The `pulumi` CLI with a file backend in `workDir` (PULUMI_BACKEND_URL, no global login). */
export function cliEngine(program: DemoProgram): DemoEngine {
  const backend = path.join(program.workDir, "backend");
  fs.mkdirSync(backend, { recursive: true });
  fs.writeFileSync(
    path.join(program.programDir, "Pulumi.yaml"),
    `name: ${program.project}\nruntime: nodejs\nmain: ${program.program}\n`,
  );
  const env = {
    ...process.env,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const run = (args: string[]): DemoOutcome => {
    const r = spawnSync("pulumi", [...args, "--non-interactive"], {
      cwd: program.programDir,
      env,
      encoding: "utf8",
    });
    return { ok: r.status === 0, text: `${r.stdout}${r.stderr}` };
  };
  const init = run(["stack", "select", "--create", "dev"]);
  if (!init.ok) throw new Error(`pulumi stack select --create dev failed:\n${init.text}`);
  return {
    description: `pulumi CLI (${spawnSync("pulumi", ["version"], { encoding: "utf8" }).stdout.trim()}) with a local file backend in ${backend}`,
    setConfig: (key, value, secret) => {
      const r = run(["config", "set", ...(secret ? ["--secret"] : []), key, value]);
      if (!r.ok) throw new Error(`pulumi config set ${key} failed:\n${r.text}`);
    },
    up: async () => run(["up", "--yes", "--skip-preview"]),
    previewDrift: async () => run(["preview", "--diff"]),
    refresh: async () => run(["refresh", "--yes"]),
    destroy: async () => run(["destroy", "--yes"]),
  };
}
