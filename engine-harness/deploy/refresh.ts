/**
 * Refresh, as `deploymentExecutor.refresh` (deployment_executor.go) and
 * `RefreshStep.Apply` (step.go) do it: one Read(id, stored outputs, stored inputs) per managed
 * resource, all steps submitted at once (bounded by `--parallel`) and run to the end even when
 * one fails. An empty id removes the resource; returned props replace the outputs in full;
 * returned inputs replace the stored inputs; `initErrors` are cleared (a healthy Read means the
 * resource is no longer half-initialised). Pending-replacement resources (already deleted by a
 * delete-before-replace) are not read. Drift is displayed through the provider's diff with the
 * roles inverted (olds = refreshed outputs, news = old inputs). A failed read keeps the old state
 * and fails the operation. With `--target`, only the targets (and with `--target-dependents`
 * their dependents) are read.
 */
import {
  dependenciesOf,
  isManagedResource,
  type ResourceState,
  type Snapshot,
} from "../state/snapshot";
import { changedKeys } from "../values/property-values";
import type { EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";
import { urnName } from "./urn";

export interface RefreshContext {
  readonly dryRun: boolean;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
  /** `--target` URNs (undefined: every resource). */
  readonly targets?: ReadonlySet<string>;
  readonly targetDependents?: boolean;
}

/** Resolves with the refreshed snapshot and whether every read succeeded. */
export async function refreshSnapshot(
  ctx: RefreshContext,
  snapshot: Snapshot,
): Promise<{ snapshot: Snapshot; ok: boolean }> {
  const targeted = targetedSet(ctx, snapshot.resources);
  let ok = true;
  const results = await Promise.all(
    snapshot.resources.map(async (state): Promise<ResourceState | undefined> => {
      if (!targeted(state) || state.type.startsWith("pulumi:providers:")) return state;
      if (!isManagedResource(state) || state.pendingReplacement) {
        // Components and pending replacements are not read; the step is `same` (RefreshStep.Apply).
        ctx.log.step({
          op: "same",
          phase: "refresh",
          urn: state.urn,
          type: state.type,
          name: urnName(state.urn),
          keys: [],
          replaceKeys: [],
          status: ctx.dryRun ? "planned" : "succeeded",
        });
        return state;
      }
      try {
        return await refreshOne(ctx, state);
      } catch (e) {
        ok = false;
        ctx.log.error((e as Error).message, state.urn);
        return state;
      }
    }),
  );
  const kept = results.filter((r): r is ResourceState => r !== undefined);
  return { snapshot: { resources: withoutDanglingDependencies(kept) }, ok };
}

/** The `--target` filter, with `--target-dependents` growing the set in state order. */
function targetedSet(
  ctx: RefreshContext,
  resources: readonly ResourceState[],
): (state: ResourceState) => boolean {
  if (!ctx.targets) return () => true;
  const actual = new Set(ctx.targets);
  for (const r of resources) {
    if (ctx.targetDependents && dependenciesOf(r).some((d) => actual.has(d))) actual.add(r.urn);
  }
  return (state) => actual.has(state.urn);
}

/** `rebuildBaseState`: dependencies on resources the refresh removed are dropped. */
function withoutDanglingDependencies(resources: ResourceState[]): ResourceState[] {
  const present = new Set(resources.map((r) => r.urn));
  return resources.map((r) => {
    const deps = r.dependencies.filter((d) => present.has(d));
    const propertyDependencies = Object.fromEntries(
      Object.entries(r.propertyDependencies).map(([k, urns]) => [
        k,
        urns.filter((u) => present.has(u)),
      ]),
    );
    const changed =
      deps.length !== r.dependencies.length ||
      Object.entries(propertyDependencies).some(
        ([k, urns]) => urns.length !== r.propertyDependencies[k].length,
      ) ||
      (r.deletedWith !== undefined && !present.has(r.deletedWith));
    if (!changed) return r;
    const { deletedWith, ...rest } = r;
    return {
      ...rest,
      dependencies: deps,
      propertyDependencies,
      ...(deletedWith && present.has(deletedWith) ? { deletedWith } : {}),
    };
  });
}

async function refreshOne(
  ctx: RefreshContext,
  state: ResourceState,
): Promise<ResourceState | undefined> {
  const status = ctx.dryRun ? ("planned" as const) : ("succeeded" as const);
  const base = {
    phase: "refresh" as const,
    urn: state.urn,
    type: state.type,
    name: urnName(state.urn),
    replaceKeys: [],
    status,
  };
  const read = await ctx.provider.read(
    state.urn,
    state.id,
    state.outputs,
    state.inputs,
    state.additionalSecretOutputs ?? [],
  );
  if (!read.id) {
    ctx.log.step({ ...base, op: "delete", keys: [] });
    return undefined;
  }
  const { initErrors: _cleared, ...rest } = state;
  const refreshed: ResourceState = {
    ...rest,
    id: read.id,
    outputs: read.outputs,
    inputs: read.inputs ?? state.inputs,
  };
  const keys = changedKeys(state.outputs, read.outputs);
  const diff = await ctx.provider.diff(
    state.urn,
    read.id,
    read.outputs,
    state.inputs,
    refreshed.inputs,
  );
  const drifted =
    diff.changes === "DIFF_SOME" || (diff.changes === "DIFF_UNKNOWN" && keys.length > 0);
  ctx.log.step({ ...base, op: drifted ? "update" : "same", keys: drifted ? keys : [] });
  return refreshed;
}
