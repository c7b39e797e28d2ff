/**
 * A lifecycle context (client + settings + warning sink) built the way the lifecycle's own
 * `contextFor` builds it, but with the warnings captured and tiny retry delays, so chaos,
 * bad-input and security tests can call the lifecycle functions in-process with plain JSON.
 */
import { createClient, type ClientSettings, type RetryPolicy } from "../../provider/client";
import type { LifecycleContext } from "../../provider/lifecycle/common/context";
import { ListCache } from "../../provider/lifecycle/common/list-cache";
import { resolveSettings } from "../../provider/lifecycle/settings";
import { stackConfig, type StackConnection } from "../support/stack-config";

/** Fast but real retries: bounded attempts, millisecond back-off. */
export const CHAOS_RETRY: RetryPolicy = {
  maxAttempts: 5,
  maxElapsedMs: 5_000,
  baseDelayMs: 1,
  maxDelayMs: 20,
};

/** Connection values as a stack would configure them. */
export type Connection = StackConnection;

/** Stack-config view (`opsmanager:*` keys) of a connection. */
export const stackConfigOf = (connection: Connection): Record<string, string> =>
  stackConfig(connection);

/**
 * The provider's environment in these tests. One context here stands for many deployments (one
 * host process each), with the server edited out of band between them (the chaos `drift` step,
 * tests that delete or edit through the emulator's admin door), so no list is reused once
 * settled (OPSMANAGER_LIST_CACHE_TTL_MS 0): every read sees the edits, as a fresh host would.
 * Concurrent calls still share an in-flight list.
 */
export const TEST_ENV: NodeJS.ProcessEnv = { OPSMANAGER_LIST_CACHE_TTL_MS: "0" };

/** A context whose warnings land in `warnings` (they are plugin stderr in a real host). */
export function lifecycleContext(
  connection: Connection,
  warnings: string[],
  overrides: Partial<ClientSettings> = {},
  env: NodeJS.ProcessEnv = TEST_ENV,
): LifecycleContext {
  const config = stackConfigOf(connection);
  const resolved = resolveSettings((key) => config[key], env);
  const warn = (message: string): void => void warnings.push(message);
  const clientSettings = { ...resolved.client, retry: CHAOS_RETRY, warn, ...overrides };
  const client = createClient(clientSettings);
  // The settings say what the client does (the lifecycle's own back-off reads retry from them).
  return {
    client,
    settings: { ...resolved, client: clientSettings },
    lists: new ListCache(),
    warn,
  };
}
