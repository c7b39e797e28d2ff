/**
 * One benchmark scenario: an in-process emulator on 127.0.0.1 plus real dynamic-provider hosts
 * spawned from the packed-and-installed package (engine-harness/host), configured like a stack
 * pointing at the emulator. Every host started here is stopped by `close()`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import { installedSubject } from "./subject";
import { startEmulator, type Emulator, type EmulatorOptions } from "../emulator";
import { startHost, type Host, type SerializedProviders } from "../engine-harness/host";

/** An emulator plus the hosts started against it. */
export interface Session {
  readonly emulator: Emulator;
  readonly programDir: string;
  readonly providers: SerializedProviders;
  /** Spawns a host and sends Configure; `config` adds/overrides stack config (e.g. driftCheck). */
  startHost(config?: Record<string, string>): Promise<Host>;
  /** Sets the emulator latency (setup runs at 0 ms, measurements at the configured latency). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

/** The stack config the engine would send for a stack pointing at `emulator` (docs/PULUMI-ENGINE.md). */
export function stackConfig(emulator: Emulator): Record<string, string> {
  return {
    "opsmanager:baseUrl": emulator.baseUrl,
    "opsmanager:publicKey": emulator.publicKey,
    "opsmanager:privateKey": emulator.privateKey,
  };
}

/** Starts a loopback emulator (latency 0) and prepares hosts for it. */
export async function openSession(options: EmulatorOptions = {}): Promise<Session> {
  const { programDir, providers } = await installedSubject();
  const emulator = await startEmulator({ seed: 6, ...options, host: "127.0.0.1", latencyMs: 0 });
  const url = new URL(emulator.baseUrl);
  if (url.hostname !== "127.0.0.1") {
    await emulator.close();
    throw new Error(`bench: the emulator listens on ${url.hostname}; only 127.0.0.1 is allowed`);
  }
  const hosts = new Set<Host>();
  return {
    emulator,
    programDir,
    providers,
    async startHost(config = {}) {
      const host = await startHost(programDir, {});
      hosts.add(host);
      const stop = host.stop;
      Object.assign(host, { stop: () => (hosts.delete(host), stop()) });
      await host.configure({ ...stackConfig(emulator), ...config }, ["opsmanager:privateKey"]);
      return host;
    },
    setLatency(ms) {
      emulator.configure({ latencyMs: ms });
    },
    async close() {
      await Promise.all([...hosts].map((h) => h.stop()));
      await emulator.close();
    },
  };
}

/** Resident set size of a process in MB from /proc/<pid>/status (Linux), else null. */
export function residentMB(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (Linux, 100 Hz ticks), else null. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU time all processes on the machine have used (user + nice + system + irq + softirq + steal,
 * summed over cores), in ms, from /proc/stat (Linux, 100 Hz ticks), else null. The machine is
 * shared: busy time minus the host's and this process's is what other processes took meanwhile.
 */
export function machineBusyMs(): number | null {
  try {
    const cpu = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    // cpu user nice system idle iowait irq softirq steal ...
    const [user, nice, system, , , irq, softirq, steal] = cpu.slice(1).map(Number);
    return (user + nice + system + irq + softirq + (steal || 0)) * 10;
  } catch {
    return null;
  }
}

/** CPU used during a window: by the host, by this process, and by everything else on the machine. */
export interface CpuWindow {
  readonly hostMs: number | null;
  readonly benchMs: number;
  /** Other processes plus hypervisor steal (the machine is shared); null without /proc; clamped at 0. */
  readonly otherMs: number | null;
}

/** Starts measuring; the returned function ends the window and returns what was used in it. */
export function startCpuWindow(hostPid: number): () => CpuWindow {
  const host0 = processCpuMs(hostPid);
  const bench0 = process.cpuUsage();
  const busy0 = machineBusyMs();
  return () => {
    const host1 = processCpuMs(hostPid);
    const bench = process.cpuUsage(bench0);
    const busy1 = machineBusyMs();
    const hostMs = host0 === null || host1 === null ? null : host1 - host0;
    const benchMs = (bench.user + bench.system) / 1000;
    const otherMs =
      busy0 === null || busy1 === null || hostMs === null
        ? null
        : Math.max(0, busy1 - busy0 - hostMs - benchMs);
    return { hostMs, benchMs, otherMs };
  };
}

/** `window.otherMs` as a share of all cores' time over `wallMs` (0..1, 3 decimals), or null. */
export function otherShare(window: CpuWindow, wallMs: number): number | null {
  if (window.otherMs === null || wallMs <= 0) return null;
  return Math.round((window.otherMs / (wallMs * os.cpus().length)) * 1000) / 1000;
}
