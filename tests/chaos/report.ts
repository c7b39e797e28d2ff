/**
 * Figures of a chaos suite and the verdict: any orphan, lost private key, duplicate,
 * unclear failure message or secret hit fails the suite.
 */
import type { RunResult } from "./run-chaos";

export interface Summary {
  readonly runs: number;
  readonly faults: Record<string, number>;
  readonly calls: number;
  readonly okFirstTime: number;
  readonly okAfterRetrying: number;
  readonly failedClearly: number;
  readonly failedUnclearly: number;
  readonly orphanKeys: number;
  readonly orphanEntries: number;
  readonly lostPrivateKeys: number;
  readonly duplicateKeys: number;
  readonly secretHits: number;
  readonly ghosts: number;
  readonly steps: number;
  readonly accessListChecks: number;
  readonly assignmentChecks: number;
  /** Keys that had entries left with an empty access list after a failed step. */
  readonly openKeys: number;
  readonly lostAssignments: number;
  readonly orphanAssignments: number;
  readonly duplicateAssignments: number;
  /** A few examples of problems, with the seed that reproduces them. */
  readonly examples: string[];
}

export function summarize(results: readonly RunResult[]): Summary {
  const faults: Record<string, number> = {};
  const examples: string[] = [];
  let okFirstTime = 0;
  let okAfterRetrying = 0;
  let failedClearly = 0;
  let failedUnclearly = 0;
  const sum = (f: (r: RunResult) => number): number => results.reduce((a, r) => a + f(r), 0);
  for (const r of results) {
    for (const [kind, n] of Object.entries(r.faults)) faults[kind] = (faults[kind] ?? 0) + n;
    for (const op of r.ops) {
      if (op.ok && op.faults === 0 && op.retries === 0) okFirstTime++;
      else if (op.ok) okAfterRetrying++;
      else if ((op.unclear ?? []).length === 0) failedClearly++;
      else {
        failedUnclearly++;
        if (examples.length < 8)
          examples.push(
            `seed ${r.seed}: unclear (${op.unclear?.join(", ")}): ${op.message?.slice(0, 300)}`,
          );
      }
    }
    const c = r.comparison;
    const bad = [
      ...c.orphanKeys.map((id) => `orphan key ${id}`),
      ...c.orphanEntries.map((id) => `orphan entry ${id}`),
      ...c.lostPrivateKeys.map((id) => `lost private key of ${id}`),
      ...(r.duplicates > 0 ? [`${r.duplicates} duplicate key(s)`] : []),
      ...(r.secretHits > 0 ? [`${r.secretHits} secret hit(s)`] : []),
      ...r.invariants.openKeys,
      ...r.invariants.lostAssignments.map((m) => `lost assignment: ${m}`),
      ...r.invariants.orphanAssignments.map((m) => `orphan assignment: ${m}`),
      ...r.invariants.duplicateAssignments.map((m) => `duplicate assignment: ${m}`),
    ];
    if (bad.length > 0 && examples.length < 8)
      examples.push(`seed ${r.seed} (${r.intensity}, ${r.steps.join(" ")}): ${bad.join("; ")}`);
  }
  return {
    runs: results.length,
    faults,
    calls: sum((r) => r.ops.length),
    okFirstTime,
    okAfterRetrying,
    failedClearly,
    failedUnclearly,
    orphanKeys: sum((r) => r.comparison.orphanKeys.length),
    orphanEntries: sum((r) => r.comparison.orphanEntries.length),
    lostPrivateKeys: sum((r) => r.comparison.lostPrivateKeys.length),
    duplicateKeys: sum((r) => r.duplicates),
    secretHits: sum((r) => r.secretHits),
    ghosts: sum((r) => r.comparison.ghosts.length),
    steps: sum((r) => r.stepCount),
    accessListChecks: sum((r) => r.invariants.accessListChecks),
    assignmentChecks: sum((r) => r.invariants.assignmentChecks),
    openKeys: sum((r) => r.invariants.openKeys.length),
    lostAssignments: sum((r) => r.invariants.lostAssignments.length),
    orphanAssignments: sum((r) => r.invariants.orphanAssignments.length),
    duplicateAssignments: sum((r) => r.invariants.duplicateAssignments.length),
    examples,
  };
}

/** True when the suite meets its targets (all counts of problems 0). */
export function passed(s: Summary): boolean {
  return (
    s.orphanKeys +
      s.orphanEntries +
      s.lostPrivateKeys +
      s.duplicateKeys +
      s.failedUnclearly +
      s.secretHits +
      s.openKeys +
      s.lostAssignments +
      s.orphanAssignments +
      s.duplicateAssignments ===
    0
  );
}

/** A plain-text table of the figures. */
export function formatSummary(s: Summary, elapsedMs: number): string {
  const faultTotal = Object.values(s.faults).reduce((a, b) => a + b, 0);
  const faultDetail = Object.entries(s.faults)
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  const rows: Array<[string, string]> = [
    ["runs", String(s.runs)],
    ["steps (deployments)", String(s.steps)],
    ["faults injected", `${faultTotal} (${faultDetail})`],
    ["lifecycle calls", String(s.calls)],
    ["  succeeded first time", String(s.okFirstTime)],
    ["  succeeded after retrying", String(s.okAfterRetrying)],
    ["  failed with a clear error", String(s.failedClearly)],
    ["  failed with an unclear error", String(s.failedUnclearly)],
    ["orphan keys", String(s.orphanKeys)],
    ["orphan entries", String(s.orphanEntries)],
    ["lost private keys", String(s.lostPrivateKeys)],
    ["duplicate keys", String(s.duplicateKeys)],
    ["secret hits", String(s.secretHits)],
    ["invariant checks", String(s.accessListChecks + s.assignmentChecks)],
    ["  access lists checked after failed steps", String(s.accessListChecks)],
    ["  assignment checks (one per step)", String(s.assignmentChecks)],
    ["keys left with an empty access list", String(s.openKeys)],
    ["lost assignments", String(s.lostAssignments)],
    ["orphan assignments", String(s.orphanAssignments)],
    ["duplicate assignments", String(s.duplicateAssignments)],
    ["state entries gone from server (refresh drops them)", String(s.ghosts)],
    ["elapsed", `${(elapsedMs / 1000).toFixed(1)} s`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`);
  if (s.examples.length > 0)
    lines.push("", "problems (reproduce with --seed-of-run):", ...s.examples.map((e) => `  ${e}`));
  lines.push(
    "",
    passed(s)
      ? "PASS: 0 orphans, 0 lost private keys, 0 duplicates, all failures clear, 0 secret hits, " +
          "0 keys left open, 0 lost/orphan/duplicate assignments"
      : "FAIL",
  );
  return lines.join("\n");
}
