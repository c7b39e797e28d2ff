/**
 * Invariants checked against the emulator's admin door after every step of a chaos run:
 *
 * - open keys: after a step that failed, no key that held access-list entries the program still
 *   declares is left with an empty access list (Ops Manager treats an empty list as "any
 *   address"). Exempt: a key that never had entries, a key whose delete the engine has issued,
 *   a key gone from the server;
 * - lost assignments: after a step that succeeded, every assignment in state exists in the
 *   project with its declared roles (unless the suite changed it out of band since);
 * - orphan assignments: after every step, every key assigned to the project is known to state:
 *   an assignment in state or pending delete, one the program declares whose create failed (the
 *   next deployment adopts it), a key pending delete (its delete takes the assignment with it),
 *   or one the suite made out of band on purpose;
 * - duplicate assignments: no two resources in state (live or pending delete) hold one assignment.
 */
import type { Step } from "./step";

export interface InvariantTally {
  accessListChecks: number;
  assignmentChecks: number;
  readonly openKeys: string[];
  readonly lostAssignments: string[];
  readonly orphanAssignments: string[];
  readonly duplicateAssignments: string[];
}

export function emptyTally(): InvariantTally {
  return {
    accessListChecks: 0,
    assignmentChecks: 0,
    openKeys: [],
    lostAssignments: [],
    orphanAssignments: [],
    duplicateAssignments: [],
  };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = new Set(a.map((r) => r.toUpperCase()));
  const y = new Set(b.map((r) => r.toUpperCase()));
  return x.size === y.size && [...x].every((r) => y.has(r));
};

/** Checks the invariants after a step (`label` names it in the report; `failed`: a call failed). */
export function checkAfterStep(
  s: Step,
  label: string,
  failed: boolean,
  tally: InvariantTally,
): void {
  const { admin, publicKey } = s.engine.emulator;
  const serverKeys = admin.listKeys(s.orgId).filter((k) => k.publicKey !== publicKey);
  const entryCounts = new Map(
    serverKeys.map((k) => [k.id, admin.listEntries(s.orgId, k.id).length]),
  );

  if (failed) {
    for (const [id, count] of entryCounts) {
      tally.accessListChecks++;
      if (count === 0 && s.track.hadEntries.has(id) && !s.track.deleteIssued.has(id))
        tally.openKeys.push(`${label}: key ${id} had access-list entries and has none`);
    }
  }
  for (const [id, count] of entryCounts) if (count > 0) s.track.hadEntries.add(id);

  const live = [...s.state.assignments.values()];
  const pending = s.state.pending.filter((p) => p.kind === "ApiKeyProjectAssignment");
  const assigned = new Map(admin.listProjectKeys(s.projectId).map((k) => [k.id, k.roles]));
  tally.assignmentChecks++;

  const held = new Map<string, number>();
  for (const id of [...live.map((a) => a.id), ...pending.map((p) => p.id)])
    held.set(id, (held.get(id) ?? 0) + 1);
  for (const [id, n] of held)
    if (n > 1) tally.duplicateAssignments.push(`${label}: ${n} resources hold assignment ${id}`);

  if (!failed) {
    for (const a of live) {
      if (s.track.drifted.has(a.id)) continue;
      const roles = assigned.get(String(a.outs.apiKeyId));
      const declared = a.inputs.roles as string[];
      if (roles === undefined)
        tally.lostAssignments.push(`${label}: ${a.name} (${a.id}) is not on the server`);
      else if (!sameSet(roles, declared))
        tally.lostAssignments.push(
          `${label}: ${a.name} (${a.id}) has roles ${roles.join(",")} on the server, ${declared.join(",")} declared`,
        );
    }
  }

  const known = new Set([...held.keys()].map((id) => id.split("/")[1]));
  for (const a of s.state.awaited) {
    const key = s.state.keys.get(a.keyName);
    if (key) known.add(key.id);
  }
  for (const p of s.state.pending) if (p.kind === "OrgApiKey") known.add(p.id);
  for (const id of s.track.outOfBand) known.add(id.split("/")[1]);
  const bootstrap = admin.listKeys(s.orgId).find((k) => k.publicKey === publicKey)?.id;
  for (const keyId of assigned.keys())
    if (keyId !== bootstrap && !known.has(keyId))
      tally.orphanAssignments.push(
        `${label}: key ${keyId} is assigned to the project, unknown to state`,
      );
}
