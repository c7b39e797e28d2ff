/**
 * What the CLI's summary counts (pkg/engine `acts.Ops`, pkg/backend/display): one per step that
 * is displayed, by the operation it ended as. A refresh step counts as same/update/delete (its
 * `ResultOp`); the delete half of a replacement is part of its `replace`; errors are the
 * operation's error diagnostics.
 */
import type { StepRecord } from "./operation-log";

/**
 * Keys: `create`, `update`, `replace`, `delete`, `same` (by the op the step ended as, failed
 * steps excluded), `read` (refresh steps: one per resource the refresh visited), `refresh-changed` (refresh steps that found
 * drift or a deleted resource), `errors`.
 */
export type OperationCounts = Record<
  "create" | "update" | "replace" | "delete" | "same" | "read" | "refresh-changed" | "errors",
  number
>;

export function countSteps(steps: readonly StepRecord[], errors: number): OperationCounts {
  const counts: OperationCounts = {
    create: 0,
    update: 0,
    replace: 0,
    delete: 0,
    same: 0,
    read: 0,
    "refresh-changed": 0,
    errors,
  };
  for (const step of steps) {
    if (step.status === "failed") continue;
    if (step.phase === "refresh") {
      counts.read++;
      if (step.op !== "same") counts["refresh-changed"]++;
    }
    if (step.op === "delete" && step.replacement) continue;
    counts[step.op]++;
  }
  return counts;
}

/** `--expect-no-changes`: the steps that are not `same` (replacement deletes count with their replace). */
export function countChanges(steps: readonly StepRecord[]): number {
  return steps.filter((s) => s.op !== "same" && !(s.op === "delete" && s.replacement)).length;
}
