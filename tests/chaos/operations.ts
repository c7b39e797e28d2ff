/**
 * The random lifecycle steps of a chaos run, each played the way the engine plays it (spec
 * pulumi-dynamic-provider.md §2, §4, §6): create; update in place; replace (rotation: create the
 * new key and its entries first, then delete the old ones, which stay in state as pending deletes
 * until a delete succeeds); delete (entries first); refresh. Pending deletes are retried before
 * every step, as the next deployment would.
 */
import { createEntryOn } from "./entry-steps";
import { entriesOf, type Dice, type KeyResource } from "./model";
import type { Step } from "./step";

export type { Step } from "./step";
export { createEntry, deleteEntry } from "./entry-steps";

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

/** Replacement: new key and its entries first, then the old ones go (or stay pending). */
async function replaceKey(s: Step, old: KeyResource, news: Record<string, unknown>): Promise<void> {
  const replacement = await createKeyResource(s, old.name, news);
  if (!replacement) return;
  s.state.keys.set(old.name, replacement);
  const oldEntries = entriesOf(s.state, old.name);
  const leftovers = [...oldEntries];
  for (const entry of oldEntries) {
    const address: Record<string, string> = entry.outs.ipAddress
      ? { ipAddress: String(entry.outs.ipAddress) }
      : { cidrBlock: String(entry.outs.cidrBlock) };
    const moved = await createEntryOn(s, replacement, entry.name, address);
    if (!moved) break;
    s.state.entries.set(entry.name, moved);
    s.state.pending.push({ kind: "ApiKeyWhitelistEntry", id: entry.id, outs: entry.outs });
    leftovers.shift();
  }
  // Entries not moved stay in state with the old key; both go to the pending deletes.
  for (const entry of leftovers) {
    s.state.entries.delete(entry.name);
    s.state.pending.push({ kind: "ApiKeyWhitelistEntry", id: entry.id, outs: entry.outs });
  }
  s.state.pending.push({ kind: "OrgApiKey", id: old.id, outs: old.outs });
  await retryPendingDeletes(s);
}

export async function retryPendingDeletes(s: Step): Promise<void> {
  while (s.state.pending.length > 0) {
    const next = s.state.pending[0];
    if (!(await s.engine.delete(next.kind, next.id, next.id, next.outs))) return;
    s.state.pending.shift();
  }
}

export async function deleteKey(s: Step): Promise<void> {
  const keys = [...s.state.keys.values()];
  if (keys.length === 0) return;
  const key = s.dice.pick(keys);
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
}

/**
 * Out-of-band change (someone edits or deletes the key in the UI), so refresh and the live diff
 * (driftCheck live) have drift to find: an edit plans an update, a deleted key a replacement.
 */
export async function drift(s: Step): Promise<void> {
  const onServer = serverKeyIds(s);
  const keys = [...s.state.keys.values()].filter((k) => onServer.has(k.id));
  if (keys.length === 0) return;
  const key = s.dice.pick(keys);
  if (s.dice.chance(0.25)) s.engine.emulator.admin.deleteKey(s.orgId, key.id);
  else s.engine.emulator.admin.setKeyDescription(s.orgId, key.id, "edited in the UI");
}
