/**
 * The random lifecycle steps of a chaos run, each one deployment played the way the engine plays
 * it (docs/PULUMI-ENGINE.md, "Replacements"): create; update in place; replace (rotation: the new
 * key, then its entries and assignments, each created before its old one is deleted; the old ones
 * stay in state as pending deletes until a delete succeeds); delete (dependents first); refresh;
 * out-of-band drift. Pending deletes, then declared assignments whose create failed, are retried
 * at the start of every step, as the next deployment would.
 */
import { moveAssignments, randomProjectRoles } from "./assignment-steps";
import { addressOf, createEntryOn } from "./entry-steps";
import { retryPendingDeletes } from "./pending";
import { assignmentsOf, entriesOf, type Dice, type KeyResource } from "./model";
import type { Step } from "./step";

export type { Step } from "./step";
export { retryPendingDeletes } from "./pending";
export { createEntry, deleteEntry, replaceEntry } from "./entry-steps";
export {
  createAssignment,
  deleteAssignment,
  retryAwaitedAssignments,
  updateAssignment,
} from "./assignment-steps";

const ROLES = [
  "ORG_MEMBER",
  "ORG_READ_ONLY",
  "ORG_GROUP_CREATOR",
  "ORG_BILLING_ADMIN",
  "org_owner",
];

function randomRoles(d: Dice): string[] {
  const roles = ROLES.filter(() => d.chance(0.4));
  return roles.length > 0 ? roles : [d.pick(ROLES)];
}

function keyInputs(
  s: Step,
  name: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  s.counter += 1;
  return {
    orgId: s.orgId,
    description: `chaos ${name} v${s.counter}`,
    roles: randomRoles(s.dice),
    ...extra,
  };
}

function serverKeyIds(s: Step): Set<string> {
  return new Set(s.engine.emulator.admin.listKeys(s.orgId).map((k) => k.id));
}

/** Creates a key; records it (also when partial); counts extra keys one create left behind. */
async function createKeyResource(
  s: Step,
  name: string,
  news: Record<string, unknown>,
): Promise<KeyResource | undefined> {
  const inputs = await s.engine.check("OrgApiKey", news);
  const before = serverKeyIds(s);
  const result = await s.engine.create("OrgApiKey", name, inputs);
  const fresh = s.engine.emulator.admin
    .listKeys(s.orgId)
    .filter((k) => !before.has(k.id) && k.desc === inputs.description);
  s.duplicates += Math.max(0, fresh.length - 1);
  if (result.kind === "failed") return undefined;
  return { name, id: result.id, outs: result.outs, inputs, partial: result.kind === "partial" };
}

export async function createKey(s: Step): Promise<void> {
  const name = `k${s.state.keys.size + s.counter}`;
  const key = await createKeyResource(s, name, keyInputs(s, name));
  if (key) s.state.keys.set(name, key);
}

export async function updateKey(s: Step): Promise<void> {
  const keys = [...s.state.keys.values()];
  if (keys.length === 0) return createKey(s);
  const key = s.dice.pick(keys);
  const news = await s.engine.check(
    "OrgApiKey",
    keyInputs(
      s,
      key.name,
      key.inputs.rotationTrigger ? { rotationTrigger: key.inputs.rotationTrigger } : {},
    ),
  );
  const diff = await s.engine.diff("OrgApiKey", key.name, key.id, key.outs, news);
  if (!diff?.changes) return;
  // The live diff replaces a key deleted outside Pulumi (driftCheck live).
  if (diff.replaces.length > 0) return replaceKey(s, key, news);
  const outs = await s.engine.update("OrgApiKey", key.name, key.id, key.outs, news);
  if (outs) Object.assign(key, { outs, inputs: news });
}

/** Rotation: new key and its entries first, then the old ones go (or stay pending). */
export async function rotateKey(s: Step): Promise<void> {
  const keys = [...s.state.keys.values()];
  if (keys.length === 0) return createKey(s);
  const old = s.dice.pick(keys);
  const news = { ...old.inputs, rotationTrigger: `r${s.counter++}` };
  delete (news as Record<string, unknown>).__provider;
  const checked = await s.engine.check("OrgApiKey", news);
  const diff = await s.engine.diff("OrgApiKey", old.name, old.id, old.outs, checked);
  if (diff === undefined) return;
  if (!diff.replaces.includes("rotationTrigger"))
    throw new Error(`chaos: rotating ${old.name} did not ask for a replace`);
  return replaceKey(s, old, news);
}

/**
 * Replacement, create-before-delete as the engine plays it: the new key, then its entries and
 * assignments (each created before its old one is queued for deletion); the deletes run at the
 * end of the deployment, so only when every create succeeded. When a create fails the step
 * stops: the old key, its entries and assignments stay on the server as pending deletes (the next
 * deployment deletes them), and the key keeps its access list meanwhile.
 */
async function replaceKey(s: Step, old: KeyResource, news: Record<string, unknown>): Promise<void> {
  const replacement = await createKeyResource(s, old.name, news);
  if (!replacement) return;
  s.state.keys.set(old.name, replacement);
  const movedEntries = await moveEntries(s, old, replacement);
  const movedAssignments = movedEntries
    ? await moveAssignments(s, old, replacement)
    : leaveAssignments(s, old);
  s.state.pending.push({ kind: "OrgApiKey", id: old.id, outs: old.outs });
  if (movedEntries && movedAssignments) await retryPendingDeletes(s);
}

