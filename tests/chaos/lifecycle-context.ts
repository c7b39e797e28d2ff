/**
 * A lifecycle context (client + settings + warning sink) built the way the lifecycle's own
 * `contextFor` builds it, but with the warnings captured and tiny retry delays, so chaos,
 * bad-input and security tests can call the lifecycle functions in-process with plain JSON.
 */
import { createClient, type ClientSettings, type RetryPolicy } from "../../provider/client";
import type { LifecycleContext } from "../../provider/lifecycle/context";
import { resolveSettings } from "../../provider/lifecycle/settings";

/** Fast but real retries: bounded attempts, millisecond back-off. */
export const CHAOS_RETRY: RetryPolicy = {
  maxAttempts: 5,
  maxElapsedMs: 5_000,
  baseDelayMs: 1,
  maxDelayMs: 20,
};

/** Connection values as a stack would configure them. */
export interface Connection {
  readonly baseUrl: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** Stack-config view (`opsmanager:*` keys) of a connection. */
export function stackConfigOf(connection: Connection): Record<string, string> {
  return {
    "opsmanager:baseUrl": connection.baseUrl,
    "opsmanager:publicKey": connection.publicKey,
    "opsmanager:privateKey": connection.privateKey,
  };
}

/** A context whose warnings land in `warnings` (they are plugin stderr in a real host). */
export function lifecycleContext(
  connection: Connection,
  warnings: string[],
  overrides: Partial<ClientSettings> = {},
): LifecycleContext {
  const config = stackConfigOf(connection);
  const settings = resolveSettings((key) => config[key], {});
  const warn = (message: string): void => void warnings.push(message);
  const client = createClient({ ...settings.client, retry: CHAOS_RETRY, warn, ...overrides });
  return { client, settings, warn };
}
