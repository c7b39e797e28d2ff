/**
 * Connection settings: each `opsmanager:*` config key falls back to an environment variable read
 * at call time (the mongocli names, so mongocli users need nothing new). Missing or malformed values fail
 * with ONE message listing what to set; secret values never appear in it.
 */
import type { AccessListPath, ClientSettings } from "../client/types";

/**
 * How `diff` detects drift: `live` compares the program with the live objects (default; see
 * common/live-drift.ts), `state` compares it with the stored outputs only (no request).
 */
export type DriftCheck = "live" | "state";

/** Default freshness window of the per-process list cache (common/list-cache.ts). */
export const DEFAULT_LIST_CACHE_TTL_MS = 5000;

/** Resolved settings: the client's plus provider-level switches. */
export interface ProviderSettings {
  readonly client: ClientSettings;
  readonly driftCheck: DriftCheck;
  /** How long a list (K1, A1) is reused within one host process; 0 = only while in flight. */
  readonly listCacheTtlMs: number;
}

/** Looks a config key up (`opsmanager:baseUrl` style); `undefined` when unset. */
export type ConfigLookup = (key: string) => string | undefined;

/** Each setting: its config key, env fallback, and whether it is required / secret. */
const KEYS = {
  baseUrl: { config: "opsmanager:baseUrl", env: "MCLI_OPS_MANAGER_URL" },
  publicKey: { config: "opsmanager:publicKey", env: "MCLI_PUBLIC_API_KEY" },
  privateKey: { config: "opsmanager:privateKey", env: "MCLI_PRIVATE_API_KEY" },
  accessListPath: { config: "opsmanager:accessListPath", env: undefined },
  caCertFile: { config: "opsmanager:caCertFile", env: "MCLI_OPS_MANAGER_CA_CERTIFICATE" },
  insecureSkipVerify: {
    config: "opsmanager:insecureSkipVerify",
    env: "MCLI_OPS_MANAGER_SKIP_VERIFY",
  },
  retryMaxAttempts: { config: "opsmanager:retryMaxAttempts", env: "OPSMANAGER_RETRY_MAX_ATTEMPTS" },
  retryMaxElapsedMs: {
    config: "opsmanager:retryMaxElapsedMs",
    env: "OPSMANAGER_RETRY_MAX_ELAPSED_MS",
  },
  retryBaseDelayMs: { config: undefined, env: "OPSMANAGER_RETRY_BASE_DELAY_MS" },
  driftCheck: { config: "opsmanager:driftCheck", env: undefined },
  listCacheTtlMs: { config: undefined, env: "OPSMANAGER_LIST_CACHE_TTL_MS" },
} as const;

type SettingName = keyof typeof KEYS;

/** All environment variables settings fall back to. */
export const ENV_NAMES: readonly string[] = Object.values(KEYS)
  .map((k) => k.env)
  .filter((k): k is NonNullable<typeof k> => k !== undefined);

/** All config keys this provider reads (configure() copies exactly these). */
export const CONFIG_KEYS: readonly string[] = Object.values(KEYS)
  .map((k) => k.config)
  .filter((k): k is NonNullable<typeof k> => k !== undefined);

/** Thrown when settings are missing or malformed; the message is the whole explanation. */
export class SettingsError extends Error {
  constructor(problems: readonly string[]) {
    super(
      `Ops Manager connection settings are missing or invalid: ${problems.join("; ")}. ` +
        "Set them in the stack config (pulumi config set opsmanager:baseUrl https://om.example.com:8443; " +
        "pulumi config set opsmanager:publicKey <public key>; pulumi config set --secret opsmanager:privateKey <private key>; " +
        "optional: opsmanager:accessListPath auto|accessList|whitelist, opsmanager:driftCheck live|state, opsmanager:caCertFile, opsmanager:insecureSkipVerify, " +
        "opsmanager:retryMaxAttempts, opsmanager:retryMaxElapsedMs) or in the environment " +
        "(MCLI_OPS_MANAGER_URL, MCLI_PUBLIC_API_KEY, MCLI_PRIVATE_API_KEY, MCLI_OPS_MANAGER_CA_CERTIFICATE, " +
        "MCLI_OPS_MANAGER_SKIP_VERIFY, OPSMANAGER_RETRY_MAX_ATTEMPTS, OPSMANAGER_RETRY_MAX_ELAPSED_MS, OPSMANAGER_LIST_CACHE_TTL_MS).",
    );
    this.name = "SettingsError";
  }
}

