/** The connection values of a running emulator (or any Ops Manager) a stack points at. */
export interface StackConnection {
  readonly baseUrl: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/**
 * The `opsmanager:*` stack config the engine would send for a stack pointing at `connection`
 * (namespaced keys, plain values), plus `extra` keys (e.g. `opsmanager:retryMaxAttempts`, or an
 * unrelated `proj:` setting the provider must ignore).
 */
export function stackConfig(
  connection: StackConnection,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return {
    "opsmanager:baseUrl": connection.baseUrl,
    "opsmanager:publicKey": connection.publicKey,
    "opsmanager:privateKey": connection.privateKey,
    ...extra,
  };
}
