/**
 * Runs a Pulumi program the way the Node language host does: `node
 * <programDir>/node_modules/@pulumi/pulumi/cmd/run --monitor … --engine … <program>` with cwd =
 * the program directory and the stack config in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS
 * (runtime/config.js). The SDK's own run loop (cmd/run/run.js) loads the program.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface ProgramRunOptions {
  readonly programDir: string;
  /** Entry point, relative to programDir (compiled JavaScript; the harness does not run ts-node). */
  readonly program: string;
  readonly monitorAddress: string;
  readonly project: string;
  readonly stack: string;
  readonly dryRun: boolean;
  /** Whole stack config, namespaced, plain text (secrets decrypted, listed in secretKeys). */
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborting kills the program (SIGTERM, then SIGKILL), as the engine cancels the language host. */
  readonly signal?: AbortSignal;
  /** Each line the program prints to stdout/stderr. */
  readonly onOutput?: (stream: "stdout" | "stderr", line: string) => void;
}

export interface ProgramRunResult {
  readonly exitCode: number;
  /** True when the SDK itself already reported the error to the engine (exit code 32). */
  readonly errorAlreadyLogged: boolean;
}

/** Exit code of cmd/run after it logged a user-actionable error (cmd/run/index.js). */
const EXITED_AFTER_LOGGING = 32;

/** Starts the program and resolves when it exits. */
export function runProgram(options: ProgramRunOptions): Promise<ProgramRunResult> {
  const runEntry = resolveRunEntry(options.programDir);
  const args = [
    runEntry,
    `--monitor=${options.monitorAddress}`,
    `--engine=${options.monitorAddress}`,
    `--project=${options.project}`,
    `--stack=${options.stack}`,
    `--pwd=${options.programDir}`,
    ...(options.dryRun ? ["--dry-run"] : []),
    options.program,
  ];
  // The language host passes its environment through and sets only the config variables.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  env.PULUMI_CONFIG = JSON.stringify(options.config);
  env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(options.secretKeys);
  const child = spawn(process.execPath, args, {
    cwd: options.programDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of ["stdout", "stderr"] as const) {
    let buffered = "";
    child[stream].setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      lines.forEach((line) => options.onOutput?.(stream, line));
    });
    child[stream].on("end", () => buffered && options.onOutput?.(stream, buffered));
  }
  const kill = (): void => {
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 2000).unref();
  };
  options.signal?.addEventListener("abort", kill, { once: true });
  return new Promise((resolve, reject) => {
    child.once("error", (e) =>
      reject(new Error(`could not start the program ${options.program}: ${e.message}`)),
    );
    child.once("close", (code, signal) => {
      options.signal?.removeEventListener("abort", kill);
      const exitCode = code ?? (signal ? 128 : 1);
      resolve({ exitCode, errorAlreadyLogged: exitCode === EXITED_AFTER_LOGGING });
    });
  });
}

/** The SDK's cmd/run entry as the program directory resolves it (like the language host). */
function resolveRunEntry(programDir: string): string {
  const entry = path.join(
    programDir,
    "node_modules",
    "@pulumi",
    "pulumi",
    "cmd",
    "run",
    "index.js",
  );
  if (!fs.existsSync(entry)) {
    throw new Error(
      `@pulumi/pulumi is not installed in ${programDir}; run npm install there first`,
    );
  }
  return entry;
}

/** The project name from `programDir/Pulumi.yaml` (`name:`), if there is one. */
export function projectNameOf(programDir: string): string | undefined {
  const file = path.join(programDir, "Pulumi.yaml");
  if (!fs.existsSync(file)) return undefined;
  const match = /^name:\s*(\S+)\s*$/m.exec(fs.readFileSync(file, "utf8"));
  return match?.[1];
}
