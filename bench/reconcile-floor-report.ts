/**
 * Table rows and notes that put the no-op floor (reconcile-floor.ts) next to our parallel
 * reconcile runs: the floor's ratio, ours ÷ floor, and the CPU split per created resource
 * (host process versus this process, which runs the emulator and the engine-side gRPC client on
 * the same cores), with the ratio CPU alone implies.
 */
import * as os from "node:os";
import type { BenchOptions } from "./args";
import type { ReconcileSummary } from "./reconcile";
import type { FloorSummary } from "./reconcile-floor";
import type { Metric } from "./report";
import { median, round } from "./stats";

/** The CPU figures of one run or of the medians of repeated runs. */
interface CpuFigures {
  readonly resources: number;
  readonly wallMs: number;
  readonly lowerBoundMs: number;
  readonly hostCpuMsPerResource: number | null;
  readonly benchCpuMsPerResource: number;
  readonly otherCpuShare: number | null;
}

/** CPU a process used over the wall time, in % (100 = one core busy throughout). */
function busyPercent(cpuMsPerResource: number | null, x: CpuFigures): number | null {
  return cpuMsPerResource === null || x.wallMs <= 0
    ? null
    : round(((cpuMsPerResource * x.resources) / x.wallMs) * 100, 1);
}

/**
 * What CPU alone implies, as a multiple of the latency lower bound. The host runs the provider
 * on one JavaScript thread, so its CPU cannot spread over cores: the wall time is at least the
 * host's CPU time, and at least (host + bench CPU) ÷ cores.
 */
function describeCpu(x: CpuFigures): string {
  const cores = os.cpus().length;
  const host = x.hostCpuMsPerResource;
  const text = `CPU host ${host} + bench ${x.benchCpuMsPerResource} ms/resource`;
  if (host === null || x.lowerBoundMs <= 0) return text;
  const hostMs = host * x.resources;
  const bothMs = (host + x.benchCpuMsPerResource) * x.resources;
  const implied = round(Math.max(hostMs, bothMs / cores) / x.lowerBoundMs, 2);
  const other = x.otherCpuShare === null ? "n/a" : `${round(x.otherCpuShare * 100, 1)}%`;
  return (
    `${text}; busy over the wall: host ${busyPercent(host, x)}%, bench process ${busyPercent(x.benchCpuMsPerResource, x)}% (100% = one core), ` +
    `other processes + hypervisor steal ${other} of the ${cores} cores; ` +
    `CPU-implied ratio >= ${implied} (host thread alone ${round(hostMs / x.lowerBoundMs, 2)}, both spread over ${cores} cores ${round(bothMs / cores / x.lowerBoundMs, 2)})`
  );
}

