/**
 * `openStack()`: the harness's `pulumi` — preview, up, refresh and destroy of one stack whose
 * state and config live in JSON files with encrypted secrets. Each pass starts the real
 * dynamic-provider host (cwd = program directory, like the engine's plugin launcher),
 * configures it, does its work and stops it; `up` is a preview pass and an update pass.
 */
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { startHost, type Host } from "./host";
import { EngineProvider } from "./deploy/engine-provider";
import { Limiter } from "./deploy/limiter";
import { countChanges, countSteps } from "./deploy/operation-counts";
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
  dependenciesOf,
  dependencyOrder,
  isManagedResource,
  type ResourceState,
  type Snapshot,
} from "./state/snapshot";
import { StackConfig } from "./state/stack-config";
import type { OperationOptions, OperationResult, Stack, StackOptions } from "./stack-types";
import { readStateFile, stateFileSalt, writeStateFile } from "./state/state-file";
import { isSecret, makeSecret, stableStringify, type PropertyMap } from "./values/property-values";
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

  /**
   * One pass of the engine with its own provider host(s): `dryRun` = preview. The provider of
   * the program is configured with the current stack config; the one that refreshes or destroys
   * state with the default provider's inputs recorded in state at the last update
   * (`EnsureProvider` → registry `Same` → Configure(old inputs), deployment.go /
   * providers/registry.go), unless `runProgram` asks for the current config.
   */
  const runPass = async (
    kind: OperationKind,
    dryRun: boolean,
    opts: OperationOptions,
  ): Promise<OperationResult> => {
    const { config, snapshot: old } = loadState();
    const log = new OperationLog(options.onEvent);
    const current = providerConfigOf(config);
    const providerUrn = defaultProviderUrn(stack, project);
    const oldProvider = old.resources.find((r) => r.urn === providerUrn);
    const recorded =
      oldProvider && !opts.runProgram ? configFromInputs(oldProvider.inputs) : current;
    const providerState: ResourceState = {
      urn: providerUrn,
      type: DEFAULT_PROVIDER_TYPE,
      custom: true,
      id: oldProvider?.id ?? randomUUID(),
      inputs: current.inputs,
      outputs: current.inputs,
      dependencies: [],
      propertyDependencies: {},
    };
    const limiter = new Limiter(opts.parallel);
    const hosts: Array<Promise<Host>> = [];
    // The engine starts each plugin and the program independently; calls wait for the host.
    const startProvider = (cfg: ProviderConfig): EngineProvider => {
      log.call("Configure", providerUrn);
      const starting = startHost(options.programDir, { ...options.env }, { project });
      hosts.push(starting);
      const ready = starting.then(
        async (host) => (await host.configure(cfg.plain, cfg.secretKeys), host),
      );
      ready.catch(() => undefined); // reported where it is awaited
      return new EngineProvider(ready, log, limiter);
    };
    const runsProgram = kind === "preview" || kind === "up";
    const refresh = kind === "refresh" || (runsProgram && opts.refresh === true);
    const programProvider = runsProgram ? startProvider(current) : undefined;
    const stateProvider =
      programProvider && sameConfig(recorded, current)
        ? programProvider
        : refresh || kind === "destroy"
          ? startProvider(recorded)
          : undefined;
    const targets = opts.target?.length ? new Set(opts.target) : undefined;
    let snapshot = old;
    let ok = true;
    try {
      if (refresh && stateProvider) {
        const refreshed = await refreshSnapshot(
          {
            dryRun,
            provider: stateProvider,
            log,
            targets,
            targetDependents: opts.targetDependents,
          },
          snapshot,
        );
        snapshot = refreshed.snapshot;
        ok = refreshed.ok;
      }
      if (ok && programProvider) {
        const deployed = await deployProgram({
          programDir: options.programDir,
          program: options.program ?? "index.js",
          project,
          stack,
          dryRun,
          config: current.plain,
          secretKeys: current.secretKeys,
          env: options.env ?? {},
          provider: programProvider,
          log,
          old: snapshot,
          providerState,
          targets,
          targetDependents: opts.targetDependents,
          replaceTargets: opts.replace?.length ? new Set(opts.replace) : undefined,
        });
        snapshot = deployed.snapshot;
        ok = deployed.ok;
      } else if (ok && kind === "destroy" && stateProvider) {
        const condemned = snapshot.resources
          .filter(isManagedResource)
          .filter(destroyTargetFilter(snapshot, targets, opts.targetDependents));
        const left = await runDeletes({ dryRun, provider: stateProvider, log }, condemned);
        ok = dryRun || left.length === 0;
        const gone = new Set(condemned.filter((r) => !left.includes(r)));
        const remaining = snapshot.resources.filter((r) => !gone.has(r));
        snapshot = { resources: remaining.some(isManagedResource) || targets ? remaining : [] };
      }
    } catch (e) {
      ok = false;
      log.error((e as Error).message);
    }
    let hostLines = "";
    for (const starting of hosts) {
      const host = await starting.catch(() => undefined);
      const out = host ? await host.stop() : { stdout: "", stderr: "" };
      hostLines += `${out.stdout.split("\n").slice(1).join("\n")}${out.stderr}`;
    }
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

  /** `pulumi up` = PreviewThenPromptThenExecute (pkg/backend/apply.go): a preview pass first. */
  const up = async (opts: OperationOptions): Promise<OperationResult> => {
    if (opts.skipPreview) return runPass("up", false, opts);
    const preview = await runPass("up", true, opts);
    if (!preview.ok) return { ...preview, previewSteps: preview.steps, preview };
    const update = await runPass("up", false, opts);
    return { ...update, previewSteps: preview.steps, preview };
  };

  return {
    project,
    stack,
    stateFile,
    configFile,
    preview: (o = {}) => runPass("preview", true, o),
    up: (o = {}) => up(o),
    refresh: (o = {}) => runPass("refresh", o.preview ?? false, o),
    destroy: (o = {}) => runPass("destroy", o.preview ?? false, o),
    setConfig: (key, value) => {
      const config = loadConfig();
      config.set(project, key, value);
      config.save();
    },
    snapshot: () => loadState().snapshot,
    outputs: () => stackOutputs(loadState().snapshot),
  };
}

