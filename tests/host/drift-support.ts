/**
 * Helpers of the drift host tests: a fresh host per engine operation (each `pulumi preview` /
 * `up` / `refresh` runs its own plugin process), the engine's
 * preview steps over a set of stored resources, and list requests counted from the emulator log.
 */
import { expect } from "chai";
import type { Emulator } from "../../emulator";
import {
  startHost,
  type DiffResult,
  type Host,
  type PropertyMap,
  installedPackage,
} from "../../engine-harness/host";
import { checkAndDiff, stackConfig, type Scenario, type Stored } from "./support/suite";

/** Starts another host against the scenario's emulator and configures it like the stack. */
export async function freshHost(
  s: Scenario,
  config: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<Host> {
  const { programDir } = await installedPackage();
  const host = await startHost(programDir, env);
  await host.configure({ ...stackConfig(s.emulator), ...config }, ["opsmanager:privateKey"]);
  return host;
}

/** The program's declaration of a stored resource (its checked inputs without __provider). */
export function declared(stored: Stored, over: PropertyMap = {}): PropertyMap {
  const { __provider: _provider, ...inputs } = stored.inputs;
  return { ...inputs, ...over };
}

/** A resource of the preview with the inputs the program declares now. */
export interface Planned {
  readonly stored: Stored;
  readonly news: PropertyMap;
}

/**
 * The engine's preview of existing resources on `host`: Check(old inputs, news) → Diff(old
 * outputs, checked) for every key at once, then every entry at once (entries follow their key).
 */
export async function preview(
  s: Scenario,
  host: Host,
  keys: readonly Planned[],
  entries: readonly Planned[],
): Promise<Map<string, DiffResult>> {
  const view: Scenario = { ...s, host };
  const diffs = new Map<string, DiffResult>();
  for (const group of [keys, entries]) {
    const results = await Promise.all(
      group.map(({ stored, news }) => {
        const provider = stored.urn.includes("OrgApiKey")
          ? s.providers.OrgApiKey
          : s.providers.ApiKeyWhitelistEntry;
        return checkAndDiff(view, stored, provider, news);
      }),
    );
    group.forEach(({ stored }, i) => diffs.set(stored.urn, results[i].diff));
  }
  return diffs;
}

/** Request counts of the emulator log: K1 and A1 lists, everything else, and 401 challenges. */
export function requestCounts(emulator: Emulator) {
  const k1 = new RegExp(`/orgs/${emulator.orgId}/apiKeys(\\?|$)`);
  const a1 = /\/apiKeys\/[0-9a-f]{24}\/(accessList|whitelist)(\?|$)/;
  const log = emulator.requests;
  const challenges = log.filter((r) => r.status === 401 && !r.authenticated).length;
  const answered = log.filter((r) => !(r.status === 401 && !r.authenticated));
  const keyLists = answered.filter((r) => r.method === "GET" && k1.test(r.path)).length;
  const entryLists = answered.filter((r) => r.method === "GET" && a1.test(r.path)).length;
  return {
    total: log.length,
    challenges,
    keyLists,
    entryLists,
    other: answered.length - keyLists - entryLists,
  };
}

/** Diagnostic lines the provider printed about drift, as the user sees them. */
export function driftLines(host: Host): string[] {
  return host
    .output()
    .stderr.split("\n")
    .filter((l) =>
      /^(OrgApiKey|ApiKeyWhitelistEntry) \S+.*(drifted|deleted outside Pulumi)/.test(l),
    );
}

/** Waits until the host printed `count` drift lines (stderr may trail the RPC answer). */
export async function expectDriftLines(host: Host, count: number): Promise<string[]> {
  await host.waitForOutput(() => driftLines(host).length >= count, 5000);
  const lines = driftLines(host);
  expect(lines, lines.join("\n")).to.have.length(count);
  return lines;
}