/** The floor's table rows and notes, next to our parallel runs `p` (and full-size run). */
export function floorMetrics(
  o: BenchOptions,
  p: ReconcileSummary,
  f: FloorSummary,
  full: ReconcileSummary | undefined,
  floorFull: FloorSummary | undefined,
): { metrics: Metric[]; notes: string[] } {
  const c = o.concurrency;
  const metrics: Metric[] = [
    {
      id: "reconcile.floorRatio",
      label: `no-op floor c=${c}: wall / latency lower bound (${f.resources} creates, median)`,
      value: f.ratio,
      unit: "x",
    },
  ];
  if (floorFull) {
    metrics.push({
      id: "reconcile.floorFullRatio",
      label: `no-op floor c=${c}: wall / latency lower bound (${floorFull.resources} creates, median)`,
      value: floorFull.ratio,
      unit: "x",
    });
  }
  const whyOver = (ours: ReconcileSummary, floor: FloorSummary): string =>
    `wall ${ours.wall.medianMs} ms vs floor ${floor.wall.medianMs} ms; host CPU ${ours.hostCpuMsPerResource} vs ${floor.hostCpuMsPerResource} ms per create; host thread busy ${busyPercent(ours.hostCpuMsPerResource, { ...ours, wallMs: ours.wall.medianMs, lowerBoundMs: 0 })}% of the wall`;
  const sizes: Array<[string, ReconcileSummary, FloorSummary]> = [["oursOverFloor", p, f]];
  if (full && floorFull) sizes.push(["fullOursOverFloor", full, floorFull]);
  for (const [id, ours, floor] of sizes) {
    const value = round(ours.wall.medianMs / floor.wall.medianMs, 2);
    metrics.push({
      id: `reconcile.${id}`,
      label: `reconcile c=${c}: wall ours / no-op floor (${ours.resources} creates, medians of ${ours.runs.length} alternating runs)`,
      value,
      unit: "x",
      target: { op: "<=", value: 1.3 },
      ...(value > 1.3 ? { reason: whyOver(ours, floor) } : {}),
    });
  }
  // Host CPU per create: the largest size measured (fewer first-call costs per resource).
  const cpuOurs = full && floorFull ? full : p;
  const cpuFloor = full && floorFull ? floorFull : f;
  const floorCpu = cpuFloor.hostCpuMsPerResource;
  const oursCpu = cpuOurs.hostCpuMsPerResource;
  const cpuTarget = floorCpu === null ? null : round(floorCpu + 2, 2);
  metrics.push({
    id: "reconcile.hostCpuMsPerResource",
    label: `reconcile: host CPU per created resource, ours (${cpuOurs.resources} creates, median)`,
    value: oursCpu,
    unit: "ms",
    ...(cpuTarget === null
      ? {}
      : {
          target: {
            op: "<=" as const,
            value: cpuTarget,
            basis: `no-op floor ${floorCpu} ms + 2.0 ms`,
          },
        }),
    ...(oursCpu !== null && floorCpu !== null && cpuTarget !== null && oursCpu > cpuTarget
      ? {
          reason: `our provider adds ${round(oursCpu - floorCpu, 2)} ms of host CPU per create over the no-op floor (${floorCpu} ms); the profile rows say where it goes`,
        }
      : {}),
  });
  metrics.push(
    {
      id: "reconcile.benchCpuMsPerResource",
      label: "reconcile: bench-process CPU per created resource (emulator + gRPC client)",
      value: p.benchCpuMsPerResource,
      unit: "ms",
    },
    {
      id: "reconcile.floorHostCpuMsPerResource",
      label: "no-op floor: host CPU per created resource",
      value: f.hostCpuMsPerResource,
      unit: "ms",
    },
    {
      id: "reconcile.floorBenchCpuMsPerResource",
      label: "no-op floor: bench-process CPU per created resource (gRPC client only)",
      value: f.benchCpuMsPerResource,
      unit: "ms",
    },
  );
  // Host saturation: the full-size runs when there are, else the medians of the repeated runs.
  const oursSize = full ?? p;
  const floorSize = floorFull ?? f;
  const oursBusy = { ...oursSize, wallMs: oursSize.wall.medianMs, lowerBoundMs: 0 };
  const floorBusy = { ...floorSize, wallMs: floorSize.wall.medianMs };
  const busySize = `${oursBusy.resources} creates, median`;
  metrics.push(
    {
      id: "reconcile.hostBusyPercent",
      label: `reconcile: host CPU as % of wall, ours (${busySize}; 100 = one core)`,
      value: busyPercent(oursBusy.hostCpuMsPerResource, oursBusy),
      unit: "%",
    },
    {
      id: "reconcile.floorHostBusyPercent",
      label: `no-op floor: host CPU as % of wall (${busySize})`,
      value: busyPercent(floorBusy.hostCpuMsPerResource, floorBusy),
      unit: "%",
    },
  );
  const oursHost = p.hostCpuMsPerResource;
  const floorHost = f.hostCpuMsPerResource;
  const oursMedian = {
    ...p,
    wallMs: p.wall.medianMs,
    lowerBoundMs: median(p.runs.map((r) => r.lowerBoundMs)),
  };
  const floorMedian = { ...f, wallMs: f.wall.medianMs };
  const notes = [
    `no-op floor: the same shape (${f.resources} creates per repeated run, entries after their key, ${c} in flight, Check → Create, fresh host Configured before the clock) through the same host with a bare dynamic provider whose create waits ${o.latencyMs} ms on a timer (one simulated request per resource, no HTTP); ratio = wall / max(creates × latency / ${c}, 2 × latency). Runs alternate with ours.`,
    `CPU split per created resource (medians of the repeated runs): ours = host ${oursHost} ms + bench process ${p.benchCpuMsPerResource} ms ` +
      `(emulator ≈ ${round(p.benchCpuMsPerResource - f.benchCpuMsPerResource, 2)} ms = ours minus the floor's bench process, engine-side gRPC client ≈ ${f.benchCpuMsPerResource} ms); ` +
      `no-op floor = host ${floorHost} ms + bench process ${f.benchCpuMsPerResource} ms` +
      (oursHost !== null && floorHost !== null
        ? `; our provider's code adds ≈ ${round(oursHost - floorHost, 2)} ms of host CPU per resource on top of the protocol's own cost.`
        : "."),
    `CPU bound, repeated runs: ours ${describeCpu(oursMedian)} (measured ${p.ratio}); floor ${describeCpu(floorMedian)} (measured ${f.ratio}).`,
  ];
  if (full && floorFull) {
    const fullMedian = {
      ...full,
      wallMs: full.wall.medianMs,
      lowerBoundMs: median(full.runs.map((r) => r.lowerBoundMs)),
    };
    const floorFullMedian = { ...floorFull, wallMs: floorFull.wall.medianMs };
    notes.push(
      `CPU bound, full size (${full.resources} creates, medians of ${full.runs.length} runs each): ours ${full.wall.medianMs} ms, ${describeCpu(fullMedian)} (measured ${full.ratio}); ` +
        `floor ${floorFull.wall.medianMs} ms, ${describeCpu(floorFullMedian)} (measured ${floorFull.ratio}).`,
    );
  }
  return { metrics, notes };
}
