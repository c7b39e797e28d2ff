/**
 * Where a host's memory goes. Two sources:
 * - /proc/<pid>/status of an unmodified host: VmRSS (resident now), VmHWM (peak resident),
 *   RssAnon (heap, malloc, V8 spaces) and RssFile (mapped files: the node binary, libraries).
 * - a probed host, spawned with NODE_OPTIONS="--expose-gc --require <probe>": on SIGUSR2 the
 *   probe runs a full GC and prints one `BENCH_MEMORY {json}` line to stderr with
 *   process.memoryUsage() before and after it and V8's per-space sizes. What survives a full GC
 *   is retained; what RSS keeps after it is memory V8/malloc hold but no longer use.
 * The probe adds a few hundred bytes of code to the host; figures from probed hosts are reported
 * separately from the unmodified host's RSS.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Host } from "../engine-harness/host";
import { processCpuMs } from "./session";

const MARKER = "BENCH_MEMORY ";

const PROBE_JS = `"use strict";
const v8 = require("v8");
const mb = (n) => Math.round((n / 1048576) * 10) / 10;
const usage = () => {
  const u = process.memoryUsage();
  return { rss: mb(u.rss), heapTotal: mb(u.heapTotal), heapUsed: mb(u.heapUsed), external: mb(u.external), arrayBuffers: mb(u.arrayBuffers) };
};
const spaces = () => {
  const out = {};
  for (const s of v8.getHeapSpaceStatistics()) {
    out[s.space_name] = { size: mb(s.space_size), used: mb(s.space_used_size), physical: mb(s.physical_space_size) };
  }
  return out;
};
process.on("SIGUSR2", () => {
  const before = usage();
  const spacesBefore = spaces();
  global.gc();
  const after = usage();
  const h = v8.getHeapStatistics();
  const line = { before, after, spacesBefore, spacesAfter: spaces(), malloced: mb(h.malloced_memory), peakMalloced: mb(h.peak_malloced_memory) };
  process.stderr.write(${JSON.stringify(MARKER)} + JSON.stringify(line) + "\\n");
});
`;

/** Resident memory of a process from /proc/<pid>/status, in MB. */
export interface ProcMemory {
  readonly rssMB: number;
  readonly hwmMB: number;
  readonly anonMB: number;
  readonly fileMB: number;
}

/** VmRSS, VmHWM, RssAnon and RssFile of `pid` (Linux), else null. */
export function procMemory(pid: number): ProcMemory | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string): number => {
      const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status);
      if (!m) throw new Error(`no ${field}`);
      return Math.round((Number(m[1]) / 1024) * 10) / 10;
    };
    return { rssMB: kb("VmRSS"), hwmMB: kb("VmHWM"), anonMB: kb("RssAnon"), fileMB: kb("RssFile") };
  } catch {
    return null;
  }
}

/** One V8 heap space (MB): reserved size, live objects, committed (resident) pages. */
export interface SpaceSize {
  readonly size: number;
  readonly used: number;
  readonly physical: number;
}

/** One probe answer (MB). `after*` is after a full GC. */
export interface HeapProbe {
  readonly before: Record<string, number>;
  readonly after: Record<string, number>;
  readonly spacesBefore: Record<string, SpaceSize>;
  readonly spacesAfter: Record<string, SpaceSize>;
  readonly malloced: number;
  readonly peakMalloced: number;
}

let probeFile: string | undefined;

/** The env that makes a spawned host load the probe (file written once per process). */
export function probeEnv(): Record<string, string> {
  if (!probeFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "om-bench-probe-"));
    process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    probeFile = path.join(dir, "memory-probe.js");
    fs.writeFileSync(probeFile, PROBE_JS);
  }
  return { NODE_OPTIONS: `--expose-gc --require ${JSON.stringify(probeFile)}` };
}

/** Asks a probed host for a full GC and its memory figures. */
export async function probeHeap(host: Host): Promise<HeapProbe> {
  const count = (): number => host.output().stderr.split(MARKER).length - 1;
  const seen = count();
  process.kill(host.pid, "SIGUSR2");
  const ok = await host.waitForOutput(() => count() > seen && host.output().stderr.endsWith("\n"));
  if (!ok) throw new Error(`bench: the probed host (pid ${host.pid}) did not answer SIGUSR2`);
  const stderr = host.output().stderr;
  const start = stderr.lastIndexOf(MARKER) + MARKER.length;
  return JSON.parse(stderr.slice(start, stderr.indexOf("\n", start))) as HeapProbe;
}

/** A step of a memory walk: what to do, then the host is measured. */
export interface MemoryStep {
  readonly phase: string;
  run(host: Host): Promise<void>;
}

/** The measurements taken after one step. */
export interface MemoryPhase {
  readonly phase: string;
  readonly proc: ProcMemory | null;
  /** Host CPU used by this step. */
  readonly cpuMs: number | null;
  /** Only on probed hosts: figures around a forced full GC. */
  readonly heap?: HeapProbe;
}

/**
 * Spawns a host with `spawn(env)` (probed when `probe`), measures it right after the port line
 * ("spawned") and after every step; always stops the host.
 */
export async function walkMemory(
  spawn: (env: Record<string, string>) => Promise<Host>,
  steps: readonly MemoryStep[],
  probe: boolean,
): Promise<MemoryPhase[]> {
  const host = await spawn(probe ? probeEnv() : {});
  try {
    const phases: MemoryPhase[] = [];
    let cpu = processCpuMs(host.pid);
    const measure = async (phase: string): Promise<void> => {
      const cpuNow = processCpuMs(host.pid);
      const cpuMs = cpu === null || cpuNow === null ? null : cpuNow - cpu;
      const proc = procMemory(host.pid);
      const heap = probe ? await probeHeap(host) : undefined;
      cpu = processCpuMs(host.pid);
      phases.push({ phase, proc, cpuMs, ...(heap ? { heap } : {}) });
    };
    await measure("spawned");
    for (const step of steps) {
      await step.run(host);
      await measure(step.phase);
    }
    return phases;
  } finally {
    await host.stop();
  }
}
