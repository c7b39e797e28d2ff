/**
 * The floor under the parallel reconcile ratio: the same fleet shape (keys, `entriesPerKey`
 * entries released when their key is created, `concurrency` engine calls in flight, Check →
 * Create each) driven through the same real host, but with the bare no-op dynamic provider
 * (noop-provider.ts) whose create waits `latencyMs` on a timer — one simulated request per
 * resource, no HTTP and no emulator. Its wall ÷ latency lower bound is what any dynamic provider
 * pays on this machine for the engine protocol (gRPC + protobuf Struct conversion + the host's
 * dispatch); ours minus it is what our provider (client, HTTP, emulator) adds.
 */
import * as os from "node:os";
import { makeUrn, startHost } from "../engine-harness/host";
import { installNoopProvider, NOOP_TYPE, type NoopProvider } from "./noop-provider";
import { runJobs, type Job } from "./pool";
import { otherShare, startCpuWindow } from "./session";
import { median, medianOrNull, round, summarize, timed } from "./stats";

/** One measured no-op create run. */
export interface FloorRun {
  readonly resources: number;
  readonly concurrency: number;
  readonly wallMs: number;
  /** max(creates × latency ÷ concurrency, chain × latency); chain = 2 (key → entry) or 1. */
  readonly lowerBoundMs: number;
  readonly ratio: number;
  readonly hostCpuMsPerResource: number | null;
  /** CPU this process used (engine-side gRPC client only: there is no emulator here). */
  readonly benchCpuMsPerResource: number;
  /** CPU other processes used during the run, as a share of all cores' time (0..1). */
  readonly otherCpuShare: number | null;
  readonly loadAverage: number;
}

/** Inputs shaped like an OrgApiKey's (orgId, description, roles) plus the simulated latency. */
function news(noop: NoopProvider, name: string, latencyMs: number) {
  return {
    orgId: "5f0000000000000000000001",
    description: `bench floor ${name}`,
    roles: ["ORG_MEMBER"],
    delayMs: latencyMs,
    __provider: noop.providerText,
  };
}

/** Creates `keys × (1 + entriesPerKey)` no-op resources on a fresh host, entries after their key. */
export async function floorRun(
  keys: number,
  entriesPerKey: number,
  latencyMs: number,
  concurrency: number,
  label: string,
): Promise<FloorRun> {
  const noop = await installNoopProvider();
  const resources = keys * (1 + entriesPerKey);
  const host = await startHost(noop.programDir, {});
  try {
    await host.configure({ "proj:unrelated": "x" });
    const create = async (name: string): Promise<void> => {
      const urn = makeUrn(NOOP_TYPE, name);
      const checked = await host.check(urn, {}, news(noop, name, latencyMs));
      if (checked.failures.length > 0) {
        throw new Error(`bench: no-op Check of ${urn} failed: ${JSON.stringify(checked.failures)}`);
      }
      await host.create(urn, checked.inputs);
    };
    const keyJobs = Array.from({ length: keys }, (_, k): Job => async () => {
      await create(`${label}-key-${k}`);
      return Array.from(
        { length: entriesPerKey },
        (_, j): Job =>
          () =>
            create(`${label}-entry-${k}-${j}`),
      );
    });
    const endCpu = startCpuWindow(host.pid);
    const { ms: wallMs } = await timed(() => runJobs(concurrency, keyJobs));
    const cpu = endCpu();
    const chain = entriesPerKey > 0 ? 2 : 1;
    const lowerBoundMs = Math.max((resources * latencyMs) / concurrency, chain * latencyMs);
    return {
      resources,
      concurrency,
      wallMs: round(wallMs, 1),
      lowerBoundMs: round(lowerBoundMs, 1),
      ratio: lowerBoundMs > 0 ? round(wallMs / lowerBoundMs) : Number.NaN,
      hostCpuMsPerResource: cpu.hostMs === null ? null : round(cpu.hostMs / resources, 2),
      benchCpuMsPerResource: round(cpu.benchMs / resources, 2),
      otherCpuShare: otherShare(cpu, wallMs),
      loadAverage: round(os.loadavg()[0], 2),
    };
  } finally {
    await host.stop();
  }
}

/** Medians over repeated floor runs of one size. */
export function summarizeFloor(runs: readonly FloorRun[]) {
  const cpu = runs.map((r) => r.hostCpuMsPerResource).filter((x): x is number => x !== null);
  return {
    resources: runs[0].resources,
    ratio: round(median(runs.map((r) => r.ratio))),
    wall: summarize(runs.map((r) => r.wallMs)),
    lowerBoundMs: runs[0].lowerBoundMs,
    hostCpuMsPerResource: cpu.length ? round(median(cpu), 2) : null,
    benchCpuMsPerResource: round(median(runs.map((r) => r.benchCpuMsPerResource)), 2),
    otherCpuShare: medianOrNull(runs.map((r) => r.otherCpuShare)),
    runs,
  };
}
export type FloorSummary = ReturnType<typeof summarizeFloor>;
