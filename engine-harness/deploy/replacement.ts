/**
 * Replacement mechanics (`continueStepsFromDiff` in step_generator.go and the steps of
 * step.go):
 * - `protect` refuses only when both the old and the new registration are protected (a program
 *   may unprotect and replace in one `up`); in preview the error is reported and planning goes on.
 * - a second Check with olds = {} on the program's raw inputs ("recompute defaults"; skipped for
 *   `--replace` targets and recreations, whose Check already had no olds);
 * - create-before-delete (default): Create, then the old resource is marked `delete: true` and
 *   deleted after the program with the other deletes. A create that fails partially still marks
 *   it (the new, half-initialised resource and the old one both stay in state); a create that
 *   fails outright leaves the old resource live and unmarked.
 * - delete-before-replace (the resource option overrides the provider's `deleteBeforeReplace`):
 *   dependents that the provider would replace are deleted first (also diffed in preview), then
 *   the old resource; each becomes `pendingReplacement` once deleted, so a failed create leaves it
 *   in state and the next run creates it without deleting it again.
 */
import type { Registration } from "../program/registration";
import type { ResourceState } from "../state/snapshot";
import { UNKNOWN, type PropertyMap } from "../values/property-values";
import { StepError, isStepError } from "./engine-provider";
import { recordingPartial, type StepContext, type StepOutcome } from "./resource-step";
import { applyAdditionalSecretOutputs, remarkSecrets } from "./secret-rules";
import { stateFromRegistration } from "./state-builder";

export interface ReplacePlan {
  readonly keys: readonly string[];
  readonly replaceKeys: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** `inputs` are already checked (targeted replace, recreation): no second Check. */
  readonly checked?: boolean;
}

export async function replaceResource(
  ctx: StepContext,
  reg: Registration,
  urn: string,
  old: ResourceState,
  inputs: PropertyMap,
  plan: ReplacePlan,
): Promise<StepOutcome> {
  if (reg.protect && old.protect) {
    const message =
      `${reg.type} resource '${reg.name}' is protected and cannot be replaced (changed: ${plan.replaceKeys.join(", ")}); ` +
      "remove the protect option first";
    if (!ctx.dryRun) throw new StepError(message);
    ctx.reportError(message, urn);
  }
  const checked = plan.checked ? inputs : await ctx.provider.check(urn, reg.type, {}, inputs);
  const build = (id: string, outputs: PropertyMap, initErrors?: readonly string[]): ResourceState =>
    stateFromRegistration(reg, urn, ctx.providerRef, id, checked, outputs, initErrors);
  const record = (): void =>
    ctx.log.step({
      op: "replace",
      phase: "deploy",
      urn,
      type: reg.type,
      name: reg.name,
      keys: plan.keys,
      replaceKeys: plan.replaceKeys,
      deleteBeforeReplace: plan.deleteBeforeReplace,
      status: ctx.dryRun ? "planned" : "succeeded",
    });

  if (plan.deleteBeforeReplace) {
    const dependents = await dependentReplacements(ctx, urn);
    for (const dependent of dependents.reverse()) await ctx.deleteNow(dependent);
    // Already deleted by an earlier run whose create failed: not deleted a second time.
    if (!old.pendingReplacement) await ctx.deleteNow(old);
  }
  if (ctx.dryRun) {
    record();
    const planned = applyAdditionalSecretOutputs(checked, checked, reg.additionalSecretOutputs);
    return { state: build("", planned), id: "", outputs: planned };
  }
  const cbd = !plan.deleteBeforeReplace && !old.pendingReplacement;
  let created: { id: string; outputs: PropertyMap };
  try {
    created = await recordingPartial(
      () => ctx.provider.create(urn, checked, reg.additionalSecretOutputs),
      (f) =>
        build(f.id, remarkSecrets(f.properties, checked, reg.additionalSecretOutputs), f.reasons),
    );
  } catch (e) {
    if (cbd && isStepError(e) && e.partialState) ctx.deleteLater(old);
    throw e;
  }
  if (cbd) ctx.deleteLater(old);
  record();
  return { state: build(created.id, created.outputs), id: created.id, outputs: created.outputs };
}

/**
 * `calculateDependentReplacements` (step_generator.go): dependents whose inputs depend on a
 * replaced resource get those inputs set to unknown and are diffed; those the provider would
 * replace must be deleted before the root is. Runs in preview too.
 */
async function dependentReplacements(ctx: StepContext, rootUrn: string): Promise<ResourceState[]> {
  const replaced = new Set([rootUrn]);
  const result: ResourceState[] = [];
  for (const dependent of ctx.dependentsOf(rootUrn)) {
    const affected = Object.entries(dependent.propertyDependencies)
      .filter(([, urns]) => urns.some((u) => replaced.has(u)))
      .map(([key]) => key);
    if (affected.length === 0) continue;
    const news: PropertyMap = { ...dependent.inputs };
    for (const key of affected) news[key] = UNKNOWN;
    const diff = await ctx.provider.diff(
      dependent.urn,
      dependent.id,
      dependent.outputs,
      news,
      dependent.inputs,
    );
    if (diff.changes === "DIFF_SOME" && diff.replaces.length > 0) {
      replaced.add(dependent.urn);
      result.push(dependent);
    }
  }
  return result;
}
