/**
 * The chaos suite's run logic, importable by the CLI (`run.ts`) and by the seeded
 * slice in `npm test`. Each run: a fresh emulator with a seeded fault plan, a seeded random
 * sequence of lifecycle steps, then server state against provider state, the clarity of every
 * failure message and a secret scan of everything recorded.
 */
import { startEmulator, type FaultPlan } from "../../emulator";
import { scanForSecrets } from "../security/scan-secrets";
import { compareWithServer, type Comparison } from "./compare";
import { chaosEngine } from "./engine";
import { lifecycleContext } from "./lifecycle-context";
import { dice, emptyState, persistedView, type OpRecord, type ResourceKind } from "./model";
import { checkAfterStep, emptyTally, type InvariantTally } from "./invariants";
import * as steps from "./operations";
import { emptyTracking } from "./step";

/**
 * How hard the emulator fails. `storm` fails so often that the client's bounded retries run out
 * now and then: steps fail midway, which the per-step invariants (invariants.ts) are about.
 */
export type Intensity = "light" | "medium" | "heavy" | "storm";

/** Fault probabilities per request by intensity (every kind of fault the emulator injects). */
export function faultPlan(seed: number, intensity: Intensity): FaultPlan {
  const k = { light: 1, medium: 2, heavy: 3.5, storm: 5 }[intensity];
  return {
    seed,
    rateLimit: 0.03 * k,
    retryAfterSeconds: 0.01,
    serverError: 0.035 * k,
    resetBeforeWrite: 0.02 * k,
    resetAfterWrite: 0.025 * k,
    latencySpike: 0.05 * k,
    latencySpikeMs: 15,
    staleNonce: 0.02 * k,
  };
}

type StepName =
  | "createKey"
  | "createEntry"
  | "updateKey"
  | "rotateKey"
  | "deleteKey"
  | "deleteEntry"
  | "replaceEntry"
  | "createAssignment"
  | "updateAssignment"
  | "deleteAssignment"
  | "refresh"
  | "drift";

const STEP_WEIGHTS: ReadonlyArray<[StepName, number]> = [
  ["createKey", 3],
  ["createEntry", 4],
  ["updateKey", 2],
  ["rotateKey", 2],
  ["deleteKey", 1],
  ["deleteEntry", 1],
  ["replaceEntry", 1.5],
  ["createAssignment", 2],
  ["updateAssignment", 1.5],
  ["deleteAssignment", 0.5],
  ["refresh", 1],
  ["drift", 0.75],
];

export interface RunResult {
  readonly seed: number;
  readonly intensity: Intensity;
  readonly steps: string[];
  readonly ops: OpRecord[];
  readonly comparison: Comparison;
  /** Keys beyond the first that one create left on the server. */
  readonly duplicates: number;
  readonly faults: Record<string, number>;
  readonly secretHits: number;
  /** Steps played (pending deletes and awaited creates included in each). */
  readonly stepCount: number;
  /** Per-step invariants (invariants.ts). */
  readonly invariants: InvariantTally;
  /** Everything scanned for secrets, with labels (only when asked for). */
  readonly recorded?: {
    readonly labels: string[];
    readonly texts: string[];
    readonly secrets: string[];
  };
}

export interface RunOptions {
  readonly providers: Readonly<Record<ResourceKind, string>>;
  readonly keepRecorded?: boolean;
}

/** One seeded run against its own emulator. */
export async function runOne(seed: number, options: RunOptions): Promise<RunResult> {
  const d = dice(seed);
  const intensity = d.pick<Intensity>(["light", "medium", "heavy", "storm"]);
  // One run in four talks to an Ops Manager that refuses IPv6 access-list entries (400): creates
  // that fail for good, also halfway through a replacement.
  const ipv6 = !d.chance(0.25);
  const emulator = await startEmulator({ seed, ipv6, faults: faultPlan(seed, intensity) });
  try {
    const warnings: string[] = [];
    const engine = chaosEngine(
      emulator,
      lifecycleContext(emulator, warnings),
      warnings,
      options.providers,
    );
    const step: steps.Step = {
      engine,
      state: emptyState(),
      dice: d,
      orgId: emulator.orgId,
      projectId: emulator.projectId,
      track: emptyTracking(),
      duplicates: 0,
      counter: 0,
    };
    const total = STEP_WEIGHTS.reduce((a, [, w]) => a + w, 0);
    const played: string[] = [];
    const tally = emptyTally();
    for (let i = 0, n = 6 + d.int(10); i < n; i++) {
      let roll = d.next() * total;
      const [name] = STEP_WEIGHTS.find(([, w]) => (roll -= w) < 0) ?? STEP_WEIGHTS[0];
      played.push(name);
      // One step is one deployment: the previous one's leftovers first, then the change.
      const opsBefore = engine.ops.length;
      engine.newDeployment();
      await steps.retryPendingDeletes(step);
      if (step.state.pending.length === 0) await steps.retryAwaitedAssignments(step);
      const leftoversDone = engine.ops.slice(opsBefore).every((op) => op.ok);
      if (leftoversDone) await steps[name](step);
      const failed = engine.ops.slice(opsBefore).some((op) => !op.ok);
      checkAfterStep(step, `step ${i + 1} (${name})`, failed, tally);
    }
    const comparison = compareWithServer(emulator, step.state);
    const labels = [
      "state",
      "request log",
      "OrgApiKey __provider",
      "ApiKeyWhitelistEntry __provider",
      "ApiKeyProjectAssignment __provider",
    ];
    const texts = [
      persistedView(step.state),
      JSON.stringify(emulator.requests),
      options.providers.OrgApiKey,
      options.providers.ApiKeyWhitelistEntry,
      options.providers.ApiKeyProjectAssignment,
    ];
    engine.texts.forEach((t, i) => {
      labels.push(`message/warning #${i}`);
      texts.push(t);
    });
    const secrets = [...engine.secrets];
    return {
      seed,
      intensity,
      steps: played,
      ops: engine.ops,
      comparison,
      duplicates: step.duplicates + comparison.sharedKeys.length,
      faults: emulator.faultCounts(),
      secretHits: scanForSecrets(texts, secrets).length,
      stepCount: played.length,
      invariants: tally,
      recorded: options.keepRecorded ? { labels, texts, secrets } : undefined,
    };
  } finally {
    await emulator.close();
  }
}

/** Seed of run `i` of a suite seeded with `seed`. */
export function runSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 2654435761) + i * 7919) >>> 0;
}

/** `runs` runs, one after another. */
export async function runChaos(
  runs: number,
  seed: number,
  options: RunOptions,
  onRun: (r: RunResult, i: number) => void = () => undefined,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await runOne(runSeed(seed, i), options);
    results.push(r);
    onRun(r, i);
  }
  return results;
}
