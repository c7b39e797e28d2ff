/**
 * One benchmark scenario: an in-process emulator on 127.0.0.1 plus real dynamic-provider hosts
 * spawned from the packed-and-installed package (engine-harness/host), configured like a stack
 * pointing at the emulator. Every host started here is stopped by `close()`.
 */
import * as fs from "node:fs";
import { startEmulator, type Emulator, type EmulatorOptions } from "../emulator";
import {
  packAndInstall,
  serializeProviders,
  startHost,
  type Host,
  type SerializedProviders,
} from "../engine-harness/host";

/** The installed package and its serialized providers. */
export interface Installed {
  readonly programDir: string;
  readonly providers: SerializedProviders;
}

let installed: Promise<Installed> | undefined;

/** Packs, installs and serializes once per process (the build must have run). */
export function installedPackage(): Promise<Installed> {
  installed ??= packAndInstall().then(async ({ programDir }) => ({
    programDir,
    providers: await serializeProviders(programDir),
  }));
  return installed;
}

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

/** The stack config the engine would send for a stack pointing at `emulator` (spec §5). */
export function stackConfig(emulator: Emulator): Record<string, string> {
  return {
    "opsmanager:baseUrl": emulator.baseUrl,
    "opsmanager:publicKey": emulator.publicKey,
    "opsmanager:privateKey": emulator.privateKey,
  };
}

/** Starts a loopback emulator (latency 0) and prepares hosts for it. */
export async function openSession(options: EmulatorOptions = {}): Promise<Session> {
  const { programDir, providers } = await installedPackage();
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
