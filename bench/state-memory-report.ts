/**
 * Table rows and notes for the host-memory walks (state-memory.ts): the RSS target, the no-op
 * host for scale, and what our package adds over the no-op host at each phase, on unmodified
 * hosts (/proc VmRSS) and after a forced full GC on probed hosts (retained memory).
 */
import type { MemoryPhase } from "./host-memory";
import type { Metric } from "./report";
import type { MemoryWalks } from "./state-memory";
import { round } from "./stats";

const at = (walk: readonly MemoryPhase[], phase: string): MemoryPhase => {
  const found = walk.find((p) => p.phase === phase);
  if (!found) throw new Error(`bench: memory walk has no phase ${phase}`);
  return found;
};

const rss = (walk: readonly MemoryPhase[], phase: string): number | null =>
  at(walk, phase).proc?.rssMB ?? null;

/** The larger of the RSS after creating and after reading everything (the served figure). */
function served(walk: readonly MemoryPhase[]): number | null {
  const created = rss(walk, "created");
  const read = rss(walk, "read");
  return created === null || read === null ? null : Math.max(created, read);
}

const minus = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined ? null : round(a - b, 1);

/** A probed walk's figures after the full GC that followed its last phase. */
function afterGc(walk: readonly MemoryPhase[]) {
  const heap = at(walk, "read").heap;
  return {
    rss: heap?.after.rss ?? null,
    heapUsed: heap?.after.heapUsed ?? null,
  };
}

/** Heap still used after a full GC, per served resource, from the first Create to the end (KB). */
function retainedPerResource(w: MemoryWalks): number | null {
  const first = at(w.probed, "firstCreate").heap?.after.heapUsed;
  const last = at(w.probed, "read").heap?.after.heapUsed;
  return first === undefined || last === undefined
    ? null
    : round(((last - first) * 1024) / w.resources, 2);
}

/** One line per walk: RSS at every phase, then the /proc split and the peak. */
function describePlain(name: string, walk: readonly MemoryPhase[]): string {
  const steps = walk.map((p) => `${p.phase} ${p.proc?.rssMB ?? "n/a"}`).join(" → ");
  const last = at(walk, "read").proc;
  const cpu = (phase: string): string => `${at(walk, phase).cpuMs ?? "n/a"} ms`;
  return (
    `${name}, unmodified host, VmRSS MB: ${steps}; at the end RssAnon ${last?.anonMB} + RssFile ${last?.fileMB}, peak VmHWM ${last?.hwmMB}; ` +
    `host CPU: first Check ${cpu("firstCheck")}, first Create ${cpu("firstCreate")}.`
  );
}

/** One line per probed walk: retained figures after the last phase's full GC, V8 spaces before it. */
function describeProbed(name: string, walk: readonly MemoryPhase[]): string {
  const { heap, proc } = at(walk, "read");
  if (!heap) return `${name}: probed host gave no figures.`;
  const retained = walk
    .filter((p) => p.heap)
    .map((p) => `${p.phase} ${p.heap!.after.heapUsed}/${p.heap!.after.rss}`)
    .join(" → ");
  const space = (n: string): string =>
    `${heap.spacesBefore[n]?.physical ?? "n/a"}→${heap.spacesAfter[n]?.physical ?? "n/a"}`;
  return (
    `${name}, probed host (full GC after each phase), heapUsed/RSS MB after GC: ${retained}. ` +
    `After serving, before → after the GC: RSS ${heap.before.rss}→${heap.after.rss}, heapTotal ${heap.before.heapTotal}→${heap.after.heapTotal}; ` +
    `committed V8 spaces MB: new ${space("new_space")}, old ${space("old_space")} (live ${heap.spacesBefore.old_space?.used}→${heap.spacesAfter.old_space?.used}), code ${space("code_space")}, large objects ${space("large_object_space")}; ` +
    `external ${heap.after.external} (array buffers ${heap.after.arrayBuffers}), V8 malloced ${heap.malloced} (peak ${heap.peakMalloced}); ` +
    `resident outside the V8 heap (RssAnon ${proc?.anonMB} - heapTotal ${heap.before.heapTotal}) ${minus(proc?.anonMB, heap.before.heapTotal)}, mapped files ${proc?.fileMB}.`
  );
}

