/**
 * state cost. Bytes of the serialized `__provider` of each resource type,
 * the state a stack of `keys × (1 + entriesPerKey)` resources would store (each resource as the
 * engine checkpoints it: urn, id, type, inputs and outputs — `__provider` in both — parent,
 * provider reference, dependencies, privateKey as a secret envelope; compact JSON), and the
 * host's resident memory after it created and then read all of them (/proc/<pid>/status VmRSS),
 * phase by phase next to a bare no-op provider host, plus what survives a forced full GC
 * (state-memory.ts, host-memory.ts, state-memory-report.ts).
 */
import { randomBytes } from "node:crypto";
import { SECRET_SIG, SECRET_SIG_KEY, type PropertyMap } from "../engine-harness/host";
import type { BenchOptions } from "./args";
import type { Stored } from "./fleet";
import type { BenchResult } from "./report";
import { openSession } from "./session";
import { memoryReport } from "./state-memory-report";
import { walkNoop, walkOurs } from "./state-memory";
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
    const ours = await walkOurs(s, keys, entriesPerKey, o.concurrency);
    const { fleet } = ours;
    const noop = await walkNoop(ours.resources, o.concurrency);
    const memory = memoryReport(ours, noop, o.concurrency);
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
    return {
      name: "state",
      title: "State cost",
      metrics: [
        {
          id: "state.providerBytes.OrgApiKey",
          label: "__provider bytes per OrgApiKey",
          value: keyProvider,
          unit: "B",
          target: { op: "<=", value: 1024 },
        },
        {
          id: "state.providerBytes.ApiKeyWhitelistEntry",
          label: "__provider bytes per ApiKeyWhitelistEntry",
          value: entryProvider,
          unit: "B",
          target: { op: "<=", value: 1024 },
        },
        {
          id: "state.totalBytes",
          label: `state bytes for ${count} resources (${keys} keys + ${fleet.entries.length} entries)`,
          value: total,
          unit: "B",
        },
        {
          id: "state.bytesPerResource",
          label: `state bytes per resource (mean of ${count})`,
          value: Math.round(total / count),
          unit: "B",
          target: { op: "<=", value: 2500 },
          ...(total / count > 2500
            ? {
                reason: `__provider is ${round(providerShare * 100, 1)}% of the bytes (${keyProvider} B per OrgApiKey, ${entryProvider} B per entry, stored twice each)`,
              }
            : {}),
        },
        ...memory.metrics,
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
        hostMemory: memory.details,
      },
      notes: [
        `State estimated from the real Check/Create answers: each resource as a checkpoint entry (urn, id, type, inputs, outputs, parent, provider ref, dependencies, timestamps), privateKey as a secret envelope of AES-GCM size, compact JSON; __provider appears in inputs and outputs (${round(providerShare * 100, 1)}% of the bytes).`,
        ...memory.notes,
      ],
      durationMs: Date.now() - started,
    };
  } finally {
    await s.close();
  }
}
