/**
 * The two ways `npm run demo` can play the engine: the `pulumi` CLI with a local file backend
 * (when one is on PATH), or the engine harness's CLI (engine-harness/cli.ts: the real SDK and
 * the real dynamic-provider host, with the engine's rules reproduced). Both are driven the same
 * way, as child processes with the same spellings, so the demo shows what a user types and sees.
 * Processes are spawned asynchronously: the emulator serving them runs in the demo's process.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../engine-harness/host";

export interface DemoOutcome {
  readonly ok: boolean;
  readonly exitCode: number | null;
  /** What the engine printed (stdout, then stderr). */
  readonly text: string;
  readonly stdout: string;
}

export interface DemoEngine {
  /** Shown to the user: which engine runs the demo. */
  readonly description: string;
  setConfig(key: string, value: string, secret?: boolean): Promise<void>;
  up(): Promise<DemoOutcome>;
  /** `preview --expect-no-changes`: the provider's diff compares the program with the live server. */
  previewExpectingNoChanges(): Promise<DemoOutcome>;
  refresh(): Promise<DemoOutcome>;
  destroy(): Promise<DemoOutcome>;
  /** `stack output NAME [--show-secrets]`. */
  stackOutput(name: string, showSecrets: boolean): Promise<DemoOutcome>;
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

/** The harness CLI, `node dist/engine-harness/cli.js <command> … <stack flags>`. */
export function harnessEngine(program: DemoProgram): DemoEngine {
  const cli = path.join(REPO_ROOT, "dist", "engine-harness", "cli.js");
  const stackFlags = [
    "--program-dir",
    program.programDir,
    "--program",
    program.program,
    "--project",
    program.project,
    "--state",
    path.join(program.workDir, "state.json"),
  ];
  const run = (...args: string[]): Promise<DemoOutcome> =>
    runProcess(process.execPath, [cli, ...args, ...stackFlags], { cwd: REPO_ROOT });
  return engineDrivenBy(
    "engine harness CLI (no `pulumi` on PATH): node dist/engine-harness/cli.js, with the real @pulumi/pulumi SDK and the real dynamic-provider host",
    "config set",
    run,
  );
}

/** The demo's commands, spelled as the `pulumi` CLI spells them, for a `run(...args)` of either CLI. */
function engineDrivenBy(
  description: string,
  configSetLabel: string,
  run: (...args: string[]) => Promise<DemoOutcome>,
): DemoEngine {
  return {
    description,
    setConfig: async (key, value, secret) => {
      const r = await run("config", "set", ...(secret ? ["--secret"] : []), key, value);
      if (!r.ok) throw new Error(`${configSetLabel} ${key} failed:\n${r.text}`);
    },
    up: () => run("up", "--yes"),
    previewExpectingNoChanges: () => run("preview", "--expect-no-changes"),
    refresh: () => run("refresh", "--yes"),
    destroy: () => run("destroy", "--yes"),
    stackOutput: (name, showSecrets) =>
      run("stack", "output", name, ...(showSecrets ? ["--show-secrets"] : [])),
  };
}

/** The `pulumi` CLI with a file backend in `workDir` (PULUMI_BACKEND_URL, no global login). */
export async function cliEngine(program: DemoProgram): Promise<DemoEngine> {
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
  const run = (...args: string[]): Promise<DemoOutcome> =>
    runProcess("pulumi", [...args, "--non-interactive"], { cwd: program.programDir, env });
  const init = await run("stack", "select", "--create", "dev");
  if (!init.ok) throw new Error(`pulumi stack select --create dev failed:\n${init.text}`);
  const version = spawnSync("pulumi", ["version"], { encoding: "utf8" }).stdout.trim();
  return engineDrivenBy(
    `pulumi CLI (${version}) with a local file backend in ${backend}`,
    "pulumi config set",
    run,
  );
}

function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<DemoOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      resolve({ ok: code === 0, exitCode: code, stdout, text: `${stdout}${stderr}` }),
    );
  });
}