/** Target: the no-op host's RSS after the same walk + 25 MB (what our code may add). */
function rssTarget(ours: number | null, noop: number | null): Pick<Metric, "target" | "reason"> {
  if (noop === null) return { reason: "the no-op host's RSS could not be read" };
  const bound = Math.round((noop + 25) * 10) / 10;
  return {
    target: { op: "<=", value: bound, basis: `no-op host ${noop} MB + 25 MB` },
    ...(ours !== null && ours > bound
      ? {
          reason: `${Math.round((ours - noop) * 10) / 10} MB over the no-op host; see the first-call growth and after-GC rows`,
        }
      : {}),
  };
}

/** Metrics, notes and details for the state benchmark's host-memory part. */
export function memoryReport(
  ours: MemoryWalks,
  noop: MemoryWalks,
  concurrency: number,
): { metrics: Metric[]; notes: string[]; details: Record<string, unknown> } {
  const n = ours.resources;
  const oursGc = afterGc(ours.probed);
  const noopGc = afterGc(noop.probed);
  const firstCalls = (w: MemoryWalks) =>
    minus(rss(w.plain, "firstCreate"), rss(w.plain, "configured"));
  const metrics: Metric[] = [
    {
      id: "state.hostRssMB",
      label: `host RSS after serving ${n} resources`,
      value: served(ours.plain),
      unit: "MB",
      ...rssTarget(served(ours.plain), served(noop.plain)),
    },
    {
      id: "state.noopHostRssMB",
      label: `bare no-op provider host RSS after serving ${n} resources`,
      value: served(noop.plain),
      unit: "MB",
    },
    {
      id: "state.hostRssSpawnedMB",
      label: "host RSS right after spawn (SDK host loaded, before Configure), ours",
      value: rss(ours.plain, "spawned"),
      unit: "MB",
    },
    {
      id: "state.rssOverNoop.configured",
      label: "host RSS ours - no-op: after Configure",
      value: minus(rss(ours.plain, "configured"), rss(noop.plain, "configured")),
      unit: "MB",
    },
    {
      id: "state.rssGrowth.firstCalls",
      label: "host RSS growth over the first Check + Create, ours (package + got load)",
      value: firstCalls(ours),
      unit: "MB",
    },
    {
      id: "state.noopRssGrowth.firstCalls",
      label: "host RSS growth over the first Check + Create, no-op",
      value: firstCalls(noop),
      unit: "MB",
    },
    {
      id: "state.rssOverNoop.served",
      label: `host RSS ours - no-op: after serving ${n}`,
      value: minus(served(ours.plain), served(noop.plain)),
      unit: "MB",
    },
    {
      id: "state.hostRssAfterGcMB",
      label: `host RSS after serving ${n} + full GC, ours (probed host)`,
      value: oursGc.rss,
      unit: "MB",
    },
    {
      id: "state.rssOverNoop.afterGc",
      label: `host RSS ours - no-op: after serving ${n} + full GC (probed)`,
      value: minus(oursGc.rss, noopGc.rss),
      unit: "MB",
    },
    {
      id: "state.heapUsedOverNoop.afterGc",
      label: `V8 heap used ours - no-op: after serving ${n} + full GC (probed)`,
      value: minus(oursGc.heapUsed, noopGc.heapUsed),
      unit: "MB",
    },
    {
      id: "state.heapRetainedPerResourceKB",
      label: `V8 heap retained per served resource, ours (probed, after GC)`,
      value: retainedPerResource(ours),
      unit: "KB",
    },
    {
      id: "state.noopHeapRetainedPerResourceKB",
      label: `V8 heap retained per served resource, no-op (probed, after GC)`,
      value: retainedPerResource(noop),
      unit: "KB",
    },
  ];
  const notes = [
    `Host memory walk: spawn → Configure → first Check → first Create (one warm-up resource) → ${n} resources created → all ${n} read, ${concurrency} calls in flight, 0 ms latency; the same walk for ours and for the bare no-op provider (its read echoes state). The target row is the larger of the created/read VmRSS of the unmodified host.`,
    describePlain("ours", ours.plain),
    describePlain("no-op", noop.plain),
    describeProbed("ours", ours.probed),
    describeProbed("no-op", noop.probed),
  ];
  return {
    metrics,
    notes,
    details: { resources: n, ours, noop },
  };
}
