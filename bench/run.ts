/**
 * `npm run bench` (targets: docs/PERFORMANCE.md): runs the benchmarks against the emulator on
 * 127.0.0.1, writes `.bench/report.json` and prints a table (metric, measured, target, met?).
 * Not pass/fail: a missed target prints MISSED and the exit code stays 0; a benchmark that could
 * not run at all prints ERROR and makes the exit code 1. `--only NAME` runs one benchmark,
 * `--quick` uses small sizes; `--help` lists every flag.
 */
import * as os from "node:os";
import { cleanupInstalls, REPO_ROOT } from "../engine-harness/host";
import { parseBenchArgs, type BenchName, type BenchOptions } from "./args";
import { benchClientCost } from "./client-cost";
import { benchColdStart } from "./cold-start";
import { benchDrift } from "./drift";
import { benchHostProfile } from "./host-profile";
import { benchReconcile } from "./reconcile";
import { benchRefresh } from "./refresh";
import { benchHttps } from "./https";
import { benchProgramScale } from "./program-scale";
import {
  describeMachine,
  formatTable,
  metTarget,
  targetEntries,
  writeReport,
  type BenchResult,
} from "./report";
import { benchRequests } from "./requests";
import { benchStateCost } from "./state-cost";
import { installedSubject, usePackageDir } from "./subject";

/** The targets each benchmark holds (metric ids); see docs/PERFORMANCE.md. */
const TARGETS: Record<BenchName, readonly string[]> = {
  requests: ["requests.perCall"],
  reconcile: [
    "reconcile.oursOverFloor",
    "reconcile.fullOursOverFloor",
    "reconcile.hostCpuMsPerResource",
  ],
  refresh: ["refresh.requestsPerEntry", "refresh.found"],
  drift: [
    "drift.live.requestsPerResource",
    "drift.state.requestsPerResource",
    "drift.live.probe",
    "drift.unchangedPlanned",
  ],
  state: [
    "state.providerBytes.OrgApiKey",
    "state.providerBytes.ApiKeyWhitelistEntry",
    "state.bytesPerResource",
    "state.hostRssMB",
  ],
  "cold-start": ["coldStart.ratio"],
  profile: [],
  https: ["https.requestsPerCall", "https.handshakesPer1000Calls"],
  program: ["program.upOverNoop", "program.previewRequestsPerResource", "program.previewChanges"],
  client: [],
};

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
  https: { title: "HTTPS with a private CA", run: benchHttps },
  program: { title: "Program at scale (harness)", run: benchProgramScale },
  client: { title: "Client cost per request", run: benchClientCost },
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
  usePackageDir(options.packageDir);
  const started = Date.now();
  const machine = describeMachine();
  log(
    `machine: ${machine.cores} cores, Node ${machine.node}, ${machine.platform}; benchmarks: ${options.only.join(", ")}${options.quick ? " (quick)" : ""}`,
  );
  if (options.only.some((n) => n !== "requests")) {
    log("packing and installing the package…");
    await installedSubject();
  }
  const results: BenchResult[] = [];
  for (const name of options.only) results.push(await runOne(name, options));
  const totalMs = Date.now() - started;
  const report = {
    generatedAt: new Date().toISOString(),
    machine,
    options,
    totalDurationMs: totalMs,
    loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
    targets: targetEntries(results, TARGETS),
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
