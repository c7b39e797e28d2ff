/**
 * Deletes (spec §8): scheduled after the program, in reverse dependency order (entries before
 * their key); `protect` refuses, `retainOnDelete` drops from state without a provider call,
 * `deletedWith` skips the call when the named resource is deleted in the same operation.
 * Nothing is deleted in preview. The engine runs independent deletes in parallel; the harness
 * runs them one by one in an order the engine could also choose.
 */
import { dependencyOrder, type ResourceState } from "../state/snapshot";
import { StepError, type EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";
import { urnName } from "./urn";

export interface DeleteContext {
  readonly dryRun: boolean;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
}

/** Deletes `condemned`; resolves with those still in state (all of them from the failure on). */
export async function runDeletes(
  ctx: DeleteContext,
  condemned: readonly ResourceState[],
): Promise<ResourceState[]> {
  const ordered = dependencyOrder(condemned).reverse();
  const condemnedUrns = new Set(condemned.filter((r) => !r.retainOnDelete).map((r) => r.urn));
  for (let i = 0; i < ordered.length; i++) {
    try {
      await deleteOne(ctx, ordered[i], condemnedUrns);
    } catch (e) {
      ctx.log.error((e as Error).message, ordered[i].urn);
      return ordered.slice(i);
    }
  }
  return ctx.dryRun ? [...condemned] : [];
}

/**
 * One delete step; `condemnedUrns` are the resources deleted by this operation (for deletedWith);
 * `replacement` marks the old half of a replacement (default: the state's `delete` flag).
 */
export async function deleteOne(
  ctx: DeleteContext,
  state: ResourceState,
  condemnedUrns: ReadonlySet<string>,
  replacement = state.delete === true,
): Promise<void> {
  const name = urnName(state.urn);
  const record = (status: "planned" | "succeeded" | "failed", error?: string): void =>
    ctx.log.step({
      op: "delete",
      phase: "deploy",
      urn: state.urn,
      type: state.type,
      name,
      keys: [],
      replaceKeys: [],
      ...(replacement ? { replacement } : {}),
      status,
      ...(error ? { error } : {}),
    });
  if (state.protect) {
    const message = `${state.type} resource '${name}' is protected and cannot be deleted; remove the protect option first`;
    record("failed", message);
    throw new StepError(message);
  }
  if (ctx.dryRun) return record("planned");
  const skipCall =
    state.retainOnDelete ||
    (state.deletedWith !== undefined && condemnedUrns.has(state.deletedWith));
  if (!skipCall) {
    try {
      await ctx.provider.delete(state.urn, state.id, state.outputs, state.inputs);
    } catch (e) {
      record("failed", (e as Error).message);
      throw e;
    }
  }
  record("succeeded");
}
