/**
 * ApiKeyProjectAssignment steps of a chaos run: assign a key in state to the emulator's seeded
 * project with random project roles, change the roles (live diff, then update), unassign, and
 * `moveAssignments` for key replacements (the assignment on the new key first, the old one to
 * the pending deletes). A create that fails leaves the assignment declared but not in state: the
 * next deployment creates it again (`retryAwaitedAssignments`, before every step).
 */
import { assignmentsOf, type AssignmentResource, type Dice, type KeyResource } from "./model";
import type { Step } from "./step";

const PROJECT_ROLES = [
  "GROUP_AUTOMATION_ADMIN",
  "GROUP_BACKUP_ADMIN",
  "GROUP_DATA_ACCESS_READ_ONLY",
  "GROUP_MONITORING_ADMIN",
  "GROUP_OWNER",
  "group_read_only",
  "GROUP_USER_ADMIN",
];

export function randomProjectRoles(d: Dice): string[] {
  const roles = PROJECT_ROLES.filter(() => d.chance(0.3));
  return roles.length > 0 ? roles : [d.pick(PROJECT_ROLES)];
}

/** Does state (live, pending or awaited) already hold an assignment of `key` in the project? */
function assignedInState(s: Step, key: KeyResource): boolean {
  const id = `${s.projectId}/${key.id}`;
  return (
    assignmentsOf(s.state, key.name).length > 0 ||
    s.state.awaited.some((a) => a.keyName === key.name) ||
    s.state.pending.some((p) => p.kind === "ApiKeyProjectAssignment" && p.id === id)
  );
}

/** Creates the assignment of `key`; undefined when the create failed. */
async function assignmentOn(
  s: Step,
  key: KeyResource,
  name: string,
  roles: readonly string[],
): Promise<AssignmentResource | undefined> {
  const inputs = await s.engine.check("ApiKeyProjectAssignment", {
    projectId: s.projectId,
    apiKeyId: key.id,
    roles,
  });
  const result = await s.engine.create("ApiKeyProjectAssignment", name, inputs);
  if (result.kind === "failed") return undefined;
  s.track.drifted.delete(result.id);
  s.track.outOfBand.delete(result.id);
  return { name, keyName: key.name, id: result.id, outs: result.outs, inputs };
}

/** Creates, records in state, or leaves it awaited for the next deployment. */
async function createDeclared(
  s: Step,
  key: KeyResource,
  name: string,
  roles: string[],
): Promise<boolean> {
  const created = await assignmentOn(s, key, name, roles);
  if (created) s.state.assignments.set(name, created);
  else s.state.awaited.push({ name, keyName: key.name, roles });
  return created !== undefined;
}

export async function createAssignment(s: Step): Promise<void> {
  const keys = [...s.state.keys.values()].filter((k) => !assignedInState(s, k));
  if (keys.length === 0) return;
  const key = s.dice.pick(keys);
  s.counter += 1;
  await createDeclared(s, key, `a${s.counter}`, randomProjectRoles(s.dice));
}

/** New roles: the live diff decides (drift included), then one update. */
export async function updateAssignment(s: Step): Promise<void> {
  const assignments = [...s.state.assignments.values()];
  if (assignments.length === 0) return createAssignment(s);
  const a = s.dice.pick(assignments);
  const news = await s.engine.check("ApiKeyProjectAssignment", {
    ...a.inputs,
    roles: randomProjectRoles(s.dice),
  });
  await applyRoles(s, a, news);
}

/**
 * Diff and update to `news`; true when done. On a failure the program still declares `news`:
 * the next deployment diffs and updates again (the failed PATCH may have landed).
 */
async function applyRoles(
  s: Step,
  a: AssignmentResource,
  news: Record<string, unknown>,
): Promise<boolean> {
  a.declared = news;
  const diff = await s.engine.diff("ApiKeyProjectAssignment", a.name, a.id, a.outs, news);
  if (diff === undefined) return false;
  if (diff.replaces.length > 0)
    throw new Error(`chaos: a roles change of ${a.name} asked for a replace (${diff.replaces})`);
  if (diff.changes) {
    const outs = await s.engine.update("ApiKeyProjectAssignment", a.name, a.id, a.outs, news);
    if (!outs) return false;
    a.outs = outs;
    s.track.drifted.delete(a.id);
  }
  a.inputs = news;
  delete a.declared;
  return true;
}

/** The roles the program declares for `a` (a failed update's new roles included). */
function declaredRoles(a: AssignmentResource): string[] {
  return (a.declared ?? a.inputs).roles as string[];
}

/** Unassigns; a failed delete stays in state for the next deployment (a pending delete). */
export async function deleteAssignment(s: Step): Promise<void> {
  const assignments = [...s.state.assignments.values()];
  if (assignments.length === 0) return;
  const a = s.dice.pick(assignments);
  s.state.assignments.delete(a.name);
  if (!(await s.engine.delete("ApiKeyProjectAssignment", a.name, a.id, a.outs)))
    s.state.pending.unshift({ kind: "ApiKeyProjectAssignment", id: a.id, outs: a.outs });
}

/**
 * A key replacement moves the key's assignments create-first: the assignment on `replacement`,
 * then the old one joins the pending deletes. Returns false when a create failed: the move is
 * still declared (awaited) and the old assignment stays in state as a pending delete.
 */
export async function moveAssignments(
  s: Step,
  old: KeyResource,
  replacement: KeyResource,
): Promise<boolean> {
  for (const a of assignmentsOf(s.state, old.name)) {
    s.state.assignments.delete(a.name);
    s.state.pending.push({ kind: "ApiKeyProjectAssignment", id: a.id, outs: a.outs });
    const roles = declaredRoles(a);
    if (!(await createDeclared(s, replacement, a.name, roles))) return false;
  }
  return true;
}

/**
 * The next deployment's updates of declared roles whose update failed, then its creates of
 * declared assignments whose create failed.
 */
export async function retryAwaitedAssignments(s: Step): Promise<void> {
  // A key deleted outside Pulumi is replaced first (a later updateKey step), which moves these.
  const onServer = new Set(s.engine.emulator.admin.listKeys(s.orgId).map((k) => k.id));
  for (const a of [...s.state.assignments.values()]) {
    const key = s.state.keys.get(a.keyName);
    if (!a.declared || !key || !onServer.has(key.id)) continue;
    if (!(await applyRoles(s, a, a.declared))) return;
  }
  const awaited = s.state.awaited;
  s.state.awaited = [];
  for (const [i, a] of awaited.entries()) {
    const key = s.state.keys.get(a.keyName);
    if (!key) continue; // the key left the program, and its declared assignment with it
    if (!onServer.has(key.id)) {
      s.state.awaited.push(a);
      continue;
    }
    if (!(await createDeclared(s, key, a.name, a.roles))) {
      s.state.awaited.push(...awaited.slice(i + 1)); // the deployment stops at a failure
      return;
    }
  }
}
