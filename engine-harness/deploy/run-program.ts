/**
 * Preview / up of a program: start the monitor, run the program against it with the
 * Deployment answering registrations, then finish (deletes) and close.
 */
import { startMonitor } from "../program/monitor-server";
import { runProgram } from "../program/program-runner";
import type { ResourceState, Snapshot } from "../state/snapshot";
import { Deployment } from "./deployment";
import type { EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";

export interface ProgramDeployOptions {
  readonly programDir: string;
  readonly program: string;
  readonly project: string;
  readonly stack: string;
  readonly dryRun: boolean;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
  readonly old: Snapshot;
  readonly providerState: ResourceState;
  readonly targets?: ReadonlySet<string>;
  readonly targetDependents?: boolean;
  readonly replaceTargets?: ReadonlySet<string>;
}

const CANCEL_GRACE_MS = 5000;

/** Runs the program once; resolves with the new snapshot and whether everything succeeded. */
export async function deployProgram(
  options: ProgramDeployOptions,
): Promise<{ snapshot: Snapshot; ok: boolean }> {
  const { log } = options;
  const cancel = new AbortController();
  let cancelTimer: NodeJS.Timeout | undefined;
  // The engine cancels the program after a failed step; give it a moment to exit on its own.
  const onFailure = (): void =>
    void (cancelTimer = setTimeout(() => cancel.abort(), CANCEL_GRACE_MS));
  const deployment = new Deployment({ ...options, onFailure });
  const monitor = await startMonitor(deployment);
  try {
    const result = await runProgram({
      ...options,
      signal: cancel.signal,
      monitorAddress: monitor.address,
      onOutput: (stream, line) => {
        if (line.trim())
          log.diagnostic({ severity: "info", message: `${stream}: ${line}`, source: "program" });
      },
    });
    const programOk = result.exitCode === 0;
    if (!programOk && !deployment.hasFailed && !result.errorAlreadyLogged) {
      log.error(
        `the program ${options.program} exited with code ${result.exitCode}; see the program output above`,
      );
    } else if (!programOk && result.errorAlreadyLogged) {
      log.errors.push(`the program ${options.program} failed (its error is shown above)`);
    }
    const snapshot = await deployment.finish(programOk);
    return { snapshot, ok: programOk && !deployment.hasFailed && log.errors.length === 0 };
  } finally {
    clearTimeout(cancelTimer);
    await monitor.close();
  }
}
