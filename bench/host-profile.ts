/**
 * Where our host's CPU goes during the parallel reconcile (the parallel reconcile is CPU-bound here):
 * the reconcile shape (keys + entries after their key, `concurrency` in flight, `latencyMs`) on a
 * host spawned with NODE_OPTIONS="--require <preload>"; the preload starts the V8 sampling
 * profiler (inspector) on the first SIGUSR2 and writes the profile on the second. A warm-up
 * fleet runs before profiling starts, so package and got loading are not in the profile. Samples
 * are attributed by cpu-profile.ts. Profiling slows the host; the shares matter, and the
 * profiled run's /proc CPU is reported next to the profile's busy time.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startHost, type Host } from "../engine-harness/host";
import type { BenchOptions } from "./args";
import { attributeProfile, OWNERS, type CpuProfile, type Owner } from "./cpu-profile";
import { createFleet, fleetSpec } from "./fleet";
import type { BenchResult, Metric } from "./report";
import { openSession, stackConfig, startCpuWindow } from "./session";
import { round, timed } from "./stats";

const MARKER = "BENCH_PROFILE";

const PRELOAD_JS = `"use strict";
const inspector = require("inspector");
const fs = require("fs");
const session = new inspector.Session();
session.connect();
let running = false;
const say = (what) => process.stderr.write(${JSON.stringify(MARKER)} + " " + what + "\\n");
process.on("SIGUSR2", () => {
  if (!running) {
    running = true;
    session.post("Profiler.enable", () =>
      session.post("Profiler.setSamplingInterval", { interval: 1000 }, () =>
        session.post("Profiler.start", () => say("started"))));
  } else {
    session.post("Profiler.stop", (err, result) => {
      fs.writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(err ? { error: String(err) } : result.profile));
      say("written");
    });
  }
});
`;

/** Sends SIGUSR2 and waits for the preload's `what` line. */
async function toggle(host: Host, what: string): Promise<void> {
  process.kill(host.pid, "SIGUSR2");
  const ok = await host.waitForOutput((o) => o.stderr.includes(`${MARKER} ${what}\n`), 15000);
  if (!ok) throw new Error(`bench: the profiled host (pid ${host.pid}) never reported "${what}"`);
}

/** Runs the profiled reconcile and attributes the host's CPU. */
export async function benchHostProfile(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "om-bench-profile-"));
  const s = await openSession({ seed: 67 });
  try {
    const preload = path.join(dir, "profile-preload.js");
    const profileFile = path.join(dir, "host.cpuprofile");
    fs.writeFileSync(preload, PRELOAD_JS);
    const env = {
      NODE_OPTIONS: `--require ${JSON.stringify(preload)}`,
      BENCH_PROFILE_FILE: profileFile,
    };
    const host = await startHost(s.programDir, env);
    try {
      await host.configure(stackConfig(s.emulator), ["opsmanager:privateKey"]);
      const { entriesPerKey } = o.reconcile;
      await createFleet(
        s,
        host,
        fleetSpec("hw", 2, () => entriesPerKey),
        o.concurrency,
      );
      const keys = o.reconcile.keys > 0 ? o.reconcile.keys : o.reconcile.repKeys;
      const spec = fleetSpec("hp", keys, () => entriesPerKey);
      const resources = spec.keys.length + spec.entries.length;
      s.setLatency(o.latencyMs);
      await toggle(host, "started");
      const endCpu = startCpuWindow(host.pid);
      const { ms: wallMs } = await timed(() => createFleet(s, host, spec, o.concurrency));
      const cpu = endCpu();
      s.setLatency(0);
      await toggle(host, "written");
      const profile = JSON.parse(fs.readFileSync(profileFile, "utf8")) as CpuProfile & {
        error?: string;
      };
      if (profile.error) throw new Error(`bench: the host's profiler failed: ${profile.error}`);
      if (o.profileOut) fs.copyFileSync(profileFile, o.profileOut);
      const { busyMs, byOwner } = attributeProfile(profile);
      const per = (ms: number): number => round(ms / resources, 2);
      const sum = (owners: readonly Owner[]): number => owners.reduce((a, k) => a + byOwner[k], 0);
      const provider = sum(["got and its dependencies", "our package", "ts-retry, ipaddr.js"]);
      const protocol = sum(["@grpc/grpc-js", "google-protobuf", "@pulumi/pulumi host"]);
      const row = (id: string, label: string, ms: number): Metric => ({
        id: `profile.${id}`,
        label: `host CPU profile: ${label} per created resource`,
        value: per(ms),
        unit: "ms",
      });
      const metrics: Metric[] = [
        row("busy", "busy (main thread, sampled)", busyMs),
        row("provider", "provider side (got + our package + ts-retry/ipaddr)", provider),
        row("got", "of which got and its dependencies", byOwner["got and its dependencies"]),
        row("protocol", "protocol side (grpc-js + google-protobuf + SDK host)", protocol),
        row(
          "unowned",
          "node core with no package frame (event loop, sockets)",
          byOwner["node core, no package on the stack"],
        ),
        row("gc", "garbage collector", byOwner["garbage collector"]),
      ];
      const shares = OWNERS.map(
        (k) =>
          `${k} ${per(byOwner[k])} ms (${busyMs > 0 ? round((byOwner[k] / busyMs) * 100, 1) : 0}%)`,
      ).join(", ");
      return {
        name: "profile",
        title: "Host CPU profile",
        metrics,
        details: { resources, wallMs: round(wallMs, 1), busyMs, byOwner, procCpu: cpu },
        notes: [
          `One profiled create of ${resources} resources (${keys} keys + ${spec.entries.length} entries, ${o.concurrency} in flight, ${o.latencyMs} ms latency) after a warm-up fleet; V8 sampling profiler at 1 ms in the host, started/stopped by signal. Wall ${round(wallMs, 0)} ms; host CPU from /proc ${cpu.hostMs === null ? "n/a" : per(cpu.hostMs)} ms per resource (main thread + GC/helper threads; the profile samples the main thread).`,
          `Per created resource, each sample charged to the nearest package frame on its stack: ${shares}.`,
        ],
        durationMs: Date.now() - started,
      };
    } finally {
      await host.stop();
    }
  } finally {
    await s.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
