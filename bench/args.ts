/**
 * Command-line flags of `node dist/bench/run.js`: which benchmarks run (`--only`), and every size,
 * latency and repetition count, with full-size defaults and smaller `--quick` defaults.
 */
import { parseArgs } from "node:util";

export const BENCH_NAMES = [
  "requests",
  "reconcile",
  "refresh",
  "drift",
  "state",
  "cold-start",
  "profile",
  "https",
  "program",
  "client",
] as const;
export type BenchName = (typeof BENCH_NAMES)[number];

/** Sizes and switches of one run. */
export interface BenchOptions {
  readonly only: readonly BenchName[];
  readonly quick: boolean;
  /** Emulator latency per request while a figure is measured. */
  readonly latencyMs: number;
  /** Concurrent engine calls (`pulumi up --parallel`). */
  readonly concurrency: number;
  /** Repetitions of every timing. */
  readonly reps: number;
  /** Runs of the request-count benchmarks (refresh, drift); their figures are counts, not timings. */
  readonly countRuns: number;
  readonly reconcile: {
    /** Keys of the full-size runs (0: none). */
    readonly keys: number;
    /** Runs of the full size (ours and the no-op floor alternate; medians reported). */
    readonly fullReps: number;
    /** Keys of each of the `reps` runs whose median is reported. */
    readonly repKeys: number;
    readonly entriesPerKey: number;
    readonly reps: number;
    readonly baselineKeys: number;
    /** Also run the one-at-a-time baseline once at full size. */
    readonly baselineFull: boolean;
  };
  readonly refresh: { readonly keys: number; readonly bigKeyEntries: number };
  readonly drift: { readonly keys: number; readonly entriesPerKey: number };
  readonly state: { readonly keys: number; readonly entriesPerKey: number };
  readonly https: { readonly keys: number; readonly entriesPerKey: number };
  readonly program: {
    readonly keys: number;
    readonly entriesPerKey: number;
    readonly reps: number;
  };
  /** Directory of a built copy of the package to measure instead of the repository. */
  readonly packageDir?: string;
  /** Where the `profile` benchmark also writes the host's raw `.cpuprofile`. */
  readonly profileOut?: string;
  readonly out: string;
}

const HELP = `Usage: node dist/bench/run.js [flags]
  --only NAME[,NAME]        run only these: ${BENCH_NAMES.join(", ")} (repeatable)
  --quick                   small sizes for a quick check (timings still a median of --reps)
  --latency MS              emulator latency while measuring (default 10)
  --concurrency N           concurrent engine calls (default 16)
  --reps N                  repetitions per timing (default 5)
  --count-runs N            runs of the refresh and drift request counts (default 2; quick 1)
  --reconcile-keys N        keys of the full-size parallel reconcile runs (default 200 = 600 creates; quick 0 = none)
  --reconcile-full-reps N   full-size runs, alternating with the no-op floor (default 3; quick 1)
  --reconcile-rep-keys N    keys of each repeated parallel reconcile run (default 50; quick 10)
  --entries-per-key N       entries per key in the parallel reconcile (default 2)
  --reconcile-reps N        repetitions of the parallel reconcile (default --reps)
  --baseline-keys N         keys of each one-at-a-time baseline run (default 10; quick 5)
  --baseline-full           also run the one-at-a-time baseline once at --reconcile-keys
  --refresh-keys N          keys of the refresh fleet (default 100; quick 20)
  --refresh-entries N       entries on the one big key (default 500; quick 100)
  --drift-keys N            keys of the preview fleet (default 100; quick 20)
  --drift-entries-per-key N entries per key of the preview fleet (default 4)
  --state-keys N            keys of the state fleet (default 200; quick 20)
  --state-entries-per-key N entries per key of the state fleet (default 4)
  --https-keys N            keys of the HTTPS fleet (default 400: over 1,000 API requests, also with --quick)
  --https-entries-per-key N entries per key of the HTTPS fleet (default 4)
  --program-keys N          keys of the program run through the harness (default 200; quick 20)
  --program-entries-per-key N entries per key of that program (default 4)
  --program-reps N          alternating runs of that program, ours and no-op (default 3; quick 1)
  --package-dir DIR         measure a built copy of the package in DIR (package.json + dist/) instead of the repository
  --profile-out FILE        also keep the profiled host's raw CPU profile (open it in Chrome DevTools)
  --out FILE                JSON report (default .bench/report.json)
`;

