/**
 * Entry steps of a chaos run: create an entry on a key in state (a fresh address, IPv4 or IPv6,
 * single address or CIDR), replace one (a new address: the new entry first, then the old one is
 * deleted, as the engine plays a create-before-delete replacement) and delete one;
 * `createEntryOn` also serves key replacements.
 */
import { entriesOf, type EntryResource, type KeyResource } from "./model";
import { retryPendingDeletes } from "./pending";
import type { Step } from "./step";

/** The address property an entry's outputs declare, for re-creating it elsewhere. */
export function addressOf(entry: EntryResource): Record<string, string> {
  return entry.outs.ipAddress
    ? { ipAddress: String(entry.outs.ipAddress) }
    : { cidrBlock: String(entry.outs.cidrBlock) };
}

function freshAddress(s: Step, key: KeyResource): Record<string, string> | undefined {
  const taken = new Set(entriesOf(s.state, key.name).map((e) => e.outs.cidrBlock));
  for (let tries = 0; tries < 5; tries++) {
    const a = s.dice.int(250) + 1;
    const b = s.dice.int(250) + 1;
    const [field, value, cidr] = s.dice.pick([
      ["ipAddress", `10.${a}.${b}.7`, `10.${a}.${b}.7/32`],
      ["cidrBlock", `172.16.${a}.0/24`, `172.16.${a}.0/24`],
      [
        "ipAddress",
        `2001:db8::${a.toString(16)}:${b.toString(16)}`,
        `2001:db8::${a.toString(16)}:${b.toString(16)}/128`,
      ],
      ["cidrBlock", `2001:db8:${a.toString(16)}::/48`, `2001:db8:${a.toString(16)}::/48`],
    ] as const);
    if (!taken.has(cidr)) return { [field]: value };
  }
  return undefined;
}

export async function createEntryOn(
  s: Step,
  key: KeyResource,
  name: string,
  address: Record<string, string>,
): Promise<EntryResource | undefined> {
  const inputs = await s.engine.check("ApiKeyWhitelistEntry", {
    orgId: s.orgId,
    apiKeyId: key.id,
    ...address,
  });
  const result = await s.engine.create("ApiKeyWhitelistEntry", name, inputs);
  if (result.kind === "failed") return undefined;
  return { name, keyName: key.name, id: result.id, outs: result.outs, inputs };
}

export async function createEntry(s: Step): Promise<void> {
  const keys = [...s.state.keys.values()];
  if (keys.length === 0) return;
  const key = s.dice.pick(keys);
  const address = freshAddress(s, key);
  if (!address) return;
  s.counter += 1;
  const name = `e${s.counter}`;
  const entry = await createEntryOn(s, key, name, address);
  if (entry) s.state.entries.set(name, entry);
}

/**
 * A new address for an entry: the live diff plans a replacement; the new entry is created first
 * and the old one deleted at the end of the deployment. When the create fails the old entry stays
 * in state, on the server.
 */
export async function replaceEntry(s: Step): Promise<void> {
  const entries = [...s.state.entries.values()];
  if (entries.length === 0) return createEntry(s);
  const old = s.dice.pick(entries);
  const key = s.state.keys.get(old.keyName);
  const address = key && freshAddress(s, key);
  if (!key || !address) return;
  const news = await s.engine.check("ApiKeyWhitelistEntry", {
    orgId: s.orgId,
    apiKeyId: key.id,
    ...address,
  });
  const diff = await s.engine.diff("ApiKeyWhitelistEntry", old.name, old.id, old.outs, news);
  if (!diff?.changes) return;
  if (diff.replaces.length === 0)
    throw new Error(`chaos: a new address of ${old.name} did not ask for a replace`);
  const created = await s.engine.create("ApiKeyWhitelistEntry", old.name, news);
  if (created.kind === "failed") return;
  s.state.entries.set(old.name, { ...old, id: created.id, outs: created.outs, inputs: news });
  s.state.pending.unshift({ kind: "ApiKeyWhitelistEntry", id: old.id, outs: old.outs });
  if (created.kind === "created") await retryPendingDeletes(s);
}

export async function deleteEntry(s: Step): Promise<void> {
  const entries = [...s.state.entries.values()];
  if (entries.length === 0) return;
  const entry = s.dice.pick(entries);
  // The program removes it; its key's access list is no longer declared when it was the last.
  const key = s.state.keys.get(entry.keyName);
  if (key && entriesOf(s.state, entry.keyName).length === 1) s.track.hadEntries.delete(key.id);
  if (await s.engine.delete("ApiKeyWhitelistEntry", entry.name, entry.id, entry.outs))
    s.state.entries.delete(entry.name);
}
