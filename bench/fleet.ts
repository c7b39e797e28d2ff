/**
 * A fleet of resources and the engine-shaped steps over it (docs/PULUMI-ENGINE.md):
 * create = Check({}, news) → Create; refresh = Read(id, outputs, inputs); preview of an
 * existing resource = Check(old inputs, news) → Diff(id, old outputs, checked inputs);
 * destroy = Delete(id, outputs), dependents (entries) before their keys.
 */
import {
  makeUrn,
  ORG_API_KEY_TYPE,
  WHITELIST_ENTRY_TYPE,
  type DiffResult,
  type Host,
  type PropertyMap,
  type ReadResult,
} from "../engine-harness/host";
import { runJobs, mapPool, type Job } from "./pool";
import type { Session } from "./session";

/** A key to declare. Descriptions are unique so log lines can be attributed to keys. */
export interface KeySpec {
  readonly name: string;
  readonly description: string;
}

/** An entry to declare on key number `key`; `address` is unique in the fleet. */
export interface EntrySpec {
  readonly name: string;
  readonly key: number;
  readonly address: string;
  /** Declared as `cidrBlock: address/32` instead of `ipAddress: address`. */
  readonly asCidr: boolean;
}

export interface FleetSpec {
  readonly keys: readonly KeySpec[];
  readonly entries: readonly EntrySpec[];
}

/** A resource as the engine stores it after its step. */
export interface Stored {
  readonly urn: string;
  readonly id: string;
  /** The program's inputs (with `__provider`) — what the next preview sends as news. */
  readonly news: PropertyMap;
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
}

export interface Fleet {
  readonly spec: FleetSpec;
  readonly keys: Stored[];
  readonly entries: Stored[];
}

/** `keys` keys; key i gets `entriesFor(i)` entries with fleet-unique addresses 10.x.y.z. */
export function fleetSpec(
  prefix: string,
  keys: number,
  entriesFor: (key: number) => number,
): FleetSpec {
  const keySpecs: KeySpec[] = [];
  const entrySpecs: EntrySpec[] = [];
  for (let k = 0; k < keys; k++) {
    keySpecs.push({ name: `${prefix}-key-${k}`, description: `bench ${prefix} key ${k}` });
    for (let j = 0; j < entriesFor(k); j++) {
      const n = entrySpecs.length + 1;
      const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      entrySpecs.push({ name: `${prefix}-entry-${k}-${j}`, key: k, address, asCidr: j % 2 === 1 });
    }
  }
  return { keys: keySpecs, entries: entrySpecs };
}

/** Indexes of each key's entries. */
export function entriesByKey(spec: FleetSpec): Map<number, number[]> {
  const byKey = new Map<number, number[]>();
  spec.entries.forEach((e, i) => {
    const list = byKey.get(e.key);
    if (list) list.push(i);
    else byKey.set(e.key, [i]);
  });
  return byKey;
}

export const keyUrn = (spec: KeySpec): string => makeUrn(ORG_API_KEY_TYPE, spec.name);
export const entryUrn = (spec: EntrySpec): string => makeUrn(WHITELIST_ENTRY_TYPE, spec.name);

export function keyNews(s: Session, spec: KeySpec): PropertyMap {
  return {
    orgId: s.emulator.orgId,
    description: spec.description,
    roles: ["ORG_MEMBER"],
    __provider: s.providers.OrgApiKey,
  };
}

function entryNews(s: Session, spec: EntrySpec, keyId: string): PropertyMap {
  const address = spec.asCidr ? { cidrBlock: `${spec.address}/32` } : { ipAddress: spec.address };
  return {
    orgId: s.emulator.orgId,
    apiKeyId: keyId,
    ...address,
    __provider: s.providers.ApiKeyWhitelistEntry,
  };
}

/** Engine "new resource" step: Check({}, news) must pass, then Create(checked inputs). */
export async function createStep(host: Host, urn: string, news: PropertyMap): Promise<Stored> {
  const checked = await host.check(urn, {}, news);
  if (checked.failures.length > 0) {
    const why = checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; ");
    throw new Error(`bench: Check of ${urn} failed (${why}); the fleet spec is invalid`);
  }
  const created = await host.create(urn, checked.inputs);
  return { urn, id: created.id, news, inputs: checked.inputs, outputs: created.properties };
}

/**
 * Creates the fleet with at most `concurrency` steps in flight; each entry step is released when
 * its key's step has finished (the program needs the key's id first).
 */
export async function createFleet(
  s: Session,
  host: Host,
  spec: FleetSpec,
  concurrency: number,
): Promise<Fleet> {
  const fleet: Fleet = {
    spec,
    keys: new Array(spec.keys.length),
    entries: new Array(spec.entries.length),
  };
  const entriesOf = entriesByKey(spec);
  const entryJob =
    (i: number, keyId: string): Job =>
    async () => {
      const e = spec.entries[i];
      fleet.entries[i] = await createStep(host, entryUrn(e), entryNews(s, e, keyId));
    };
  const keyJobs = spec.keys.map((k, i): Job => async () => {
    const key = await createStep(host, keyUrn(k), keyNews(s, k));
    fleet.keys[i] = key;
    return (entriesOf.get(i) ?? []).map((e) => entryJob(e, key.id));
  });
  await runJobs(concurrency, keyJobs);
  return fleet;
}

/** Engine destroy: every entry, then every key, `concurrency` deletes in flight. */
export async function deleteFleet(host: Host, fleet: Fleet, concurrency: number): Promise<void> {
  await mapPool(fleet.entries, concurrency, (r) => host.delete(r.id, r.urn, r.outputs));
  await mapPool(fleet.keys, concurrency, (r) => host.delete(r.id, r.urn, r.outputs));
}

/** Every resource in state order (keys, then entries), as a refresh walks the old state. */
export function stateOrder(fleet: Fleet): Stored[] {
  return [...fleet.keys, ...fleet.entries];
}

/** Refresh: Read(id, old outputs, old inputs) for every resource, `concurrency` in flight. */
export function refreshFleet(host: Host, fleet: Fleet, concurrency: number): Promise<ReadResult[]> {
  return mapPool(stateOrder(fleet), concurrency, (r) =>
    host.read(r.id, r.urn, r.outputs, r.inputs),
  );
}

/** Preview of one existing resource with unchanged program inputs: Check then Diff. */
export async function previewStep(host: Host, r: Stored): Promise<DiffResult> {
  const checked = await host.check(r.urn, r.inputs, r.news);
  if (checked.failures.length > 0) {
    throw new Error(
      `bench: Check of unchanged ${r.urn} failed: ${JSON.stringify(checked.failures)}`,
    );
  }
  return host.diff(r.id, r.urn, r.outputs, checked.inputs, { oldInputs: r.inputs });
}

/** Previews the unchanged fleet; entry steps wait for their key's step, as in the engine. */
export async function previewFleet(
  host: Host,
  fleet: Fleet,
  concurrency: number,
): Promise<DiffResult[]> {
  const keyCount = fleet.keys.length;
  const results = new Array<DiffResult>(keyCount + fleet.entries.length);
  const entriesOf = entriesByKey(fleet.spec);
  const entryJob =
    (i: number): Job =>
    async () =>
      void (results[keyCount + i] = await previewStep(host, fleet.entries[i]));
  await runJobs(
    concurrency,
    fleet.keys.map((key, k): Job => async () => {
      results[k] = await previewStep(host, key);
      return (entriesOf.get(k) ?? []).map(entryJob);
    }),
  );
  return results;
}
