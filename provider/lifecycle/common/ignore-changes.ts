/**
 * The resource's own `ignoreChanges` option, passed to the provider as the input
 * `__ignoreChanges` by the resource classes. The engine applies `ignoreChanges` to the inputs
 * before Check and Diff, but never tells the provider which properties it ignores
 * (docs/PULUMI-ENGINE.md, "ignoreChanges"); without this list the live drift check would set an
 * ignored property back to its declared value. Ignore rules added later by stack transforms are
 * not seen here.
 */
import { isUnknown } from "./sentinel";

/** The input that carries the list. */
export const IGNORE_CHANGES_INPUT = "__ignoreChanges";

/** Inputs that are bookkeeping, not properties of the Ops Manager object. */
export const BOOKKEEPING_INPUTS: readonly string[] = ["__provider", IGNORE_CHANGES_INPUT];

/** The top-level property names the list names (`roles[0]` ignores `roles`; `*` ignores all). */
export type IgnoredProperties = ReadonlySet<string>;

/** The valid list from checked inputs: strings only, or `undefined` when absent or malformed. */
export function checkedIgnoreChanges(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || isUnknown(value)) return undefined;
  const names = value.filter((v): v is string => typeof v === "string" && !isUnknown(v));
  return names.length > 0 ? names : undefined;
}

/** The properties that `inputs` say to ignore. */
export function ignoredProperties(inputs: Record<string, unknown>): IgnoredProperties {
  const names = checkedIgnoreChanges(inputs[IGNORE_CHANGES_INPUT]) ?? [];
  return new Set(names.map((path) => /^[A-Za-z_$][\w$]*/.exec(path.trim())?.[0] ?? path.trim()));
}

/** True when the live comparison must skip `property`. */
export function isIgnored(ignored: IgnoredProperties, property: string): boolean {
  return ignored.has("*") || ignored.has(property);
}