function positiveInteger(text: string): number | undefined {
  return /^[1-9][0-9]{0,8}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

const DRIFT_CHECK_PROBLEM = `${KEYS.driftCheck.config} must be live or state`;

/**
 * Only the drift-check switch, without the connection settings: `state` must work (offline)
 * even when nothing else is configured. Throws a SettingsError for a value other than live/state.
 */
export function resolveDriftCheck(config: ConfigLookup): DriftCheck {
  const text = config(KEYS.driftCheck.config)?.trim();
  const drift = text === undefined || text === "" ? "live" : text;
  if (drift !== "live" && drift !== "state") throw new SettingsError([DRIFT_CHECK_PROBLEM]);
  return drift;
}

/**
 * The public key of the managing key (the one the provider authenticates with), or `undefined`
 * when unset. Offline: needs no other setting.
 */
export function resolveManagingPublicKey(
  config: ConfigLookup,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const fromConfig = config(KEYS.publicKey.config)?.trim();
  const value = fromConfig ? fromConfig : env[KEYS.publicKey.env]?.trim();
  return value ? value : undefined;
}

/** Resolves settings from config (first) and the environment (fallback). */
export function resolveSettings(config: ConfigLookup, env: NodeJS.ProcessEnv): ProviderSettings {
  const problems: string[] = [];
  const raw = (name: SettingName): string | undefined => {
    const key = KEYS[name];
    const fromConfig = key.config ? config(key.config) : undefined;
    const value =
      fromConfig !== undefined && fromConfig !== ""
        ? fromConfig
        : key.env
          ? env[key.env]
          : undefined;
    return value === undefined || value.trim() === "" ? undefined : value;
  };
  const named = (name: SettingName): string => {
    const key = KEYS[name];
    return [key.config, key.env].filter(Boolean).join(" / ");
  };

  const baseUrl = raw("baseUrl")?.trim();
  if (baseUrl === undefined) problems.push(`${named("baseUrl")} is not set`);
  else if (!/^https?:\/\/[^/\s]+/i.test(baseUrl) || !URL.canParse(baseUrl)) {
    problems.push(`${named("baseUrl")} is not an http(s) URL`);
  }
  const publicKey = raw("publicKey")?.trim();
  if (publicKey === undefined) problems.push(`${named("publicKey")} is not set`);
  const privateKey = raw("privateKey")?.trim();
  if (privateKey === undefined) problems.push(`${named("privateKey")} is not set`);

  const pathText = raw("accessListPath")?.trim() ?? "auto";
  if (!["auto", "accessList", "whitelist"].includes(pathText)) {
    problems.push(`${named("accessListPath")} must be auto, accessList or whitelist`);
  }
  const skipText = raw("insecureSkipVerify")?.trim().toLowerCase();
  if (skipText !== undefined && !["true", "false", "1", "0"].includes(skipText)) {
    problems.push(`${named("insecureSkipVerify")} must be true or false`);
  }
  const retry: { maxAttempts?: number; maxElapsedMs?: number; baseDelayMs?: number } = {};
  for (const [name, field] of [
    ["retryMaxAttempts", "maxAttempts"],
    ["retryMaxElapsedMs", "maxElapsedMs"],
    ["retryBaseDelayMs", "baseDelayMs"],
  ] as const) {
    const text = raw(name);
    if (text === undefined) continue;
    const value = positiveInteger(text);
    if (value === undefined) problems.push(`${named(name)} must be a positive integer`);
    else retry[field] = value;
  }
  const drift = raw("driftCheck")?.trim() ?? "live";
  if (drift !== "live" && drift !== "state") problems.push(DRIFT_CHECK_PROBLEM);
  const ttlText = raw("listCacheTtlMs")?.trim() ?? String(DEFAULT_LIST_CACHE_TTL_MS);
  const listCacheTtlMs = /^[0-9]{1,9}$/.test(ttlText) ? Number(ttlText) : NaN;
  if (Number.isNaN(listCacheTtlMs))
    problems.push(`${named("listCacheTtlMs")} must be a whole number of milliseconds (0 or more)`);

  if (problems.length > 0) throw new SettingsError(problems);
  const caCertFile = raw("caCertFile")?.trim();
  return {
    client: {
      // Users often paste the API root; the client appends /api/public/v1.0 itself.
      baseUrl: (baseUrl as string).replace(/\/+$/, "").replace(/\/api\/public\/v1\.0$/i, ""),
      publicKey: publicKey as string,
      privateKey: privateKey as string,
      accessListPath: pathText as AccessListPath,
      ...(caCertFile !== undefined ? { caCertFile } : {}),
      ...(skipText !== undefined
        ? { insecureSkipVerify: skipText === "true" || skipText === "1" }
        : {}),
      ...(Object.keys(retry).length > 0 ? { retry } : {}),
    },
    driftCheck: drift as DriftCheck,
    listCacheTtlMs,
  };
}
