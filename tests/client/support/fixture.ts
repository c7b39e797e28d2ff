/**
 * A fresh in-process emulator and a client for its bootstrap ORG_OWNER key, with tiny retry
 * delays (tests are about decisions, never timing) and captured warnings.
 */
import {
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type RequestLogEntry,
} from "../../../emulator";
import { createClient, type ClientSettings, type OpsManagerClient } from "../../../provider/client";

export interface ClientFixture {
  readonly emulator: Emulator;
  readonly client: OpsManagerClient;
  readonly orgId: string;
  readonly warnings: string[];
  /** Another client for the same emulator with overridden settings (warnings shared). */
  clientWith(overrides: Partial<ClientSettings>): OpsManagerClient;
  close(): Promise<void>;
}

export const FAST_RETRY = {
  maxAttempts: 6,
  maxElapsedMs: 5_000,
  baseDelayMs: 1,
  maxDelayMs: 5,
} as const;

export async function startClientFixture(
  options: EmulatorOptions = {},
  overrides: Partial<ClientSettings> = {},
): Promise<ClientFixture> {
  const emulator = await startEmulator({ seed: 7, ...options });
  const warnings: string[] = [];
  const settingsWith = (extra: Partial<ClientSettings>): ClientSettings => ({
    baseUrl: emulator.baseUrl,
    publicKey: emulator.publicKey,
    privateKey: emulator.privateKey,
    accessListPath: "auto",
    retry: FAST_RETRY,
    warn: (message) => warnings.push(message),
    ...overrides,
    ...extra,
  });
  return {
    emulator,
    client: createClient(settingsWith({})),
    orgId: emulator.orgId,
    warnings,
    clientWith: (extra) => createClient(settingsWith(extra)),
    close: () => emulator.close(),
  };
}

/** `METHOD path status` lines of the emulator log since `from`, for readable assertions. */
export function logLines(emulator: Emulator, from = 0): string[] {
  return emulator.requests
    .slice(from)
    .map((r: RequestLogEntry) => `${r.method} ${r.path} ${r.status}`);
}

/** The rejection of a promise that must fail (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
