/**
 * The engine's "unknown" marker. During preview it replaces any input value at any depth; a whole
 * unknown array arrives as this string (docs/PULUMI-ENGINE.md, "Unknown values in preview"). Lifecycle code passes
 * it through untouched and never sends it to the API.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is the unknown sentinel itself. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when `value` is, or contains at any depth, the unknown sentinel. */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (value === UNKNOWN) return true;
  if (depth > 32 || value === null || typeof value !== "object") return false;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => containsUnknown(child, depth + 1));
}
