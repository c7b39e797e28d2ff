/**
 * A plan / result summary in the CLI's shape (pkg/backend/display): one row per step with its
 * symbol (`+` create, `~` update, `+-` replace, `-` delete), the changed property names, the
 * stack outputs with secrets shown as `[secret]` and unknowns as `output<string>`, and totals.
 */
import type { Diagnostic, StepOp, StepRecord } from "../deploy/operation-log";
import {
  UNKNOWN,
  isObject,
  isSecret,
  type PropertyMap,
  type PropertyValue,
} from "../values/property-values";

export type OperationKind = "preview" | "up" | "refresh" | "destroy";

const SYMBOL: Record<StepOp, string> = {
  create: "+ ",
  update: "~ ",
  replace: "+-",
  delete: "- ",
  same: "  ",
};
const PAST: Record<StepOp, string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  same: "same",
};
const HEADER: Record<OperationKind, [string, string]> = {
  preview: ["Previewing update", "Previewing update"],
  up: ["Updating", "Updating"],
  refresh: ["Previewing refresh", "Refreshing"],
  destroy: ["Previewing destroy", "Destroying"],
};

export interface SummaryInput {
  readonly kind: OperationKind;
  readonly dryRun: boolean;
  readonly stack: string;
  readonly steps: readonly StepRecord[];
  readonly diagnostics: readonly Diagnostic[];
  readonly outputs: PropertyMap;
}

/** The text the CLI would print at the end of the operation. */
export function renderSummary(input: SummaryInput): string {
  const lines = [`${HEADER[input.kind][input.dryRun ? 0 : 1]} (${input.stack}):`, ""];
  const shown = input.steps.filter((s) => s.op !== "same" || s.type === "pulumi:pulumi:Stack");
  const typeWidth = Math.max(4, ...shown.map((s) => s.type.length));
  const nameWidth = Math.max(4, ...shown.map((s) => s.name.length));
  lines.push(
    `     ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  ${input.dryRun ? "Plan" : "Status"}`,
  );
  for (const step of shown) lines.push(renderStep(step, typeWidth, nameWidth, input.dryRun));
  // Like the CLI, show warnings, errors and what the provider host printed (plugin output is
  // displayed to the user: spec pulumi-dynamic-provider.md §1).
  const problems = input.diagnostics.filter(
    (d) => d.severity === "error" || d.severity === "warning" || d.source === "provider",
  );
  if (problems.length > 0) {
    lines.push("", "Diagnostics:");
    for (const d of problems)
      lines.push(`    ${d.severity}: ${d.message}${d.urn ? ` (${d.urn})` : ""}`);
  }
  if (Object.keys(input.outputs).length > 0) {
    lines.push("", "Outputs:");
    const width = Math.max(...Object.keys(input.outputs).map((k) => k.length));
    for (const [key, value] of Object.entries(input.outputs).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      lines.push(`    ${key.padEnd(width)}: ${renderValue(value)}`);
    }
  }
  lines.push("", "Resources:", ...renderTotals(input.steps, input.dryRun));
  return lines.join("\n");
}

function renderStep(
  step: StepRecord,
  typeWidth: number,
  nameWidth: number,
  dryRun: boolean,
): string {
  const failed = step.status === "failed";
  const refresh = step.phase === "refresh";
  const what =
    refresh && step.op === "update"
      ? "refresh (drift)"
      : refresh && step.op === "delete"
        ? "refresh (gone)"
        : step.op;
  const status = failed
    ? `**${step.op} failed**`
    : dryRun
      ? what
      : refresh
        ? `${what} ${PAST[step.op]}`
        : PAST[step.op];
  const info: string[] = [];
  if (step.keys.length > 0) {
    info.push(
      `[diff: ${step.keys.map((k) => `${step.replaceKeys.includes(k) ? "+-" : "~"}${k}`).join(", ")}]`,
    );
  }
  if (step.op === "replace")
    info.push(step.deleteBeforeReplace ? "[delete-before-replace]" : "[create-before-delete]");
  const symbol = step.replacement ? "--" : SYMBOL[step.op];
  if (step.replacement) info.push("[old half of a replacement]");
  return ` ${symbol}  ${step.type.padEnd(typeWidth)}  ${step.name.padEnd(nameWidth)}  ${status}${info.length ? `  ${info.join(" ")}` : ""}`;
}

function renderTotals(steps: readonly StepRecord[], dryRun: boolean): string[] {
  const counts = new Map<StepOp, number>();
  for (const s of steps)
    if (s.phase === "deploy" && s.status !== "failed" && !s.replacement)
      counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
  const rows: string[] = [];
  for (const op of ["create", "update", "replace", "delete"] as const) {
    const n = counts.get(op);
    if (n) rows.push(`    ${SYMBOL[op].trim()} ${n} ${dryRun ? `to ${op}` : PAST[op]}`);
  }
  const drift = steps.filter((s) => s.phase === "refresh" && s.op !== "same").length;
  if (drift) rows.push(`    ${drift} drifted (refresh)`);
  rows.push(`    ${counts.get("same") ?? 0} unchanged`);
  return rows;
}

/** A property value for display: secrets as `[secret]`, unknowns as `output<string>`. */
export function renderValue(value: PropertyValue): string {
  return JSON.stringify(redact(value))
    .replace(/"<<secret>>"/g, "[secret]")
    .replace(/"<<unknown>>"/g, "output<string>");
}

function redact(value: PropertyValue): PropertyValue {
  if (isSecret(value)) return "<<secret>>";
  if (value === UNKNOWN) return "<<unknown>>";
  if (Array.isArray(value)) return value.map(redact);
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  return value;
}
