/**
 * The resource's own `ignoreChanges` option as an input. The engine applies the option before
 * Check and Diff but never tells the provider which properties it ignores, so the live drift
 * check could not honour it otherwise (docs/PULUMI-ENGINE.md, "ignoreChanges"). Absent when the
 * option is unset, so existing stacks see no new input. Changing only the option plans no update.
 */
import type * as pulumi from "@pulumi/pulumi";

export function ignoreChangesInput(
  opts: pulumi.CustomResourceOptions | undefined,
): string[] | undefined {
  const names = opts?.ignoreChanges;
  return Array.isArray(names) && names.length > 0 ? [...names] : undefined;
}
