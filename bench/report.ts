/**
 * What every benchmark returns, the machine description, the printed table and the JSON report
 * (`.bench/report.json`, gitignored). A bench is not pass/fail: a missed target is reported as
 * MISSED and the process still exits 0.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** A target a metric is held to. */
export interface Target {
  readonly op: "<=" | "==";
  readonly value: number;
  /** Where the target comes from, when it is derived (e.g. "2 × (orgs + keys) / resources"). */
  readonly basis?: string;
}

/** One row of the table. */
export interface Metric {
  /** Stable key in the JSON report, e.g. `reconcile.ratio`. */
  readonly id: string;
  readonly label: string;
  /** `null` when the figure could not be measured (see the bench's error or notes). */
  readonly value: number | null;
  readonly unit: string;
  readonly target?: Target;
  /** Why a missed target is missed, in measured terms (shown next to the MISSED row). */
  readonly reason?: string;
}

/** One target in the JSON report: what it is, the bound, the figure, whether it is met. */
export interface TargetEntry {
  /** Stable metric id, e.g. `reconcile.oursOverFloor`. */
  readonly name: string;
  readonly label: string;
  /** The bound as text, e.g. `<= 1.3 x`. */
  readonly target: string;
  readonly measured: number | null;
  readonly unit: string;
  readonly met: boolean;
  readonly reason?: string;
}

/**
 * Every metric with a target as a report entry. `expected` names the targets each benchmark
 * holds: one that produced no such metric (it failed, or this run skipped that size) is listed
 * as missed with the reason, so no target drops out of the report.
 */
export function targetEntries(
  results: readonly BenchResult[],
  expected: Readonly<Record<string, readonly string[]>> = {},
): TargetEntry[] {
  const missing = results.flatMap((r) =>
    (expected[r.name] ?? [])
      .filter((id) => !r.metrics.some((m) => m.id === id && m.target))
      .map((id): TargetEntry => ({
        name: id,
        label: id,
        target: "see docs/PERFORMANCE.md",
        measured: null,
        unit: "",
        met: false,
        reason: r.error
          ? `the ${r.name} benchmark failed: ${r.error}`
          : "not measured in this run (a size these flags skip; run without --quick)",
      })),
  );
  return [...measuredEntries(results), ...missing];
}

function measuredEntries(results: readonly BenchResult[]): TargetEntry[] {
  return results.flatMap((r) =>
    r.metrics
      .filter((m) => m.target)
      .map((m) => {
        const met = metTarget(m) === true;
        const reason =
          m.reason ?? (m.value === null ? (r.error ?? "not measured (see the notes)") : undefined);
        return {
          name: m.id,
          label: m.label,
          target: formatTarget(m),
          measured: m.value,
          unit: m.unit,
          met,
          ...(!met && reason ? { reason } : {}),
        };
      }),
  );
}

/** What one benchmark produced. */
export interface BenchResult {
  readonly name: string;
  readonly title: string;
  readonly metrics: readonly Metric[];
  /** Raw counts and timings behind the metrics. */
  readonly details: Record<string, unknown>;
  /** How the figures were obtained, scaling decisions, caveats. */
  readonly notes: readonly string[];
  readonly durationMs: number;
  readonly error?: string;
}

/** Whether a metric meets its target; `undefined` when it has none. */
export function metTarget(m: Metric): boolean | undefined {
  if (!m.target) return undefined;
  if (m.value === null) return false;
  const eps = 1e-9;
  return m.target.op === "<="
    ? m.value <= m.target.value + eps
    : Math.abs(m.value - m.target.value) < eps;
}

/** The machine the figures were measured on (the machine is shared; load average says how busy). */
export function describeMachine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? "unknown",
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

function formatValue(m: Metric): string {
  if (m.value === null) return "n/a";
  const v = Math.abs(m.value) >= 100 ? m.value.toFixed(0) : Number(m.value.toFixed(3)).toString();
  return m.unit ? `${v} ${m.unit}` : v;
}

function formatTarget(m: Metric): string {
  if (!m.target) return "-";
  const op = m.target.op === "<=" ? "<=" : "=";
  const basis = m.target.basis ? ` (${m.target.basis})` : "";
  return `${op} ${Number(m.target.value.toFixed(3))}${m.unit ? ` ${m.unit}` : ""}${basis}`;
}

function formatMet(m: Metric): string {
  const met = metTarget(m);
  return met === undefined ? "-" : met ? "yes" : "MISSED";
}

/** The table: metric, measured, target, met?; errors and misses spelled out below it. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows: string[][] = [["metric", "measured", "target", "met?"]];
  for (const r of results) {
    if (r.error) rows.push([`${r.title}`, "ERROR", "-", "MISSED"]);
    for (const m of r.metrics) rows.push([m.label, formatValue(m), formatTarget(m), formatMet(m)]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row: string[]): string => row.map((cell, c) => cell.padEnd(widths[c])).join(" | ");
  const out = [line(rows[0]), widths.map((w) => "-".repeat(w)).join("-|-")];
  for (const row of rows.slice(1)) out.push(line(row));
  const missed = results.flatMap((r) => r.metrics.filter((m) => metTarget(m) === false));
  const errors = results.filter((r) => r.error);
  for (const m of missed) if (m.reason) out.push(`MISSED ${m.id}: ${m.reason}`);
  out.push("");
  out.push(
    missed.length === 0 && errors.length === 0
      ? "All targets met."
      : `MISSED: ${missed.length} target(s)${missed.length ? `: ${missed.map((m) => m.id).join(", ")}` : ""}` +
          (errors.length
            ? `; ERROR in ${errors.map((r) => `${r.name} (${r.error})`).join("; ")}`
            : ""),
  );
  return out.join("\n");
}

/** Writes the JSON report, creating its directory. */
export function writeReport(file: string, report: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
