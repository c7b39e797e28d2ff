/**
 * # engine-harness/host — drive the REAL Node dynamic-provider host over gRPC
 *
 * No Pulumi CLI can be installed here, so tier-3 tests and the engine harness
 * play the engine's part against `@pulumi/pulumi/cmd/dynamic-provider`.
 *
 * ```ts
 * const { programDir } = await packAndInstall();          // npm pack + install, once per process
 * const providers = await serializeProviders(programDir); // __provider texts from the installed package
 * const host = await startHost(programDir, { MCLI_PUBLIC_API_KEY: "…" }); // env of the plugin
 * await host.configure({ "opsmanager:baseUrl": url, "opsmanager:privateKey": pk }, ["opsmanager:privateKey"]);
 * const urn = makeUrn(ORG_API_KEY_TYPE, "key");
 * const checked = await host.check(urn, {}, { ...inputs, __provider: providers.OrgApiKey });
 * const created = await host.create(urn, checked.inputs);
 * const output = await host.stop();                       // full stdout/stderr, for secret scans
 * ```
 *
 * What the caller must do as the engine: send old INPUTS as Check `olds`
 * and old OUTPUTS as Diff/Update `olds`, Read/Delete `properties`; send plain values (the host
 * refuses secrets, so the engine unwraps them) — only Configure carries secret wrappers; use
 * `UNKNOWN` for unknowns in preview; never call Create/Update/Delete in preview. Failures reject
 * with `HostCallError` (`message` as the engine shows it, `code`, `initFailed` for partial
 * create/update failures). All hosts are killed and program dirs removed at process exit.
 *
 * Files: `pack.ts` (packAndInstall), `capture.ts` (run a program under setMocks, record
 * RegisterResource requests), `serialize.ts` (serializeProviders), `process.ts` (spawn, port,
 * output capture), `client.ts` (typed RPCs), `types.ts` (their results), `errors.ts` (HostCallError decoding), `wire.ts`
 * (sentinels, Struct conversion, URNs).
 */
import { HostClient } from "./client";
import { spawnHost, type HostOutput, type HostProcessOptions } from "./process";

export { HostClient } from "./client";
export type * from "./types";
export { HostCallError, isHostCallError, type InitFailure } from "./errors";
export {
  captureRegistrations,
  type CaptureOptions,
  type CaptureResult,
  type Registration,
} from "./capture";
export {
  packAndInstall,
  cleanupInstalls,
  REPO_ROOT,
  type InstalledProgram,
  type InstallStrategy,
  type PackOptions,
} from "./pack";
export { installedPackage, type Installed } from "./installed";
export {
  serializeProviders,
  ORG_API_KEY_TYPE,
  WHITELIST_ENTRY_TYPE,
  PROJECT_ASSIGNMENT_TYPE,
  type SerializedProviders,
  type SerializeOptions,
} from "./serialize";
export type { HostOutput, HostProcessOptions } from "./process";
export * from "./wire";

/** A running host: the typed RPCs plus process control and its collected output. */
export interface Host extends HostClient {
  readonly port: number;
  readonly pid: number;
  /** stdout/stderr collected so far. */
  output(): HostOutput;
  /** Waits (bounded) until the collected output satisfies `test`; stderr may trail an RPC answer. */
  waitForOutput(test: (o: HostOutput) => boolean, timeoutMs?: number): Promise<boolean>;
  /** Closes the channel, kills the process and resolves with its complete output. */
  stop(): Promise<HostOutput>;
}

/**
 * Spawns `node <programDir>/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js
 * unused-engine-addr` with cwd `programDir` (the plugin inherits the CLI's environment; here:
 * this process's environment, plus `PULUMI_NODEJS_PROJECT` and `env`; an `undefined` value
 * removes a variable).
 */
export async function startHost(
  programDir: string,
  env: Record<string, string | undefined> = {},
  options: HostProcessOptions = {},
): Promise<Host> {
  const proc = await spawnHost(programDir, env, options);
  const client = new HostClient(proc.port);
  return Object.assign(client, {
    port: proc.port,
    pid: proc.pid,
    output: proc.output,
    waitForOutput: proc.waitForOutput,
    stop: async (): Promise<HostOutput> => {
      client.close();
      return proc.kill();
    },
  });
}
