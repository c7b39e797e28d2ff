/**
 * A plan / result summary in the CLI's shape (pkg/backend/display: the progress table of
 * progress.go and rows.go, `renderSummaryEvent` of diff.go): the resource tree with one row per
 * resource (symbol, type, name, plan or status, info), then the diagnostics grouped by resource,
 * the stack outputs with secrets shown as `[secret]` and unknowns as `output<string>`, and the
 * "Resources:" totals counted the way the engine counts them (counts.ts).
 */
import type { Diagnostic, StepOp, StepRecord } from "../deploy/operation-log";
import { qualifiedType, stackUrn as makeStackUrn, urnName } from "../deploy/urn";
import { STACK_TYPE } from "../state/snapshot";
import {
  UNKNOWN,
  isObject,
  isSecret,
  type PropertyMap,
  type PropertyValue,
} from "../values/property-values";
import { countForDisplay, stackStepOp, type DisplayCounts, type OperationKind } from "./counts";
import { displayedDiagnostics } from "./diagnostics";

export type { OperationKind } from "./counts";

/** `deploy.RawPrefix`. */
const SYMBOL: Record<StepOp, string> = {
  create: "+ ",
  update: "~ ",
  replace: "+-",
  delete: "- ",
  same: "  ",
};
/** `getPreviewText` / `getStepDoneDescription` (progress.go). */
const PLAN: Record<StepOp, string> = {
  create: "create",
  update: "update",
  replace: "replace",
  delete: "delete",
  same: "",
};
const DONE: Record<StepOp, string> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  same: "",
};
/** The provider call a step error names (engine-provider.ts: "<Method> of <name> (<urn>) failed: …"). */
const FAILED_CALL: Record<string, string> = {
  Create: "creating failed",
  Update: "updating failed",
  Delete: "deleting failed",
  Read: "reading failed",
};
/** `ActionLabel` (pkg/backend/apply.go). */
const HEADER: Record<OperationKind, [string, string]> = {
  preview: ["Previewing update", "Previewing update"],
  up: ["Previewing update", "Updating"],
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
  /** Default: read from the steps' URNs. */
  readonly project?: string;
  /**
   * Whether the stack resource takes part in a refresh / destroy (it is in state and no
   * `--target` leaves it out). Default: whenever the operation has refresh / delete steps.
   */
  readonly stackInOperation?: boolean;
}

interface Row {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly symbol: string;
  readonly status: string;
  readonly info: string[];
  readonly depth: number;
}

/** The text the CLI would print at the end of the operation. */
export function renderSummary(input: SummaryInput): string {
  const project = input.project ?? projectOf(input.steps);
  const stackUrn = makeStackUrn(input.stack, project ?? "project");
  const phase = input.kind === "refresh" ? "refresh" : "deploy";
  const stackInOperation =
    input.stackInOperation ??
    input.steps.some((s) => (input.kind === "refresh" ? s.phase === "refresh" : s.op === "delete"));
  const countInput = { ...input, stackUrn, stackInOperation };
  const counts = countForDisplay(countInput);
  const diagnostics = displayedDiagnostics(input.diagnostics);

  const lines = [`${HEADER[input.kind][input.dryRun ? 0 : 1]} (${input.stack})`, ""];
  const rows = buildRows(input, phase, stackUrn, stackStepOp(countInput), diagnostics);
  if (rows.length > 0) lines.push(...renderTable(rows, input.dryRun), "");
  if (diagnostics.length > 0) lines.push(...renderDiagnostics(diagnostics, rows, stackUrn), "");
  if (Object.keys(input.outputs).length > 0) {
    lines.push("Outputs:");
    const width = Math.max(...Object.keys(input.outputs).map((k) => k.length));
    for (const [key, value] of Object.entries(input.outputs).sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      lines.push(`    ${key.padEnd(width)}: ${renderValue(value)}`);
    }
    lines.push("");
  }
  lines.push("Resources:", ...renderTotals(counts, input.dryRun));
  return lines.join("\n");
}

function buildRows(
  input: SummaryInput,
  phase: StepRecord["phase"],
  stackUrn: string,
  stackOp: StepOp | undefined,
  diagnostics: readonly Diagnostic[],
): Row[] {
  const byUrn = new Map<string, StepRecord[]>();
  if (stackOp || input.steps.length > 0 || diagnostics.length > 0) byUrn.set(stackUrn, []);
  for (const step of input.steps) {
    if (step.phase !== phase) continue;
    const list = byUrn.get(step.urn) ?? [];
    list.push(step);
    byUrn.set(step.urn, list);
  }
  for (const d of diagnostics) if (d.urn && !byUrn.has(d.urn)) byUrn.set(d.urn, []);

  const rows: Row[] = [];
  for (const [urn, steps] of byUrn) {
    const diags = diagnostics.filter((d) => (d.urn ?? stackUrn) === urn);
    const row = buildRow(input.dryRun, urn, steps, diags, urn === stackUrn ? stackOp : undefined);
    const isStack = urn === stackUrn;
    const changed = row.symbol.trim() !== "" || row.status !== "" || row.info.length > 0;
    if (isStack || changed) rows.push(row);
  }
  return rows;
}

