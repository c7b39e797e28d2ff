/**
 * What the CLI's "Resources:" block counts. The engine counts one per *logical* step that
 * succeeded, by the op it ended as (`OnResourceStepPost` in pkg/engine/update.go):
 * - the delete half of a replacement is not logical (it is part of the `replace`);
 * - a refresh step counts by its `ResultOp()` (same, update or delete) in `pulumi refresh`, and
 *   not at all in `up --refresh` / `preview --refresh` (`RefreshStep.Logical()` is false);
 * - the stack resource is a step like any other (same/create in an update, a refresh step in a
 *   refresh, a delete in a destroy); default providers are internal and never counted.
 * "N errored" counts the rows that got an error diagnostic (`printSummary` in
 * pkg/backend/display/progress.go); an error without a resource belongs to the stack's row.
 */
import type { Diagnostic, StepOp, StepRecord } from "../deploy/operation-log";

export type OperationKind = "preview" | "up" | "refresh" | "destroy";

/** The steps a summary is made of (a subset of what the engine harness records). */
export interface CountInput {
  readonly kind: OperationKind;
  readonly dryRun: boolean;
  readonly steps: readonly StepRecord[];
  readonly diagnostics: readonly Diagnostic[];
  /** URN of the stack resource (rows without a URN belong to it). */
  readonly stackUrn: string;
  /** The stack resource takes part in a refresh / destroy (it is in state and not excluded by --target). */
  readonly stackInOperation: boolean;
}

export interface DisplayCounts {
  /** Successful logical steps by op (`same` included). */
  readonly ops: Readonly<Record<StepOp, number>>;
  /** Rows with at least one error diagnostic. */
  readonly errored: number;
}

/** The stack's own step in a refresh or destroy, when the harness recorded none for it. */
export function stackStepOp(input: CountInput): StepOp | undefined {
  if (!input.stackInOperation) return undefined;
  const phase = input.kind === "refresh" ? "refresh" : "deploy";
  if (input.steps.some((s) => s.urn === input.stackUrn && s.phase === phase)) return undefined;
  if (input.kind === "refresh") return "same";
  if (input.kind === "destroy") return hasErrors(input) ? undefined : "delete";
  return undefined;
}

export function countForDisplay(input: CountInput): DisplayCounts {
  const ops: Record<StepOp, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0 };
  const phase = input.kind === "refresh" ? "refresh" : "deploy";
  for (const step of input.steps) {
    if (step.phase !== phase || step.status === "failed" || step.replacement) continue;
    ops[step.op]++;
  }
  const stackOp = stackStepOp(input);
  if (stackOp) ops[stackOp]++;
  const erroredRows = new Set(
    input.diagnostics.filter((d) => d.severity === "error").map((d) => d.urn ?? input.stackUrn),
  );
  return { ops, errored: erroredRows.size };
}

/** `engine.HasChanges`: anything but `same` (what `--expect-no-changes` fails on). */
export function hasChanges(counts: DisplayCounts): boolean {
  return (["create", "update", "replace", "delete"] as const).some((op) => counts.ops[op] > 0);
}

function hasErrors(input: CountInput): boolean {
  return (
    input.diagnostics.some((d) => d.severity === "error") ||
    input.steps.some((s) => s.status === "failed")
  );
}
