/**
 * Deletes, as `GenerateDeletes` + `ScheduleDeletes` (step_generator.go) and
 * `performPostSteps` (deployment_executor.go) run them: the condemned resources are split into
 * antichains in reverse dependency order (dependents first); each antichain runs in parallel
 * (bounded by `--parallel`, in the EngineProvider) and must finish before the next starts. A
 * failed delete cancels the step executor: the rest of its antichain still completes, later
 * antichains do not run. `protect` refuses, `retainOnDelete` drops from state without a provider
 * call, `deletedWith` skips the call when the named resource is deleted in the same operation, a
 * `pendingReplacement` resource (already deleted by a delete-before-replace) is only dropped
 * (`RemovePendingReplaceStep`). Nothing is deleted in preview.
 */
import { dependenciesOf, dependencyOrder, type ResourceState } from "../state/snapshot";
import { StepError, type EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";
import { urnName } from "./urn";

export interface DeleteContext {
  readonly dryRun: boolean;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
}

/** `ScheduleDeletes`: antichains of `condemned`, the first one holding no condemned dependents. */
export function scheduleDeletes(condemned: readonly ResourceState[]): ResourceState[][] {
  const remaining = new Set(dependencyOrder(condemned));
  const chains: ResourceState[][] = [];
  while (remaining.size > 0) {
    const urns = new Set([...remaining].map((r) => r.urn));
    // Resources none of whose dependencies is still condemned (built backwards, reversed below).
    const chain = [...remaining].filter((r) => !dependenciesOf(r).some((d) => urns.has(d)));
    if (chain.length === 0) {
      chains.push([...remaining]); // a dependency cycle cannot come from a valid state
      break;
    }
    chain.forEach((r) => remaining.delete(r));
    chains.push(chain);
  }
  return chains.reverse();
}

/** Deletes `condemned`; resolves with those still in state (failed or never attempted). */
export async function runDeletes(
  ctx: DeleteContext,
  condemned: readonly ResourceState[],
): Promise<ResourceState[]> {
  if (ctx.dryRun) {
    for (const chain of scheduleDeletes(condemned)) {
      for (const state of chain) {
        await deleteOne(ctx, state, new Set()).catch((e: unknown) =>
          ctx.log.error((e as Error).message, state.urn),
        );
      }
    }
    return [...condemned];
  }
  const condemnedUrns = new Set(condemned.filter((r) => !r.retainOnDelete).map((r) => r.urn));
  const chains = scheduleDeletes(condemned);
  const left: ResourceState[] = [];
  for (let i = 0; i < chains.length; i++) {
    const results = await Promise.all(
      chains[i].map((state) =>
        deleteOne(ctx, state, condemnedUrns).then(
          () => true,
          (e: unknown) => (ctx.log.error((e as Error).message, state.urn), false),
        ),
      ),
    );
    left.push(...chains[i].filter((_, j) => !results[j]));
    if (results.includes(false)) {
      for (const later of chains.slice(i + 1)) left.push(...later);
      break;
    }
  }
  return left;
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
  // RemovePendingReplaceStep: the provider already deleted it; it only leaves the state.
  if (state.pendingReplacement) return;
  // The old half of a replacement is deleted even when protected (`!s.replacing && s.old.Protect`).
  if (state.protect && !replacement) {
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
