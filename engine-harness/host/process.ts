/**
 * Spawning the real `@pulumi/pulumi/cmd/dynamic-provider` host the way the engine's launcher
 * `pulumi-resource-pulumi-nodejs` does: node, cwd = program directory, the SDK resolved from
 * that directory. Collects every byte the host writes (for secret scans).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

/** Everything the host printed so far. */
export interface HostOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** Options beyond the environment. */
export interface HostProcessOptions {
  /** `PULUMI_NODEJS_PROJECT` (what bare config keys are prefixed with). Default `proj`. */
  readonly project?: string;
  /** Milliseconds to wait for the port line. Default 20000. */
  readonly startTimeoutMs?: number;
}

/** A running host process. */
export interface HostProcess {
  readonly port: number;
  readonly pid: number;
  output(): HostOutput;
  /** Resolves once the collected output satisfies `test`, or with false after `timeoutMs`. */
  waitForOutput(test: (o: HostOutput) => boolean, timeoutMs?: number): Promise<boolean>;
  /** Kills the host (SIGTERM, then SIGKILL) and resolves with its complete output. */
  kill(): Promise<HostOutput>;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/**
 * The plugin inherits the CLI's environment unchanged (MCLI_* credentials included); the harness
 * sets only its own `PULUMI_NODEJS_PROJECT` over it. Tests that need a clean environment pass
 * `undefined` for the variables to remove.
 */
function hostEnv(env: Record<string, string | undefined>, project: string): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, PULUMI_NODEJS_PROJECT: project };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

/** Spawns the host from `programDir/node_modules/@pulumi/pulumi` and waits for its port. */
export function spawnHost(
  programDir: string,
  env: Record<string, string | undefined> = {},
  options: HostProcessOptions = {},
): Promise<HostProcess> {
  const entry = path.join(
    programDir,
    "node_modules",
    "@pulumi",
    "pulumi",
    "cmd",
    "dynamic-provider",
    "index.js",
  );
  const child = spawn(process.execPath, [entry, "unused-engine-addr"], {
    cwd: programDir,
    env: hostEnv(env, options.project ?? "proj"),
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  child.stdout!.setEncoding("utf8").on("data", (d: string) => ((stdout += d), notify()));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => ((stderr += d), notify()));
  const closed = new Promise<void>((resolve) =>
    child.once("close", () => (live.delete(child), resolve())),
  );

  const output = (): HostOutput => ({ stdout, stderr });
  const waitForOutput = (test: (o: HostOutput) => boolean, timeoutMs = 5000): Promise<boolean> =>
    new Promise((resolve) => {
      if (test(output())) return resolve(true);
      const done = (ok: boolean): void => (
        listeners.delete(check),
        clearTimeout(timer),
        resolve(ok)
      );
      const check = (): void => void (test(output()) && done(true));
      const timer = setTimeout(() => done(false), timeoutMs);
      listeners.add(check);
      void closed.then(() => done(test(output())));
    });
  const kill = async (): Promise<HostOutput> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const hard = setTimeout(() => child.kill("SIGKILL"), 3000);
      await closed;
      clearTimeout(hard);
    } else {
      await closed;
    }
    return output();
  };

  const timeoutMs = options.startTimeoutMs ?? 20000;
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      void kill();
      reject(new Error(`dynamic-provider host in ${programDir} ${why}\nstderr:\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`printed no port within ${timeoutMs} ms`), timeoutMs);
    const onData = (): void => {
      const nl = stdout.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      listeners.delete(onData);
      const port = Number(stdout.slice(0, nl).trim());
      if (!Number.isInteger(port) || port <= 0)
        return fail(`printed ${JSON.stringify(stdout.slice(0, nl))} instead of a port`);
      resolve({ port, pid: child.pid!, output, waitForOutput, kill });
    };
    listeners.add(onData);
    void closed.then(() => {
      clearTimeout(timer);
      if (listeners.has(onData)) fail(`exited (code ${child.exitCode}) before printing its port`);
    });
  });
}