function buildRow(
  dryRun: boolean,
  urn: string,
  steps: readonly StepRecord[],
  diags: readonly Diagnostic[],
  syntheticOp: StepOp | undefined,
): Row {
  const failed = steps.find((s) => s.status === "failed");
  const main = failed ?? steps.find((s) => !s.replacement) ?? steps[0];
  const type = main?.type ?? qualifiedType(urn).split("$").pop() ?? "";
  const base = {
    urn,
    type,
    name: main?.name ?? urnName(urn),
    depth: qualifiedType(urn) === STACK_TYPE ? 0 : qualifiedType(urn).split("$").length,
  };
  const info: string[] = [];
  if (main && main.keys.length > 0) {
    const keys = main.keys.map((k) => `${main.replaceKeys.includes(k) ? "+-" : "~"}${k}`);
    info.push(`[diff: ${keys.join(", ")}]`);
  }
  info.push(...diagnosticCounts(diags));
  if (failed) {
    const call = /^(Create|Update|Delete|Read) of /.exec(failed.error ?? "")?.[1];
    // A Check or Diff failure (or any failure in preview) happens before the step exists: the
    // row shows no operation, only its error.
    if (dryRun || !call) return { ...base, symbol: "  ", status: "", info };
    const symbol = call === "Create" && failed.op === "update" ? SYMBOL.replace : SYMBOL[failed.op];
    return { ...base, symbol, status: `**${FAILED_CALL[call]}**`, info };
  }
  const op = main?.op ?? syntheticOp ?? "same";
  if (main?.replacement) {
    return { ...base, symbol: "--", status: dryRun ? "delete original" : "deleted original", info };
  }
  return { ...base, symbol: SYMBOL[op], status: (dryRun ? PLAN : DONE)[op], info };
}

function diagnosticCounts(diags: readonly Diagnostic[]): string[] {
  const count = (severity: Diagnostic["severity"]): number =>
    diags.filter((d) => d.severity === severity).length;
  const parts: string[] = [];
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (count("error")) parts.push(plural(count("error"), "error"));
  if (count("warning")) parts.push(plural(count("warning"), "warning"));
  if (count("info")) parts.push(plural(count("info"), "message"));
  return parts;
}

function renderTable(rows: readonly Row[], dryRun: boolean): string[] {
  const names = rows.map((row, i) => `${treePrefix(rows, i)}${row.type}`);
  const typeWidth = Math.max(4, ...names.map((n) => n.length));
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const statusWidth = Math.max(6, ...rows.map((r) => r.status.length));
  const status = dryRun ? "Plan" : "Status";
  const line = (symbol: string, type: string, name: string, st: string, info: string): string =>
    ` ${symbol.padEnd(2)}  ${type.padEnd(typeWidth)}  ${name.padEnd(nameWidth)}  ${st.padEnd(statusWidth)}  ${info}`.trimEnd();
  return [
    line("", "Type", "Name", status, "Info"),
    ...rows.map((r, i) => line(r.symbol, names[i], r.name, r.status, r.info.join("; "))),
  ];
}

/** `├─ ` / `└─ ` by depth (children of the stack are depth 1). */
function treePrefix(rows: readonly Row[], index: number): string {
  const depth = rows[index].depth;
  if (depth === 0) return "";
  let last = true;
  for (const later of rows.slice(index + 1)) {
    if (later.depth < depth) break;
    if (later.depth === depth) {
      last = false;
      break;
    }
  }
  return `${"   ".repeat(depth - 1)}${last ? "└─ " : "├─ "}`;
}

/** Grouped by resource like the CLI: `  <type> (<name>):` then `    <severity>: <message>`. */
function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  rows: readonly Row[],
  stackUrn: string,
): string[] {
  const order = rows.map((r) => r.urn);
  const urns = [...new Set(diagnostics.map((d) => d.urn ?? stackUrn))].sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  const lines = ["Diagnostics:"];
  urns.forEach((urn, i) => {
    if (i > 0) lines.push("");
    const type = qualifiedType(urn).split("$").pop() ?? "";
    lines.push(`  ${type} (${urnName(urn)}):`);
    for (const d of diagnostics.filter((x) => (x.urn ?? stackUrn) === urn)) {
      const text = d.message.replace(/\n/g, "\n      ");
      lines.push(d.severity === "info" ? `    ${text}` : `    ${d.severity}: ${text}`);
    }
  });
  return lines;
}

/** `renderSummaryEvent` (pkg/backend/display/diff.go). */
function renderTotals(counts: DisplayCounts, dryRun: boolean): string[] {
  const rows: string[] = [];
  let kinds = 0;
  let changes = 0;
  for (const op of ["create", "update", "delete", "replace"] as const) {
    const n = counts.ops[op];
    if (n === 0) continue;
    kinds++;
    changes += n;
    rows.push(`    ${SYMBOL[op]}${n} ${dryRun ? `to ${op}` : DONE[op]}`);
  }
  const pieces: string[] = [];
  if (kinds >= 2) pieces.push(`${changes} change${changes === 1 ? "" : "s"}`);
  if (counts.ops.same > 0) pieces.push(`${counts.ops.same} unchanged`);
  if (pieces.length > 0) rows.push(`    ${pieces.join(". ")}`);
  if (counts.errored > 0) rows.push(`    ${counts.errored} errored`);
  return rows;
}

function projectOf(steps: readonly StepRecord[]): string | undefined {
  return steps[0]?.urn.split("::")[1];
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
