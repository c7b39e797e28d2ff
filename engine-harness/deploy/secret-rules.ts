/**
 * The engine's secret re-marking of provider answers: the host runs with
 * acceptSecrets=false, so everything comes back plain and the engine marks it again.
 */
import {
  containsSecrets,
  isObject,
  isSecret,
  makeSecret,
  type PropertyMap,
} from "../values/property-values";

/**
 * `annotateSecrets(outputs, inputs)` (provider_plugin.go): an output whose same-named request
 * input contains a secret becomes secret; objects are recursed, anything else is marked whole.
 */
export function annotateSecrets(outputs: PropertyMap, inputs: PropertyMap): PropertyMap {
  const result: PropertyMap = { ...outputs };
  for (const [key, input] of Object.entries(inputs)) {
    if (!(key in result) || !containsSecrets(input) || containsSecrets(result[key])) continue;
    const output = result[key];
    const inner = isSecret(input) ? input.value : input;
    if (!isSecret(input) && isObject(output) && isObject(inner)) {
      result[key] = annotateSecrets(output, inner);
    } else {
      result[key] = makeSecret(output);
    }
  }
  return result;
}

/**
 * step_executor.go after a step with new state: every key of `additionalSecretOutputs` that is
 * present becomes secret (`id` cannot be secret and is skipped; missing keys are ignored,
 * pulumi/pulumi#2717 and pulumi/pulumi#9926), then outputs whose same-named input is secret are marked secret.
 */
export function applyAdditionalSecretOutputs(
  outputs: PropertyMap,
  inputs: PropertyMap,
  additionalSecretOutputs: readonly string[],
): PropertyMap {
  const result: PropertyMap = { ...outputs };
  for (const key of additionalSecretOutputs) {
    if (key !== "id" && key in result) result[key] = makeSecret(result[key]);
  }
  for (const [key, input] of Object.entries(inputs)) {
    if (key in result && isSecret(input)) result[key] = makeSecret(result[key]);
  }
  return result;
}

/** Both rules, in the engine's order, for a provider answer to a request made with `inputs`. */
export function remarkSecrets(
  outputs: PropertyMap,
  inputs: PropertyMap,
  additionalSecretOutputs: readonly string[],
): PropertyMap {
  return applyAdditionalSecretOutputs(
    annotateSecrets(outputs, inputs),
    inputs,
    additionalSecretOutputs,
  );
}
