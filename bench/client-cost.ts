/**
 * Benchmark: what one HTTP request costs the client itself (got, Node's HTTP code, Digest, the
 * retry layer, answer parsing), without the host's gRPC work around it. Measures the installed
 * package under test (`--package-dir` for a before/after of a client change): each pass is a
 * fresh process (client-cost-child.ts) sending the reconcile's requests for `keys` keys, with
 * the emulator in another process so that its work is not counted. No target: these figures
 * explain the host's (docs/PERFORMANCE.md, "got, configured lean").
 */
import { execFile, spawn } from "node:child_process";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { REPO_ROOT } from "../engine-harness/host";
import type { BenchOptions } from "./args";
import type { BenchResult } from "./report";
import { median, round } from "./stats";
import { installedSubject } from "./subject";

const execFileAsync = promisify(execFile);

interface PassResult {
  readonly requests: number;
  readonly cpuMs?: number;
  readonly allocatedBytes?: number;
}

/** One pass in a fresh process; its last stdout line is the result. */
async function runPass(args: readonly string[]): Promise<PassResult> {
  const { stdout } = await execFileAsync(process.execPath, args);
  return JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as PassResult;
}

/** The repository's emulator CLI in a process of its own; resolves with its connection line. */
async function startEmulatorProcess(): Promise<{ connection: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [path.join(REPO_ROOT, "dist/emulator/cli.js"), "--port", "0", "--seed", "77"],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  const lines = createInterface({ input: child.stdout });
  const connection = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench: the emulator exited ${String(code)}`)));
  });
  lines.close();
  return { connection, stop: () => void child.kill("SIGTERM") };
}

/** Runs the client benchmark. */
export async function benchClientCost(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const { programDir } = await installedSubject();
  const clientModule = path.join(
    programDir,
    "node_modules/pulumi-opsmanager-apikeys/dist/provider/client/index.js",
  );
  const child = path.join(__dirname, "client-cost-child.js");
  const keys = o.quick ? 100 : 400;
  // A fresh emulator per pass: an organization holds at most 500 keys.
  const pass = async (mode: "cpu" | "alloc"): Promise<PassResult> => {
    const emulator = await startEmulatorProcess();
    try {
      return await runPass([child, clientModule, mode, String(keys), emulator.connection]);
    } finally {
      emulator.stop();
    }
  };
  const cpuPasses: PassResult[] = [];
  for (let i = 0; i < o.reps; i++) cpuPasses.push(await pass("cpu"));
  const alloc = await pass("alloc");
  const cpuPerRequest = cpuPasses.map((p) => (p.cpuMs ?? NaN) / p.requests);
  const requests = cpuPasses[0]?.requests ?? 0;
  return {
    name: "client",
    title: "Client cost per request",
    metrics: [
      {
        id: "client.cpuMsPerRequest",
        label: `client alone: CPU per HTTP request (${requests} requests, median of ${o.reps} processes)`,
        value: round(median(cpuPerRequest), 3),
        unit: "ms",
      },
      {
        id: "client.allocatedKBPerRequest",
        label: `client alone: bytes allocated per HTTP request (${alloc.requests} requests)`,
        value: round((alloc.allocatedBytes ?? NaN) / alloc.requests / 1024, 1),
        unit: "KB",
      },
    ],
    details: { keys, cpuPasses, alloc, cpuPerRequest: cpuPerRequest.map((x) => round(x, 3)) },
    notes: [
      `Each pass is a fresh process driving the installed package's client: ${keys} keys, each a key POST, a PATCH of its description and one POST of two access-list entries (the reconcile's requests), 16 keys in flight, after 50 warm-up keys; the emulator runs in another process (a fresh one per pass) at 0 ms latency.`,
      "CPU is process.cpuUsage of the pass (main thread and V8's helper threads); allocation is V8's sampling heap profiler over a separate pass, counting objects already collected.",
    ],
    durationMs: Date.now() - started,
  };
}
