/**
 * The chaos suite's run logic (issue 5 §1), importable by the CLI (`run.ts`) and by the seeded
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
import * as steps from "./operations";

export type Intensity = "light" | "medium" | "heavy";

/** Fault probabilities per request by intensity (all kinds of issue 5 §1). */
export function faultPlan(seed: number, intensity: Intensity): FaultPlan {
  const k = { light: 1, medium: 2, heavy: 3.5 }[intensity];
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

const STEP_WEIGHTS: ReadonlyArray<[keyof typeof steps, number]> = [
  ["createKey", 3],
  ["createEntry", 4],
  ["updateKey", 2],
  ["rotateKey", 2],
  ["deleteKey", 1],
  ["deleteEntry", 1],
  ["refresh", 1],
  ["drift", 0.5],
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
  const intensity = d.pick<Intensity>(["light", "medium", "heavy"]);
  const emulator = await startEmulator({ seed, faults: faultPlan(seed, intensity) });
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
      duplicates: 0,
      counter: 0,
    };
    const total = STEP_WEIGHTS.reduce((a, [, w]) => a + w, 0);
    const played: string[] = [];
    for (let i = 0, n = 6 + d.int(10); i < n; i++) {
      await steps.retryPendingDeletes(step);
      let roll = d.next() * total;
      const [name] = STEP_WEIGHTS.find(([, w]) => (roll -= w) < 0) ?? STEP_WEIGHTS[0];
      played.push(name);
      await steps[name](step);
    }
    const comparison = compareWithServer(emulator, step.state);
    const labels = [
      "state",
      "request log",
      "OrgApiKey __provider",
      "ApiKeyWhitelistEntry __provider",
    ];
    const texts = [
      persistedView(step.state),
      JSON.stringify(emulator.requests),
      options.providers.OrgApiKey,
      options.providers.ApiKeyWhitelistEntry,
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
