/**
 * One registration of a custom resource turned into provider calls:
 * Check(old inputs, news) → Create, or Diff(old outputs) → same / Update / replacement.
 * In preview only Check and Diff run; planned outputs are the checked inputs.
 */
import type { Registration } from "../program/registration";
import type { ResourceState } from "../state/snapshot";
import { changedKeys, type PropertyMap } from "../values/property-values";
import type { InitFailure } from "../host";
import { isStepError, type EngineProvider } from "./engine-provider";
import type { OperationLog } from "./operation-log";
import { replaceResource } from "./replacement";
import { applyAdditionalSecretOutputs, remarkSecrets } from "./secret-rules";
import { stateFromRegistration } from "./state-builder";

export interface StepContext {
  readonly dryRun: boolean;
  readonly provider: EngineProvider;
  readonly log: OperationLog;
  /** `<default provider urn>::<id>`. */
  readonly providerRef: string;
  /** Old live state of `urn` (not a pending delete). */
  oldOf(urn: string): ResourceState | undefined;
  /** Old live resources that depend on `urn` directly or through property dependencies. */
  dependentsOf(urn: string): ResourceState[];
  /**
   * Deletes `state` now (delete-before-replace; in preview only records the planned delete). Once
   * the provider deleted it, the old state is kept as `pendingReplacement` until its replacement
   * is created (step.go `DeleteStep.Apply`).
   */
  deleteNow(state: ResourceState): Promise<void>;
  /** Marks the old half of a create-before-delete replacement `delete: true` (step.go `CreateStep.Apply`). */
  deleteLater(state: ResourceState): void;
  /** `--replace URN` (`isTargetedReplace`, step_generator.go). */
  isReplaceTarget(urn: string): boolean;
  /** Deleted earlier in this run by a delete-before-replace of a dependency: its registration is a replacement. */
  isRecreating(urn: string): boolean;
  /** An error that fails the operation without stopping a preview (`sg.sawError` in preview). */
  reportError(message: string, urn: string): void;
}

export interface StepOutcome {
  readonly state: ResourceState;
  /** What RegisterResource answers: id ("" when unknown) and outputs in wire form. */
  readonly id: string;
  readonly outputs: PropertyMap;
}