/** What Configure gets: plain values, the secret keys, and the wire inputs kept in state. */
interface ProviderConfig {
  readonly plain: Record<string, string>;
  readonly secretKeys: string[];
  readonly inputs: PropertyMap;
}

/** The default provider's inputs for a dynamic provider: the whole stack config (target.go `GetPackageConfig`). */
function providerConfigOf(config: StackConfig): ProviderConfig {
  const plain: Record<string, string> = {};
  const secretKeys: string[] = [];
  const inputs: PropertyMap = {};
  for (const [key, v] of config.entries()) {
    plain[key] = v.value;
    if (v.secret) secretKeys.push(key);
    inputs[key] = v.secret ? makeSecret(v.value) : v.value;
  }
  return { plain, secretKeys, inputs };
}

/** The configuration recorded as the default provider's inputs in state. */
function configFromInputs(inputs: PropertyMap): ProviderConfig {
  const plain: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [key, v] of Object.entries(inputs)) {
    const value = isSecret(v) ? v.value : v;
    plain[key] = typeof value === "string" ? value : JSON.stringify(value);
    if (isSecret(v)) secretKeys.push(key);
  }
  return { plain, secretKeys, inputs };
}

function sameConfig(a: ProviderConfig, b: ProviderConfig): boolean {
  return stableStringify(a.inputs) === stableStringify(b.inputs);
}

/** `destroy --target`: the targets and, with --target-dependents, their dependents. */
function destroyTargetFilter(
  snapshot: Snapshot,
  targets: ReadonlySet<string> | undefined,
  targetDependents: boolean | undefined,
): (r: ResourceState) => boolean {
  if (!targets) return () => true;
  const allowed = new Set(targets);
  if (targetDependents) {
    for (const r of dependencyOrder(snapshot.resources)) {
      if (dependenciesOf(r).some((d) => allowed.has(d))) allowed.add(r.urn);
    }
  }
  return (r) => allowed.has(r.urn);
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
    changes: countChanges(log.steps),
    counts: countSteps(log.steps, log.errors.length),
  };
}

export type {
  OperationOptions,
  OperationResult,
  Stack,
  StackOptions,
  StateOperationOptions,
} from "./stack-types";
