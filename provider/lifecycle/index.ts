/**
 * Entry point the serialized shim loads at call time (design §2): `configure(provider, req)` and
 * `dispatch(provider, method, args)`. `provider` is the deserialized shim object (`this` inside
 * its methods); its `kind` says which resource it serves. This module and everything it loads
 * never import @pulumi/pulumi (host cold start) and are never serialized, so the per-process
 * state here (config per shim object, clients, the list cache of live-cache.ts) is safe.
 */
import type {
  CreateResultLike,
  DiffResultLike,
  ReadResultLike,
  UpdateResultLike,
} from "./check-types";
import type { LifecycleContext } from "./context";
import { checkOrgApiKey } from "./api-key-check";
import { diffOrgApiKey } from "./api-key-diff";
import { checkWhitelistEntry } from "./entry-check";
import { diffWhitelistEntry } from "./entry-diff";
import { CONFIG_KEYS, resolveDriftCheck, resolveSettings, type ProviderSettings } from "./settings";
import type { ResourceKind } from "./types";

export { UNKNOWN } from "./sentinel";
export type { ResourceKind } from "./types";

/** Config values per provider object, captured by configure(); never written onto the object. */
const configs = new WeakMap<object, Readonly<Record<string, string>>>();
const NO_PROVIDER = {};

/** The part of the host's ConfigureRequest this provider uses. */
export interface ConfigureRequestLike {
  readonly config?: { get(key: string): string | undefined };
}

/** Stores this provider's `opsmanager:*` stack config (called once per shim text per host process). */
export function configure(provider: unknown, req: ConfigureRequestLike | undefined): void {
  const values: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    try {
      const value = req?.config?.get(key);
      if (typeof value === "string") values[key] = value;
    } catch {
      // An engine older than 3.139 sends no config: the environment fallback applies.
    }
  }
  configs.set(objectOf(provider), values);
}

function objectOf(provider: unknown): object {
  return typeof provider === "object" && provider !== null ? provider : NO_PROVIDER;
}

/** Settings for this provider object: configure()'d values first, then the environment now. */
export function settingsFor(provider: unknown): ProviderSettings {
  const values = configs.get(objectOf(provider)) ?? {};
  return resolveSettings((key) => values[key], process.env);
}

function contextFor(provider: unknown): LifecycleContext {
  const settings = settingsFor(provider);
  const { clientFor } = require("./clients") as typeof import("./clients");
  // Plugin stderr is shown to the user as diagnostics (spec pulumi-dynamic-provider.md §1).
  const warn = (message: string): void => console.warn(message);
  return { client: clientFor({ warn, ...settings.client }), settings, warn };
}

/**
 * diff: the stored-state diff, plus (driftCheck `live`, the default) the live objects
 * (drift-check.ts). `state` needs no connection settings and makes no request.
 */
async function diff(
  provider: unknown,
  kind: ResourceKind,
  id: string,
  olds: unknown,
  news: unknown,
): Promise<DiffResultLike> {
  const offline =
    kind === "OrgApiKey" ? diffOrgApiKey(id, olds, news) : diffWhitelistEntry(id, olds, news);
  const values = configs.get(objectOf(provider)) ?? {};
  if (resolveDriftCheck((key) => values[key]) === "state") return offline;
  const { diffWithLiveState } = require("./drift-check") as typeof import("./drift-check");
  return diffWithLiveState(kind, () => contextFor(provider), id, olds, news, offline);
}

/** The lifecycle methods the shim forwards. */
export type Method = "check" | "diff" | "create" | "read" | "update" | "delete";
const METHODS: readonly string[] = ["check", "diff", "create", "read", "update", "delete"];

function kindOf(provider: unknown): ResourceKind {
  const kind = (provider as { kind?: unknown } | null)?.kind;
  if (kind === "OrgApiKey" || kind === "ApiKeyWhitelistEntry") return kind;
  throw new Error(
    `pulumi-opsmanager-apikeys: unknown resource kind ${JSON.stringify(kind)} in the serialized provider; ` +
      "upgrade the pulumi-opsmanager-apikeys package in the program directory.",
  );
}

/** Runs one lifecycle method for the shim's resource kind. `args` are the host's plain values. */
export async function dispatch(
  provider: unknown,
  method: Method,
  args: unknown[],
): Promise<unknown> {
  const kind = kindOf(provider);
  if (!METHODS.includes(method))
    throw new Error(`pulumi-opsmanager-apikeys: unknown provider method ${String(method)}.`);
  const [a, b, c] = Array.isArray(args) ? args : [];
  if (method === "check")
    return kind === "OrgApiKey" ? checkOrgApiKey(a, b) : checkWhitelistEntry(a, b);
  if (method === "diff") return diff(provider, kind, String(a), b, c);
  const ctx = contextFor(provider);
  return kind === "OrgApiKey" ? keyCrud(ctx, method, a, b, c) : entryCrud(ctx, method, a, b, c);
}

async function keyCrud(
  ctx: LifecycleContext,
  method: Method,
  a: unknown,
  b: unknown,
  c: unknown,
): Promise<unknown> {
  const crud = require("./api-key-crud") as typeof import("./api-key-crud");
  switch (method) {
    case "create":
      return crud.createOrgApiKey(ctx, a as Record<string, unknown>) satisfies Promise<
        CreateResultLike<unknown>
      >;
    case "read":
      return crud.readOrgApiKey(ctx, String(a), b) satisfies Promise<ReadResultLike<unknown>>;
    case "update":
      return crud.updateOrgApiKey(ctx, String(a), b, c) satisfies Promise<
        UpdateResultLike<unknown>
      >;
    case "delete":
      return crud.deleteOrgApiKey(ctx, String(a), b);
    default:
      throw new Error(
        `pulumi-opsmanager-apikeys: ${method} is not a create/read/update/delete method.`,
      );
  }
}

async function entryCrud(
  ctx: LifecycleContext,
  method: Method,
  a: unknown,
  b: unknown,
  c: unknown,
): Promise<unknown> {
  const crud = require("./entry-crud") as typeof import("./entry-crud");
  switch (method) {
    case "create":
      return crud.createWhitelistEntry(ctx, a as Record<string, unknown>);
    case "read":
      return crud.readWhitelistEntry(ctx, String(a), b);
    case "update":
      return crud.updateWhitelistEntry(ctx, String(a), b, c as Record<string, unknown>);
    case "delete":
      return crud.deleteWhitelistEntry(ctx, String(a), b);
    default:
      throw new Error(
        `pulumi-opsmanager-apikeys: ${method} is not a create/read/update/delete method.`,
      );
  }
}