/** Each entry on the new key first, then the old one to the pending deletes; false on a failure. */
async function moveEntries(s: Step, old: KeyResource, replacement: KeyResource): Promise<boolean> {
  const oldEntries = entriesOf(s.state, old.name);
  for (const [i, entry] of oldEntries.entries()) {
    const moved = await createEntryOn(s, replacement, entry.name, addressOf(entry));
    if (!moved) {
      // The old entries not moved stay on the server as pending deletes; the program drops them.
      for (const left of oldEntries.slice(i)) {
        s.state.entries.delete(left.name);
        s.state.pending.unshift({ kind: "ApiKeyWhitelistEntry", id: left.id, outs: left.outs });
      }
      return false;
    }
    s.state.entries.set(entry.name, moved);
    s.state.pending.unshift({ kind: "ApiKeyWhitelistEntry", id: entry.id, outs: entry.outs });
  }
  return true;
}

/** The move not attempted (an earlier create failed): still declared on the new key. */
function leaveAssignments(s: Step, old: KeyResource): boolean {
  for (const a of assignmentsOf(s.state, old.name)) {
    s.state.assignments.delete(a.name);
    s.state.pending.unshift({ kind: "ApiKeyProjectAssignment", id: a.id, outs: a.outs });
    const roles = (a.declared ?? a.inputs).roles as string[];
    s.state.awaited.push({ name: a.name, keyName: old.name, roles });
  }
  return false;
}

export async function deleteKey(s: Step): Promise<void> {
  const keys = [...s.state.keys.values()];
  if (keys.length === 0) return;
  const key = s.dice.pick(keys);
  // Being deleted from here on: dependents first, then the key.
  s.track.deleteIssued.add(key.id);
  s.state.awaited = s.state.awaited.filter((a) => a.keyName !== key.name);
  for (const a of assignmentsOf(s.state, key.name)) {
    s.state.assignments.delete(a.name);
    if (!(await s.engine.delete("ApiKeyProjectAssignment", a.name, a.id, a.outs))) {
      s.state.pending.unshift({ kind: "ApiKeyProjectAssignment", id: a.id, outs: a.outs });
      return;
    }
  }
  for (const entry of entriesOf(s.state, key.name)) {
    if (!(await s.engine.delete("ApiKeyWhitelistEntry", entry.name, entry.id, entry.outs))) return;
    s.state.entries.delete(entry.name);
  }
  if (await s.engine.delete("OrgApiKey", key.name, key.id, key.outs)) s.state.keys.delete(key.name);
}

/** `pulumi refresh`: read everything; gone resources leave state, drift is taken in. */
export async function refresh(s: Step): Promise<void> {
  for (const key of [...s.state.keys.values()]) {
    const r = await s.engine.read("OrgApiKey", key.name, key.id, key.outs);
    if (r.ok && r.props === undefined) s.state.keys.delete(key.name);
    else if (r.props) key.outs = r.props;
  }
  for (const entry of [...s.state.entries.values()]) {
    const r = await s.engine.read("ApiKeyWhitelistEntry", entry.name, entry.id, entry.outs);
    if (r.ok && r.props === undefined) s.state.entries.delete(entry.name);
    else if (r.props) entry.outs = r.props;
  }
  for (const a of [...s.state.assignments.values()]) {
    const r = await s.engine.read("ApiKeyProjectAssignment", a.name, a.id, a.outs);
    if (r.ok && r.props === undefined) s.state.assignments.delete(a.name);
    else if (r.props) a.outs = r.props;
  }
}

/**
 * Out-of-band change (someone edits or deletes the key in the UI, edits or removes its project
 * roles, or assigns a key the program does not assign), so refresh and the live diff (driftCheck
 * live) have drift to find: an edit plans an update, a deleted key a replacement.
 */
export async function drift(s: Step): Promise<void> {
  const onServer = serverKeyIds(s);
  const keys = [...s.state.keys.values()].filter((k) => onServer.has(k.id));
  if (keys.length === 0) return;
  const key = s.dice.pick(keys);
  const admin = s.engine.emulator.admin;
  const assignmentId = `${s.projectId}/${key.id}`;
  const assigned = admin.listProjectKeys(s.projectId).some((k) => k.id === key.id);
  const tracked = assignmentsOf(s.state, key.name).some((a) => a.id === assignmentId);
  const roll = s.dice.next();
  if (roll < 0.15) {
    admin.deleteKey(s.orgId, key.id);
    for (const a of assignmentsOf(s.state, key.name)) s.track.drifted.add(a.id);
  } else if (roll < 0.45 && tracked && assigned) {
    if (s.dice.chance(0.5)) admin.unassignProject(s.projectId, key.id);
    else
      admin.setProjectRoles(
        s.projectId,
        key.id,
        randomProjectRoles(s.dice).map((r) => r.toUpperCase()),
      );
    s.track.drifted.add(assignmentId);
  } else if (roll < 0.6 && !tracked && !assigned) {
    admin.setProjectRoles(s.projectId, key.id, ["GROUP_READ_ONLY"]);
    s.track.outOfBand.add(assignmentId);
  } else admin.setKeyDescription(s.orgId, key.id, "edited in the UI");
}
