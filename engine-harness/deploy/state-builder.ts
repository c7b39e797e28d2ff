/** Building a state record from a registration and a step's results. */
import type { Registration } from "../program/registration";
import type { ResourceState } from "../state/snapshot";
import type { PropertyMap } from "../values/property-values";

export function stateFromRegistration(
  reg: Registration,
  urn: string,
  providerRef: string,
  id: string,
  inputs: PropertyMap,
  outputs: PropertyMap,
  initErrors?: readonly string[],
): ResourceState {
  return {
    urn,
    type: reg.type,
    custom: reg.custom,
    id,
    ...(reg.parent ? { parent: reg.parent } : {}),
    ...(reg.custom ? { provider: providerRef } : {}),
    inputs,
    outputs,
    dependencies: reg.dependencies,
    propertyDependencies: reg.propertyDependencies,
    ...(reg.additionalSecretOutputs.length
      ? { additionalSecretOutputs: reg.additionalSecretOutputs }
      : {}),
    ...(reg.protect ? { protect: true } : {}),
    ...(reg.retainOnDelete ? { retainOnDelete: true } : {}),
    ...(reg.deletedWith ? { deletedWith: reg.deletedWith } : {}),
    ...(initErrors?.length ? { initErrors } : {}),
  };
}
