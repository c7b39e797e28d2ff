/**
 * URNs as the engine builds them (`resource.NewURN`):
 * `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the qualified type is the
 * parent's qualified type + `$` + type, except that children of the stack are not qualified.
 */
import { DEFAULT_PROVIDER_TYPE, STACK_TYPE } from "../state/snapshot";

export function makeUrn(
  stack: string,
  project: string,
  parentUrn: string,
  type: string,
  name: string,
): string {
  const parentType = parentUrn ? qualifiedType(parentUrn) : "";
  const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export function stackUrn(stack: string, project: string): string {
  return makeUrn(stack, project, "", STACK_TYPE, `${project}-${stack}`);
}

export function defaultProviderUrn(stack: string, project: string): string {
  return makeUrn(stack, project, "", DEFAULT_PROVIDER_TYPE, "default");
}

/** The `<type chain>` part of a URN. */
export function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}

/** The resource name: everything after the type. */
export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}
