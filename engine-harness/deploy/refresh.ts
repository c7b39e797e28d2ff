/**
 * Refresh (spec §6): Read(id, stored outputs, stored inputs) for every managed resource.
 * An empty id removes the resource; returned props replace the outputs in full; returned
 * inputs replace the stored inputs. Drift is displayed through the provider's diff with the
 * roles inverted (olds = refreshed outputs, news = old inputs; #16146). A failed read keeps
 * the old state and fails the operation.
 */
import { isManagedResource, type ResourceState, type Snapshot } from "../state/snapshot";
import { changedKeys } from "../values/property-values";
import type { EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";
import { urnName } from "./urn";

export interface RefreshContext {
  readonly dryRun: boolean;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
}

/** Resolves with the refreshed snapshot and whether every read succeeded. */
export async function refreshSnapshot(
  ctx: RefreshContext,
  snapshot: Snapshot,
): Promise<{ snapshot: Snapshot; ok: boolean }> {
  const resources: ResourceState[] = [];
  let ok = true;
  for (const state of snapshot.resources) {
    if (!isManagedResource(state)) {
      resources.push(state);
      continue;
    }
    try {
      const refreshed = await refreshOne(ctx, state);
      if (refreshed) resources.push(refreshed);
    } catch (e) {
      ok = false;
      ctx.log.error((e as Error).message, state.urn);
      resources.push(state);
    }
  }
  return { snapshot: { resources }, ok };
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
  const refreshed: ResourceState = {
    ...state,
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
