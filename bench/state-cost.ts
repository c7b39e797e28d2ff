/**
 * Benchmark 5 (issue 6): state cost. Bytes of the serialized `__provider` of each resource type,
 * the state a stack of `keys × (1 + entriesPerKey)` resources would store (each resource as the
 * engine checkpoints it: urn, id, type, inputs and outputs — `__provider` in both — parent,
 * provider reference, dependencies, privateKey as a secret envelope; compact JSON), and the
 * host's resident memory after it created and then read all of them (/proc/<pid>/status VmRSS).
 */
import { randomBytes } from "node:crypto";
import {
  makeUrn,
  SECRET_SIG,
  SECRET_SIG_KEY,
  startHost,
  type PropertyMap,
} from "../engine-harness/host";
import type { BenchOptions } from "./args";
import { createFleet, fleetSpec, refreshFleet, type Stored } from "./fleet";
import type { BenchResult } from "./report";
import { installNoopProvider } from "./noop-provider";
import { mapPool } from "./pool";
import { openSession, residentMB } from "./session";
import { round } from "./stats";

const STACK_URN = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
const PROVIDER_REF =
  "urn:pulumi:dev::proj::pulumi:providers:pulumi-nodejs::default::04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A secret as a passphrase/service secrets manager stores it: AES-256-GCM, 12-byte nonce, 16-byte tag. */
function secretEnvelope(value: unknown): PropertyMap {
  const plain = Buffer.from(JSON.stringify(value));
  const ciphertext = `v1:${randomBytes(12).toString("base64")}:${randomBytes(plain.length + 16).toString("base64")}`;
  return { [SECRET_SIG_KEY]: SECRET_SIG, ciphertext };
}

/** One resource as the engine's checkpoint would hold it. */
function stateRecord(r: Stored, type: string, dependsOn?: string): Record<string, unknown> {
  const outputs = { ...r.outputs };
  if (typeof outputs.privateKey === "string")
    outputs.privateKey = secretEnvelope(outputs.privateKey);
  const now = new Date().toISOString();
  return {
    urn: r.urn,
    custom: true,
    id: r.id,
    type,
    inputs: r.inputs,
    outputs,
    parent: STACK_URN,
    provider: PROVIDER_REF,
    ...(dependsOn
      ? { dependencies: [dependsOn], propertyDependencies: { apiKeyId: [dependsOn] } }
      : {}),
    ...(type.endsWith("OrgApiKey") ? { additionalSecretOutputs: ["privateKey"] } : {}),
    created: now,
    modified: now,
  };
}

/** RSS of a bare no-op provider host after Check + Create of `count` resources (the SDK's share). */
async function noopHostRss(count: number, concurrency: number): Promise<number | null> {
  const noop = await installNoopProvider();
  const host = await startHost(noop.programDir, {});
  try {
    await host.configure({ "proj:unrelated": "x" });
    const names = Array.from({ length: count }, (_, i) => `noop-${i}`);
    await mapPool(names, concurrency, async (name) => {
      const urn = makeUrn("pulumi-nodejs:dynamic:Resource", name);
      const checked = await host.check(urn, {}, { value: name, __provider: noop.providerText });
      await host.create(urn, checked.inputs);
    });
    return residentMB(host.pid);
  } finally {
    await host.stop();
  }
}

const bytes = (x: unknown): number =>
  Buffer.byteLength(typeof x === "string" ? x : JSON.stringify(x));

/** Runs the state-cost benchmark. */
export async function benchStateCost(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const { keys, entriesPerKey } = o.state;
  const s = await openSession({ seed: 65 });
  try {
    const keyProvider = bytes(s.providers.OrgApiKey);
    const entryProvider = bytes(s.providers.ApiKeyWhitelistEntry);
    const host = await s.startHost();
    const rssConfigured = residentMB(host.pid);
    const fleet = await createFleet(
      s,
      host,
      fleetSpec("s", keys, () => entriesPerKey),
      o.concurrency,
    );
    const rssCreated = residentMB(host.pid);
    await refreshFleet(host, fleet, o.concurrency);
    const rssRead = residentMB(host.pid);
    await host.stop();
    const noopRss = await noopHostRss(fleet.keys.length + fleet.entries.length, o.concurrency);
    const keyTypes = fleet.keys.map((k) =>
      bytes(stateRecord(k, "pulumi-nodejs:dynamic/opsmanager:OrgApiKey")),
    );
    const entryTypes = fleet.entries.map((e, i) =>
      bytes(
        stateRecord(
          e,
          "pulumi-nodejs:dynamic/opsmanager:ApiKeyWhitelistEntry",
          fleet.keys[fleet.spec.entries[i].key].urn,
        ),
      ),
    );
    const total = [...keyTypes, ...entryTypes].reduce((a, b) => a + b, 0);
    const count = keyTypes.length + entryTypes.length;
    const providerShare =
      (keyProvider * 2 * keyTypes.length + entryProvider * 2 * entryTypes.length) / total;
    const avg = (xs: number[]) =>
      xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0;
    const rssServed =
      rssCreated === null || rssRead === null ? null : Math.max(rssCreated, rssRead);
    return {
      name: "state",
      title: "State cost",
      metrics: [
        {
          id: "state.providerBytes.OrgApiKey",
          label: "__provider bytes per OrgApiKey",
          value: keyProvider,
          unit: "B",
          target: { op: "<=", value: 4096 },
        },
        {
          id: "state.providerBytes.ApiKeyWhitelistEntry",
          label: "__provider bytes per ApiKeyWhitelistEntry",
          value: entryProvider,
          unit: "B",
          target: { op: "<=", value: 4096 },
        },
        {
          id: "state.totalBytes",
          label: `state bytes for ${count} resources (${keys} keys + ${fleet.entries.length} entries)`,
          value: total,
          unit: "B",
        },
        {
          id: "state.bytesPerResource",
          label: "state bytes per resource (mean)",
          value: Math.round(total / count),
          unit: "B",
        },
        {
          id: "state.hostRssMB",
          label: `host RSS after serving ${count} resources`,
          value: rssServed,
          unit: "MB",
          target: { op: "<=", value: 150 },
        },
        {
          id: "state.noopHostRssMB",
          label: `bare no-op provider host RSS after ${count} check+create`,
          value: noopRss,
          unit: "MB",
        },
      ],
      details: {
        resources: count,
        providerBytes: { OrgApiKey: keyProvider, ApiKeyWhitelistEntry: entryProvider },
        stateBytes: {
          total,
          perKeyMean: avg(keyTypes),
          perEntryMean: avg(entryTypes),
          providerShare: round(providerShare, 3),
        },
        hostRssMB: {
          afterConfigure: rssConfigured,
          afterCreate: rssCreated,
          afterRead: rssRead,
          noopAfterCreate: noopRss,
        },
      },
      notes: [
        `State estimated from the real Check/Create answers: each resource as a checkpoint entry (urn, id, type, inputs, outputs, parent, provider ref, dependencies, timestamps), privateKey as a secret envelope of AES-GCM size, compact JSON; __provider appears in inputs and outputs (${round(providerShare * 100, 1)}% of the bytes).`,
        `Host RSS: one host Checks and Creates all ${count} resources (concurrency ${o.concurrency}, 0 ms latency), then Reads them all; the metric is the larger of the two readings (after Configure: ${rssConfigured} MB). For scale, a bare no-op dynamic provider host serving ${count} Check + Create calls: ${noopRss} MB.`,
      ],
      durationMs: Date.now() - started,
    };
  } finally {
    await s.close();
  }
}
