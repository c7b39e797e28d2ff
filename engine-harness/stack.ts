/**
 * `openStack()`: the harness's `pulumi` — preview, up, refresh and destroy of one stack whose
 * state and config live in JSON files with encrypted secrets. Each operation starts the real
 * dynamic-provider host (cwd = program directory, like the engine's plugin launcher),
 * configures it with the whole stack config, does its work and stops it.
 */
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { startHost } from "./host";
import { EngineProvider } from "./deploy/engine-provider";
import { OperationLog } from "./deploy/operation-log";
import { refreshSnapshot } from "./deploy/refresh";
import { deployProgram } from "./deploy/run-program";
import { runDeletes } from "./deploy/deletes";
import { defaultProviderUrn, stackUrn } from "./deploy/urn";
import { renderSummary, type OperationKind } from "./display/summary";
import { projectNameOf } from "./program/program-runner";
import {
  DEFAULT_PROVIDER_TYPE,
  STACK_TYPE,
  isManagedResource,
  type ResourceState,
  type Snapshot,
} from "./state/snapshot";
import { StackConfig } from "./state/stack-config";
import type { OperationResult, Stack, StackOptions } from "./stack-types";
import { readStateFile, stateFileSalt, writeStateFile } from "./state/state-file";
import { makeSecret, type PropertyMap } from "./values/property-values";
import { passphraseFromEnv } from "./values/secret-crypto";

/** Opens (or creates) a stack. */
export function openStack(options: StackOptions): Stack {
  const project = options.project ?? projectNameOf(options.programDir) ?? "project";
  const stack = options.stack ?? "dev";
  const stateFile = path.resolve(options.stateFile);
  const configFile = path.resolve(
    options.configFile ?? path.join(path.dirname(stateFile), `Pulumi.${stack}.config.json`),
  );
  const passphrase = options.passphrase ?? passphraseFromEnv();
  const loadConfig = (): StackConfig =>
    StackConfig.load(configFile, passphrase, stateFileSalt(stateFile));
  if (options.config) {
    const config = loadConfig();
    for (const [k, v] of Object.entries(options.config)) config.set(project, k, v);
    config.save();
  }
  const loadState = (): { config: StackConfig; snapshot: Snapshot } => {
    const config = loadConfig();
    return { config, snapshot: readStateFile(stateFile, config.crypter) };
  };

  const operate = async (
    kind: OperationKind,
    dryRun: boolean,
    refresh: boolean,
  ): Promise<OperationResult> => {
    const { config, snapshot: old } = loadState();
    const log = new OperationLog(options.onEvent);
    const plain: Record<string, string> = {};
    const secretKeys: string[] = [];
    const providerInputs: PropertyMap = {};
    for (const [key, v] of config.entries()) {
      plain[key] = v.value;
      if (v.secret) secretKeys.push(key);
      providerInputs[key] = v.secret ? makeSecret(v.value) : v.value;
    }
    const providerUrn = defaultProviderUrn(stack, project);
    const oldProvider = old.resources.find((r) => r.urn === providerUrn);
    const providerState: ResourceState = {
      urn: providerUrn,
      type: DEFAULT_PROVIDER_TYPE,
      custom: true,
      id: oldProvider?.id ?? randomUUID(),
      inputs: providerInputs,
      outputs: providerInputs,
      dependencies: [],
      propertyDependencies: {},
    };
    // The engine starts the plugin and the program independently; calls wait for the host.
    log.call("Configure", providerUrn);
    const hostStarting = startHost(options.programDir, { ...options.env }, { project });
    const hostReady = hostStarting.then(
      async (host) => (await host.configure(plain, secretKeys), host),
    );
    hostReady.catch(() => undefined); // reported where it is awaited
    let snapshot = old;
    let ok = true;
    try {
      const provider = new EngineProvider(hostReady, log);
      if (refresh) {
        const refreshed = await refreshSnapshot({ dryRun, provider, log }, snapshot);
        snapshot = refreshed.snapshot;
        ok = refreshed.ok;
      }
      if (ok && (kind === "preview" || kind === "up")) {
        const deployed = await deployProgram({
          programDir: options.programDir,
          program: options.program ?? "index.js",
          project,
          stack,
          dryRun,
          config: plain,
          secretKeys,
          env: options.env ?? {},
          provider,
          log,
          old: snapshot,
          providerState,
        });
        snapshot = deployed.snapshot;
        ok = deployed.ok;
      } else if (ok && kind === "destroy") {
        const managed = snapshot.resources.filter(isManagedResource);
        const left = await runDeletes({ dryRun, provider, log }, managed);
        ok = dryRun || left.length === 0;
        snapshot = {
          resources: left.length
            ? snapshot.resources.filter((r) => !isManagedResource(r) || left.includes(r))
            : [],
        };
      }
    } catch (e) {
      ok = false;
      log.error((e as Error).message);
    }
    const host = await hostStarting.catch(() => undefined);
    const out = host ? await host.stop() : { stdout: "", stderr: "" };
    const hostLines = `${out.stdout.split("\n").slice(1).join("\n")}${out.stderr}`;
    for (const line of hostLines.split("\n").filter((l) => l.trim())) {
      log.diagnostic({ severity: "info", message: line, source: "provider" });
    }
    if (!dryRun) writeStateFile(stateFile, stackUrn(stack, project), snapshot, config.crypter);
    return finishResult(
      kind,
      dryRun,
      ok && log.errors.length === 0,
      stack,
      log,
      snapshot,
      hostLines,
    );
  };

  return {
    project,
    stack,
    stateFile,
    configFile,
    preview: (o = {}) => operate("preview", true, o.refresh ?? false),
    up: (o = {}) => operate("up", false, o.refresh ?? false),
    refresh: (o = {}) => operate("refresh", o.preview ?? false, true),
    destroy: (o = {}) => operate("destroy", o.preview ?? false, false),
    setConfig: (key, value) => {
      const config = loadConfig();
      config.set(project, key, value);
      config.save();
    },
    snapshot: () => loadState().snapshot,
    outputs: () => stackOutputs(loadState().snapshot),
  };
}

function stackOutputs(snapshot: Snapshot): PropertyMap {
  return snapshot.resources.find((r) => r.type === STACK_TYPE)?.outputs ?? {};
}

function finishResult(
  kind: OperationKind,
  dryRun: boolean,
  ok: boolean,
  stack: string,
  log: OperationLog,
  snapshot: Snapshot,
  hostOutput: string,
): OperationResult {
  const outputs = kind === "destroy" ? {} : stackOutputs(snapshot);
  const summary = renderSummary({
    kind,
    dryRun,
    stack,
    steps: log.steps,
    diagnostics: log.diagnostics,
    outputs,
  });
  return {
    kind,
    dryRun,
    ok,
    steps: log.steps,
    outputs,
    diagnostics: log.diagnostics,
    calls: log.calls,
    errors: log.errors,
    summary,
    hostOutput,
  };
}

export type { OperationOptions, OperationResult, Stack, StackOptions } from "./stack-types";