function int(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer >= ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Parses argv; prints help and exits on `--help`; throws with a usage hint on a bad flag. */
export function parseBenchArgs(argv: readonly string[], repoRoot: string): BenchOptions {
  const spec = {
    only: { type: "string", multiple: true },
    quick: { type: "boolean" },
    latency: { type: "string" },
    concurrency: { type: "string" },
    reps: { type: "string" },
    "count-runs": { type: "string" },
    "reconcile-keys": { type: "string" },
    "reconcile-full-reps": { type: "string" },
    "https-keys": { type: "string" },
    "https-entries-per-key": { type: "string" },
    "program-keys": { type: "string" },
    "program-entries-per-key": { type: "string" },
    "program-reps": { type: "string" },
    "reconcile-rep-keys": { type: "string" },
    "entries-per-key": { type: "string" },
    "reconcile-reps": { type: "string" },
    "baseline-keys": { type: "string" },
    "baseline-full": { type: "boolean" },
    "refresh-keys": { type: "string" },
    "refresh-entries": { type: "string" },
    "drift-keys": { type: "string" },
    "drift-entries-per-key": { type: "string" },
    "state-keys": { type: "string" },
    "state-entries-per-key": { type: "string" },
    out: { type: "string" },
    "package-dir": { type: "string" },
    "profile-out": { type: "string" },
    help: { type: "boolean" },
  } as const;
  let values: ReturnType<typeof parseArgs<{ options: typeof spec }>>["values"];
  try {
    values = parseArgs({ args: [...argv], options: spec, strict: true }).values;
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${HELP}`);
  }
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const only = (values.only ?? []).flatMap((v) => v.split(",")).filter(Boolean);
  for (const name of only) {
    if (!(BENCH_NAMES as readonly string[]).includes(name)) {
      throw new Error(`--only ${name}: unknown benchmark; choose from ${BENCH_NAMES.join(", ")}`);
    }
  }
  const q = values.quick === true;
  const reps = int("reps", values.reps, 5, 1);
  return {
    only: only.length ? (only as BenchName[]) : [...BENCH_NAMES],
    quick: q,
    latencyMs: int("latency", values.latency, 10, 0),
    concurrency: int("concurrency", values.concurrency, 16, 1),
    reps,
    countRuns: int("count-runs", values["count-runs"], q ? 1 : 2, 1),
    reconcile: {
      keys: int("reconcile-keys", values["reconcile-keys"], q ? 0 : 200, 0),
      fullReps: int("reconcile-full-reps", values["reconcile-full-reps"], q ? 1 : 3, 1),
      repKeys: int("reconcile-rep-keys", values["reconcile-rep-keys"], q ? 10 : 50, 1),
      entriesPerKey: int("entries-per-key", values["entries-per-key"], 2, 0),
      reps: int("reconcile-reps", values["reconcile-reps"], reps, 1),
      baselineKeys: int("baseline-keys", values["baseline-keys"], q ? 5 : 10, 1),
      baselineFull: values["baseline-full"] === true,
    },
    refresh: {
      keys: int("refresh-keys", values["refresh-keys"], q ? 20 : 100, 1),
      bigKeyEntries: int("refresh-entries", values["refresh-entries"], q ? 100 : 500, 0),
    },
    drift: {
      keys: int("drift-keys", values["drift-keys"], q ? 20 : 100, 1),
      entriesPerKey: int("drift-entries-per-key", values["drift-entries-per-key"], 4, 0),
    },
    state: {
      keys: int("state-keys", values["state-keys"], q ? 20 : 200, 1),
      entriesPerKey: int("state-entries-per-key", values["state-entries-per-key"], 4, 0),
    },
    https: {
      keys: int("https-keys", values["https-keys"], 400, 1),
      entriesPerKey: int("https-entries-per-key", values["https-entries-per-key"], 4, 0),
    },
    program: {
      keys: int("program-keys", values["program-keys"], q ? 20 : 200, 1),
      entriesPerKey: int("program-entries-per-key", values["program-entries-per-key"], 4, 0),
      reps: int("program-reps", values["program-reps"], q ? 1 : 3, 1),
    },
    ...(values["package-dir"] ? { packageDir: values["package-dir"] } : {}),
    ...(values["profile-out"] ? { profileOut: values["profile-out"] } : {}),
    out: values.out ?? `${repoRoot}/.bench/report.json`,
  };
}
