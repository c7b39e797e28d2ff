/**
 * Shared fixtures of the tier-3 host suite (docs/TESTING.md): the package is packed, installed and
 * its providers serialized ONCE per mocha process; each describe block opens a scenario (an
 * in-process emulator + one real dynamic-provider host) and closes it in `after`.
 */
import { expect } from "chai";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../emulator";
import { stackConfig as stackConfigFor } from "../../support/stack-config";
import {
  makeUrn,
  ORG_API_KEY_TYPE,
  installedPackage,
  startHost,
  WHITELIST_ENTRY_TYPE,
  type Host,
  type HostOutput,
  type PropertyMap,
  type SerializedProviders,
} from "../../../engine-harness/host";

type OrFromEmulator<T> = T | ((emulator: Emulator) => T);

export interface ScenarioOptions {
  readonly emulator?: EmulatorOptions;
  /** Extra/overriding stack config; `null` sends no opsmanager keys at all. */
  readonly config?: OrFromEmulator<Record<string, string> | null>;
  /** Environment of the spawned host. */
  readonly env?: OrFromEmulator<Record<string, string | undefined>>;
}

function resolve<T>(v: OrFromEmulator<T> | undefined, emulator: Emulator): T | undefined {
  return typeof v === "function" ? (v as (e: Emulator) => T)(emulator) : v;
}

/** One emulator + one host, configured like a stack pointing at the emulator. */
export interface Scenario {
  readonly emulator: Emulator;
  readonly host: Host;
  readonly providers: SerializedProviders;
  /** Every private key issued during the scenario (plus the bootstrap one), for leak scans. */
  readonly secrets: Set<string>;
  close(): Promise<HostOutput>;
}

/** Stack config for an emulator, namespaced like the engine sends it, with an unrelated key. */
export function stackConfig(emulator: Emulator): Record<string, string> {
  return stackConfigFor(emulator, {
    "opsmanager:retryMaxAttempts": "2",
    "proj:unrelated": "some other project setting",
  });
}

/** Starts the emulator and host and sends Configure (privateKey marked secret). */
export async function openScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const { programDir, providers } = await installedPackage();
  const emulator = await startEmulator({ seed: 7, ...options.emulator });
  let host: Host;
  try {
    host = await startHost(programDir, resolve(options.env, emulator) ?? {});
  } catch (e) {
    await emulator.close();
    throw e;
  }
  const extra = resolve(options.config, emulator);
  const config =
    extra === null ? { "proj:unrelated": "x" } : { ...stackConfig(emulator), ...extra };
  await host.configure(config, ["opsmanager:privateKey"]);
  const secrets = new Set([emulator.privateKey]);
  let closed: Promise<HostOutput> | undefined;
  const close = (): Promise<HostOutput> =>
    (closed ??= (async () => {
      const out = await host.stop();
      await emulator.close();
      return out;
    })());
  return { emulator, host, providers, secrets, close };
}

export const keyUrn = (name: string): string => makeUrn(ORG_API_KEY_TYPE, name);
export const entryUrn = (name: string): string => makeUrn(WHITELIST_ENTRY_TYPE, name);

/** State of one resource as the engine would store it. */
export interface Stored {
  readonly urn: string;
  readonly id: string;
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
}

/** Engine "new resource" step: Check({}, news) must pass, then Create(checked inputs). */
export async function createResource(
  s: Scenario,
  urn: string,
  provider: string,
  news: PropertyMap,
): Promise<Stored> {
  const checked = await s.host.check(urn, {}, { ...news, __provider: provider });
  expect(checked.failures, `check failures for ${urn}`).to.deep.equal([]);
  const created = await s.host.create(urn, checked.inputs);
  if (typeof created.properties.privateKey === "string")
    s.secrets.add(created.properties.privateKey);
  return { urn, id: created.id, inputs: checked.inputs, outputs: created.properties };
}

/** Creates an OrgApiKey in the emulator's org through the host. */
export function createKey(s: Scenario, name: string, news: PropertyMap = {}): Promise<Stored> {
  const inputs = {
    orgId: s.emulator.orgId,
    description: `key ${name}`,
    roles: ["ORG_MEMBER"],
    ...news,
  };
  return createResource(s, keyUrn(name), s.providers.OrgApiKey, inputs);
}

/** Creates an ApiKeyWhitelistEntry for `key` through the host. */
export function createEntry(
  s: Scenario,
  name: string,
  key: Stored,
  news: PropertyMap,
): Promise<Stored> {
  const inputs = { orgId: s.emulator.orgId, apiKeyId: key.id, ...news };
  return createResource(s, entryUrn(name), s.providers.ApiKeyWhitelistEntry, inputs);
}

/** Engine "existing resource" step up to Diff: Check(old inputs, news) then Diff(old outputs, checked). */
export async function checkAndDiff(
  s: Scenario,
  stored: Stored,
  provider: string,
  news: PropertyMap,
) {
  const checked = await s.host.check(stored.urn, stored.inputs, { ...news, __provider: provider });
  expect(checked.failures, `check failures for ${stored.urn}`).to.deep.equal([]);
  const diff = await s.host.diff(stored.id, stored.urn, stored.outputs, checked.inputs, {
    oldInputs: stored.inputs,
  });
  return { checked: checked.inputs, diff };
}

/** Fails when any secret appears in any of the texts (names the text, never prints the secret). */
export function expectNoSecrets(secrets: Iterable<string>, texts: Record<string, string>): void {
  const list = [...secrets].filter((x) => x.length >= 8);
  expect(list.length, "secrets to scan for").to.be.greaterThan(0);
  for (const [where, text] of Object.entries(texts)) {
    list.forEach((secret, i) => {
      expect(
        text.includes(secret),
        `secret #${i} (…${secret.slice(-4)}) appears in ${where}`,
      ).to.equal(false);
    });
  }
}

/** Requests of the emulator log, as `METHOD path` lines. */
export function requestLines(emulator: Emulator): string[] {
  return emulator.requests.map((r) => `${r.method} ${r.path}`);
}
