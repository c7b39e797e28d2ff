/**
 * Replacement mechanics (spec §2.3): a second Check with olds = {} ("recompute defaults"), then
 * create-before-delete (default: the old resource is deleted after the program, with the other
 * deletes) or delete-before-replace (resource option, which overrides the provider's
 * `deleteBeforeReplace`): dependents that would be replaced are deleted first, then the old
 * resource, then the new one is created.
 */
import type { Registration } from "../program/registration";
import type { ResourceState } from "../state/snapshot";
import { UNKNOWN, type PropertyMap } from "../values/property-values";
import { StepError } from "./engine-provider";
import { recordingPartial, type StepContext, type StepOutcome } from "./resource-step";
import { applyAdditionalSecretOutputs, remarkSecrets } from "./secret-rules";
import { stateFromRegistration } from "./state-builder";

export interface ReplacePlan {
  readonly keys: readonly string[];
  readonly replaceKeys: readonly string[];
  readonly deleteBeforeReplace: boolean;
}

export async function replaceResource(
  ctx: StepContext,
  reg: Registration,
  urn: string,
  old: ResourceState,
  news: PropertyMap,
  plan: ReplacePlan,
): Promise<StepOutcome> {
  if (old.protect) {
    throw new StepError(
      `${reg.type} resource '${reg.name}' is protected and cannot be replaced (changed: ${plan.replaceKeys.join(", ")}); ` +
        "remove the protect option first",
    );
  }
  const checked = await ctx.provider.check(urn, reg.type, {}, news);
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

  if (ctx.dryRun) {
    record();
    const planned = applyAdditionalSecretOutputs(checked, checked, reg.additionalSecretOutputs);
    return { state: build("", planned), id: "", outputs: planned };
  }
  if (plan.deleteBeforeReplace) {
    const dependents = await dependentReplacements(ctx, urn);
    for (const dependent of dependents.reverse()) await ctx.deleteNow(dependent);
    await ctx.deleteNow(old);
  }
  const created = await recordingPartial(
    () => ctx.provider.create(urn, checked, reg.additionalSecretOutputs),
    (f) =>
      build(f.id, remarkSecrets(f.properties, checked, reg.additionalSecretOutputs), f.reasons),
  );
  if (!plan.deleteBeforeReplace) ctx.deleteLater(old);
  record();
  return { state: build(created.id, created.outputs), id: created.id, outputs: created.outputs };
}

/**
 * `calculateDependentReplacements` (step_generator.go): dependents whose inputs depend on a
 * replaced resource get those inputs set to unknown and are diffed; those the provider would
 * replace must be deleted before the root is.
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
