/**
 * `npm run bench` (issue 6, issue 7 item 2): runs the benchmarks against the emulator on
 * 127.0.0.1, writes `.bench/report.json` and prints a table (metric, measured, target, met?).
 * Not pass/fail: a missed target prints MISSED and the exit code stays 0; a benchmark that could
 * not run at all prints ERROR and makes the exit code 1. `--only NAME` runs one benchmark,
 * `--quick` uses small sizes; `--help` lists every flag.
 */
import { cleanupInstalls, REPO_ROOT } from "../engine-harness/host";
import { parseBenchArgs, type BenchName, type BenchOptions } from "./args";
import { benchColdStart } from "./cold-start";
import { benchDrift } from "./drift";
import { benchHostProfile } from "./host-profile";
import { benchReconcile } from "./reconcile";
import { benchRefresh } from "./refresh";
import { describeMachine, formatTable, metTarget, writeReport, type BenchResult } from "./report";
import { benchRequests } from "./requests";
import { benchStateCost } from "./state-cost";
import { installedPackage } from "../engine-harness/host";

const BENCHES: Record<
  BenchName,
  { title: string; run: (o: BenchOptions) => Promise<BenchResult> }
> = {
  requests: { title: "Requests per call", run: () => benchRequests() },
  reconcile: { title: "Parallel reconcile", run: benchReconcile },
  refresh: { title: "Refresh at scale", run: benchRefresh },
  drift: { title: "Drift preview cost", run: benchDrift },
  state: { title: "State cost", run: benchStateCost },
  "cold-start": { title: "Cold start", run: benchColdStart },
  profile: { title: "Host CPU profile", run: benchHostProfile },
};

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

async function runOne(name: BenchName, o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  log(`${name}: running…`);
  try {
    const result = await BENCHES[name].run(o);
    log(`${name}: done in ${(result.durationMs / 1000).toFixed(1)} s`);
    return result;
  } catch (e) {
    const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
    log(`${name}: ERROR ${message}`);
    return {
      name,
      title: BENCHES[name].title,
      metrics: [],
      details: {},
      notes: [],
      durationMs: Date.now() - started,
      error: message,
    };
  }
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2), REPO_ROOT);
  const started = Date.now();
  const machine = describeMachine();
  log(
    `machine: ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; benchmarks: ${options.only.join(", ")}${options.quick ? " (quick)" : ""}`,
  );
  if (options.only.some((n) => n !== "requests")) {
    log("packing and installing the package…");
    await installedPackage();
  }
  const results: BenchResult[] = [];
  for (const name of options.only) results.push(await runOne(name, options));
  const totalMs = Date.now() - started;
  const report = {
    generatedAt: new Date().toISOString(),
    machine,
    options,
    totalDurationMs: totalMs,
    summary: results.flatMap((r) =>
      r.metrics.map((m) => ({
        id: m.id,
        value: m.value,
        unit: m.unit,
        target: m.target ?? null,
        met: metTarget(m) ?? null,
      })),
    ),
    results,
  };
  writeReport(options.out, report);
  process.stdout.write(
    `\nMachine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, ${machine.platform} ${machine.arch}; ` +
      `load average at start ${(machine.loadAverageAtStart as number[]).join(" ")}\n\n${formatTable(results)}\n\n`,
  );
  for (const r of results)
    for (const note of r.notes) process.stdout.write(`- ${r.name}: ${note}\n`);
  if (options.reps < 5) {
    process.stdout.write(
      `- WARNING: --reps ${options.reps}: timings are medians of fewer than 5 runs.\n`,
    );
  }
  process.stdout.write(`\nReport: ${options.out} (total ${(totalMs / 1000).toFixed(1)} s)\n`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => {
    cleanupInstalls();
    process.exit(code);
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
    cleanupInstalls();
    process.exit(2);
  },
);
