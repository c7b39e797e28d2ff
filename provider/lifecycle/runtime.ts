/**
 * The per-process runtime: everything this host process keeps between calls, in one object
 * (docs/ARCHITECTURE.md, "Per-process state"). This module is loaded at call time from the
 * installed package and is never serialized, so keeping state here is safe: it lives exactly as
 * long as one host process, i.e. one `pulumi preview`, `up`, `refresh` or `destroy`.
 *
 * - configuration: the `opsmanager:*` values `configure` received, per serialized provider object;
 * - connections: one client and one list cache per distinct configuration;
 * - ownership: what this deployment created, adopted or still declares (common/ownership.ts).
 */
import { createHash } from "node:crypto";
import type { ClientSettings, ClientWarningCode, OpsManagerClient } from "../client/types";
import type { LifecycleContext } from "./common/context";
import { configurationHint, messageOf, warningHint } from "./common/errors";
import { ListCache } from "./common/list-cache";
import { OwnershipRecord } from "./common/ownership";
import { CONFIG_KEYS, ENV_NAMES, resolveSettings, type ConfigLookup } from "./settings";

/** The part of the host's ConfigureRequest this provider uses. */
export interface ConfigureRequestLike {
  readonly config?: { get(key: string): string | undefined };
}

/** What one kind's provider gets from the runtime for one call. */
export interface ProviderRuntime {
  /** The configured value of a config key (no environment fallback); offline. */
  readonly config: ConfigLookup;
  /** Settings, client and caches for the configured connection; throws when settings are unusable. */
  context(): LifecycleContext;
  readonly ownership: OwnershipRecord;
  readonly warn: (message: string) => void;
}

interface Connection {
  readonly client: OpsManagerClient;
  readonly lists: ListCache;
}

/** The context last resolved for one configuration, and the environment it was resolved with. */
interface ResolvedContext {
  readonly environment: string;
  readonly context: LifecycleContext;
}

const NO_PROVIDER = {};
const NO_CONFIG: Readonly<Record<string, string>> = {};

/** Plugin stderr is shown to the user as a diagnostic. */
const warnOnStderr = (message: string): void => console.warn(message);

/** The state of one host process. */
export class ProcessRuntime {
  private readonly configs = new WeakMap<object, Readonly<Record<string, string>>>();
  private readonly connections = new Map<string, Connection>();
  private readonly resolved = new WeakMap<Readonly<Record<string, string>>, ResolvedContext>();
  readonly ownership = new OwnershipRecord();

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly warn: (message: string) => void = warnOnStderr,
  ) {}

  /** Stores the `opsmanager:*` stack config of this provider object. */
  configure(provider: unknown, req: ConfigureRequestLike | undefined): void {
    const values: Record<string, string> = {};
    for (const key of CONFIG_KEYS) {
      try {
        const value = req?.config?.get(key);
        if (typeof value === "string") values[key] = value;
      } catch {
        // An engine older than 3.139 sends no config: the environment fallback applies.
      }
    }
    this.configs.set(objectOf(provider), values);
  }

  /** The runtime view one call of `provider` works with. */
  forProvider(provider: unknown): ProviderRuntime {
    const values = this.configs.get(objectOf(provider)) ?? NO_CONFIG;
    const config: ConfigLookup = (key) => values[key];
    return {
      config,
      context: () => this.contextFor(values, config),
      ownership: this.ownership,
      warn: this.warn,
    };
  }

  /**
   * Settings are resolved again only when the configuration or the environment variables they
   * fall back to changed since the last call (the environment is read at every call).
   */
  private contextFor(values: Readonly<Record<string, string>>, config: ConfigLookup) {
    const environment = ENV_NAMES.map((name) => this.env[name] ?? "\u0000").join("\u0000");
    const last = this.resolved.get(values);
    if (last !== undefined && last.environment === environment) return last.context;
    const settings = resolveSettings(config, this.env);
    const connection = this.connectionFor({ ...settings.client, warn: this.warnFromClient });
    const context: LifecycleContext = { ...connection, settings, warn: this.warn };
    this.resolved.set(values, { environment, context });
    return context;
  }

  /** The client's warnings, with the settings that change what they warn about. */
  private readonly warnFromClient = (message: string, code: ClientWarningCode): void =>
    this.warn(`${message}${warningHint(code)}`);

  /** One client per configuration; the client module (and got) loads on first use only. */
  private connectionFor(settings: ClientSettings): Connection {
    // A digest as the key, so the map never holds a readable private key.
    const key = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
    let connection = this.connections.get(key);
    if (connection === undefined) {
      const { createClient } = require("../client/index") as typeof import("../client/index");
      let client: OpsManagerClient;
      try {
        client = createClient(settings);
      } catch (e) {
        throw new Error(`Ops Manager connection settings: ${messageOf(e)}${configurationHint(e)}`, {
          cause: e,
        });
      }
      connection = { client, lists: new ListCache() };
      this.connections.set(key, connection);
    }
    return connection;
  }
}

function objectOf(provider: unknown): object {
  return typeof provider === "object" && provider !== null ? provider : NO_PROVIDER;
}

/** The runtime of this process. */
export const processRuntime = new ProcessRuntime();