/** Runs the step for a custom-resource registration; throws StepError on failure. */
export async function runResourceStep(
  ctx: StepContext,
  reg: Registration,
  urn: string,
): Promise<StepOutcome> {
  const old = ctx.oldOf(urn);
  if (reg.importId) {
    throw new Error(
      `${reg.type} resource '${reg.name}': the import option is not supported for dynamic resources`,
    );
  }
  if (old && ctx.isRecreating(urn)) return recreate(ctx, reg, urn, old);
  // `--replace URN`: Check without olds on the program's inputs, no Diff (continueStepsFromImport).
  const replaceTarget = old !== undefined && ctx.isReplaceTarget(urn);
  const news =
    old && !replaceTarget
      ? applyIgnoreChanges(reg.inputs, old.inputs, reg.ignoreChanges)
      : reg.inputs;
  const checked = await ctx.provider.check(
    urn,
    reg.type,
    old && !replaceTarget ? old.inputs : {},
    news,
  );
  const build = (
    id: string,
    outputs: PropertyMap,
    inputs = checked,
    initErrors?: readonly string[],
  ): ResourceState =>
    stateFromRegistration(reg, urn, ctx.providerRef, id, inputs, outputs, initErrors);
  const record = (op: "create" | "update" | "same", keys: string[]): void =>
    ctx.log.step({
      op,
      phase: "deploy",
      urn,
      type: reg.type,
      name: reg.name,
      keys,
      replaceKeys: [],
      status: ctx.dryRun ? "planned" : "succeeded",
    });

  if (!old) {
    if (ctx.dryRun) {
      record("create", []);
      const planned = applyAdditionalSecretOutputs(checked, checked, reg.additionalSecretOutputs);
      return { state: build("", planned), id: "", outputs: planned };
    }
    const created = await recordingPartial(
      () => ctx.provider.create(urn, checked, reg.additionalSecretOutputs),
      (f) =>
        build(
          f.id,
          remarkSecrets(f.properties, checked, reg.additionalSecretOutputs),
          checked,
          f.reasons,
        ),
    );
    record("create", []);
    return { state: build(created.id, created.outputs), id: created.id, outputs: created.outputs };
  }

  if (replaceTarget) {
    // sg.diff: a targeted replace blames `id`; delete-first only from the resource option.
    return replaceResource(ctx, reg, urn, old, checked, {
      keys: [],
      replaceKeys: ["id"],
      deleteBeforeReplace: reg.deleteBeforeReplace ?? false,
      checked: true,
    });
  }
  const diff = await ctx.provider.diff(urn, old.id, old.outputs, checked, old.inputs);
  const keys = changedKeys(old.inputs, checked);
  let changes = diff.changes;
  let replaces = [...diff.replaces];
  if (changes === "DIFF_UNKNOWN") {
    // The engine diffs old vs new inputs itself; replaceOnChanges only works here.
    changes = keys.length > 0 ? "DIFF_SOME" : "DIFF_NONE";
    replaces = [
      ...replaces,
      ...keys.filter((k) => reg.replaceOnChanges.includes(k) || reg.replaceOnChanges.includes("*")),
    ];
  }
  if (changes === "DIFF_NONE" && old.initErrors?.length) changes = "DIFF_SOME"; // step_generator.go: init errors force an update
  // A pending replacement (deleted, its create failed) is always replaced (continueStepsFromDiff).
  if (old.pendingReplacement) changes = "DIFF_SOME";

  if (changes === "DIFF_NONE") {
    record("same", []);
    return { state: build(old.id, old.outputs), id: old.id, outputs: old.outputs };
  }
  if (replaces.length === 0 && !old.pendingReplacement) {
    if (ctx.dryRun) {
      record("update", keys);
      const planned = applyAdditionalSecretOutputs(checked, checked, reg.additionalSecretOutputs);
      return { state: build(old.id, planned), id: old.id, outputs: planned };
    }
    const outputs = await recordingPartial(
      () =>
        ctx.provider.update(
          urn,
          old.id,
          old.outputs,
          checked,
          old.inputs,
          reg.additionalSecretOutputs,
        ),
      // A partially failed update keeps the OLD inputs and the new partial outputs.
      (f) =>
        build(
          old.id,
          remarkSecrets(f.properties, checked, reg.additionalSecretOutputs),
          old.inputs,
          f.reasons,
        ),
    );
    record("update", keys);
    return { state: build(old.id, outputs), id: old.id, outputs };
  }
  // The replacement's Check gets the program's raw inputs, not the ignoreChanges-processed ones.
  return replaceResource(ctx, reg, urn, old, reg.inputs, {
    keys,
    replaceKeys: [...new Set(replaces)].sort(),
    deleteBeforeReplace: reg.deleteBeforeReplace ?? diff.deleteBeforeReplace,
  });
}

/**
 * A resource deleted earlier in this run because a dependency was replaced delete-first
 * (`recreating` in continueStepsFromImport): Check without olds on the program's inputs, then a
 * create that completes the replacement; no Diff.
 */
async function recreate(
  ctx: StepContext,
  reg: Registration,
  urn: string,
  old: ResourceState,
): Promise<StepOutcome> {
  const checked = await ctx.provider.check(urn, reg.type, {}, reg.inputs);
  return replaceResource(ctx, reg, urn, { ...old, pendingReplacement: true }, checked, {
    keys: [],
    replaceKeys: [],
    deleteBeforeReplace: true,
    checked: true,
  });
}

/** Runs a create/update; a partial failure (error with an id) gets the state to record attached. */
export async function recordingPartial<T>(
  call: () => Promise<T>,
  partial: (f: InitFailure) => ResourceState,
): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (isStepError(e) && e.initFailure?.id) e.partialState = partial(e.initFailure);
    throw e;
  }
}

/** `ignoreChanges` (top-level property names): the old input value is kept (processIgnoreChanges). */
export function applyIgnoreChanges(
  news: PropertyMap,
  oldInputs: PropertyMap,
  ignore: readonly string[],
): PropertyMap {
  const result = { ...news };
  for (const path of ignore) {
    const key = path.split(/[.[]/)[0];
    if (key in oldInputs) result[key] = oldInputs[key];
    else delete result[key];
  }
  return result;
}
