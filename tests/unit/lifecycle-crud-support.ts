/** Shared setup of the lifecycle CRUD tests: an in-process emulator and a lifecycle context. */
import { expect } from "chai";
import { createClient } from "../../provider/client/index";
import type { OpsManagerClient } from "../../provider/client/types";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import { ListCache } from "../../provider/lifecycle/common/list-cache";
import { resolveSettings } from "../../provider/lifecycle/settings";
import { startEmulator } from "../../emulator/index";
import type { Emulator, EmulatorOptions } from "../../emulator/types";
import { stackConfig as stackConfigFor } from "../support/stack-config";

/** Stack-config view of an emulator, as configure() would receive it (two attempts per call). */
export function stackConfig(emulator: Emulator): Record<string, string> {
  return stackConfigFor(emulator, { "opsmanager:retryMaxAttempts": "2" });
}

/** An emulator plus a lifecycle context whose client can be wrapped and whose warnings are kept. */
export interface Fixture {
  readonly emulator: Emulator;
  readonly ctx: LifecycleContext;
  readonly warnings: string[];
  close(): Promise<void>;
}

/** Starts an emulator and builds a context; `wrap` may decorate the client. */
export async function fixture(
  options: EmulatorOptions = {},
  wrap: (client: OpsManagerClient, emulator: Emulator) => OpsManagerClient = (c) => c,
): Promise<Fixture> {
  const emulator = await startEmulator({ seed: 7, ...options });
  const settings = resolveSettings((k) => stackConfig(emulator)[k], {
    OPSMANAGER_RETRY_BASE_DELAY_MS: "1",
    // These tests edit the emulator out of band between calls of one client: no list reuse.
    OPSMANAGER_LIST_CACHE_TTL_MS: "0",
  });
  const warnings: string[] = [];
  const warn = (m: string): void => void warnings.push(m);
  const client = wrap(createClient({ ...settings.client, warn }), emulator);
  const ctx: LifecycleContext = {
    client,
    settings,
    lists: new ListCache(),
    warn,
  };
  return { emulator, ctx, warnings, close: () => emulator.close() };
}

/** Asserts a value would cross the host's Struct.fromJavaScript boundary intact. */
export function expectJsonSafe(value: unknown, path = "outs"): void {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") return void expect(Number.isFinite(value), path).to.equal(true);
  if (Array.isArray(value)) return value.forEach((v, i) => expectJsonSafe(v, `${path}[${i}]`));
  expect(typeof value, path).to.equal("object");
  expect(Object.getPrototypeOf(value), `${path} is a plain object`).to.equal(Object.prototype);
  for (const [k, v] of Object.entries(value as object)) expectJsonSafe(v, `${path}.${k}`);
}

/** Ids of the keys the emulator holds in its seeded org. */
export function keyIds(emulator: Emulator): string[] {
  return emulator.admin
    .listKeys(emulator.orgId)
    .map((k) => k.id)
    .sort();
}
