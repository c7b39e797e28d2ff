/**
 * The harness's checkpoint: one record per resource, shaped like Pulumi's state
 * (`apitype.ResourceV3`): inputs, outputs, dependencies and the options the engine keeps.
 * Values are in wire form (property-values.ts); secrets are encrypted only on disk.
 */
import type { PropertyMap } from "../values/property-values";

export interface ResourceState {
  readonly urn: string;
  readonly type: string;
  readonly custom: boolean;
  /** Empty for component resources (the stack). */
  readonly id: string;
  readonly parent?: string;
  /** `<provider urn>::<provider id>` for custom resources. */
  readonly provider?: string;
  readonly inputs: PropertyMap;
  readonly outputs: PropertyMap;
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  readonly additionalSecretOutputs?: readonly string[];
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly deletedWith?: string;
  /** The old half of a create-before-delete replacement, still to be deleted. */
  readonly delete?: boolean;
  /** Deleted by a delete-before-replace whose create has not succeeded yet. */
  readonly pendingReplacement?: boolean;
  /** Reasons of a partially failed create/update. */
  readonly initErrors?: readonly string[];
}

export interface Snapshot {
  readonly resources: readonly ResourceState[];
}

export const STACK_TYPE = "pulumi:pulumi:Stack";
export const DEFAULT_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

/** True for the resources the dynamic provider manages (not the stack, not the provider). */
export function isManagedResource(state: ResourceState): boolean {
  return state.custom && !state.type.startsWith("pulumi:providers:");
}

/** Resources of `snapshot` ordered so that each comes after everything it depends on. */
export function dependencyOrder(resources: readonly ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const seen = new Set<ResourceState>();
  const ordered: ResourceState[] = [];
  const visit = (r: ResourceState): void => {
    if (seen.has(r)) return;
    seen.add(r);
    for (const dep of dependenciesOf(r)) for (const d of byUrn.get(dep) ?? []) visit(d);
    ordered.push(r);
  };
  resources.forEach(visit);
  return ordered;
}

/** Every URN `state` depends on: parent, provider, dependencies, property dependencies, deletedWith. */
export function dependenciesOf(state: ResourceState): string[] {
  const deps = new Set<string>(state.dependencies);
  for (const urns of Object.values(state.propertyDependencies)) urns.forEach((u) => deps.add(u));
  if (state.parent) deps.add(state.parent);
  if (state.provider) deps.add(state.provider.split("::").slice(0, -1).join("::"));
  if (state.deletedWith) deps.add(state.deletedWith);
  deps.delete(state.urn);
  return [...deps];
}
