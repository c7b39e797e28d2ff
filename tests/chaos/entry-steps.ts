/**
 * Entry steps of a chaos run: create an entry on a key in state (a fresh address, IPv4 or IPv6,
 * single address or CIDR) and delete one; `createEntryOn` also serves key replacements.
 */
import { entriesOf, type EntryResource, type KeyResource } from "./model";
import type { Step } from "./step";

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

export async function deleteEntry(s: Step): Promise<void> {
  const entries = [...s.state.entries.values()];
  if (entries.length === 0) return;
  const entry = s.dice.pick(entries);
  if (await s.engine.delete("ApiKeyWhitelistEntry", entry.name, entry.id, entry.outs))
    s.state.entries.delete(entry.name);
}
