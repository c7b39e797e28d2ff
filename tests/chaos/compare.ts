/**
 * Server state (the emulator's admin door) against provider state after a run:
 * orphan keys (on the server, unknown to state, not the bootstrap key), orphan entries, lost
 * private keys (a created, not adopted, key in state without its private key) and duplicates
 * (two resources in state holding the same key).
 */
import type { Emulator } from "../../emulator";
import type { ProviderState } from "./model";

export interface Comparison {
  readonly orphanKeys: string[];
  readonly orphanEntries: string[];
  readonly lostPrivateKeys: string[];
  /** Key ids held by more than one resource in state. */
  readonly sharedKeys: string[];
  /** Resources in state whose object is gone from the server (refresh would drop them; informational). */
  readonly ghosts: string[];
}

const REDACTED = /^\*/;

export function compareWithServer(emulator: Emulator, state: ProviderState): Comparison {
  const orgId = emulator.orgId;
  const serverKeys = emulator.admin
    .listKeys(orgId)
    .filter((k) => k.publicKey !== emulator.publicKey);
  const liveKeys = [...state.keys.values()].map((k) => ({ id: k.id, outs: k.outs }));
  const pendingKeys = state.pending.filter((p) => p.kind === "OrgApiKey");
  const stateKeys = [...liveKeys, ...pendingKeys];
  const stateKeyIds = new Set(stateKeys.map((k) => k.id));

  const serverEntries = serverKeys.flatMap((k) =>
    emulator.admin.listEntries(orgId, k.id).map((e) => `${k.id}/${e.cidrBlock}`),
  );
  const stateEntryIds = new Set([
    ...[...state.entries.values()].map((e) => e.id),
    ...state.pending.filter((p) => p.kind === "ApiKeyWhitelistEntry").map((p) => p.id),
  ]);

  const lostPrivateKeys = stateKeys
    .filter((k) => k.outs.existingApiKeyId === null || k.outs.existingApiKeyId === undefined)
    .filter(
      (k) =>
        typeof k.outs.privateKey !== "string" ||
        k.outs.privateKey === "" ||
        REDACTED.test(k.outs.privateKey),
    )
    .map((k) => k.id);

  const seen = new Map<string, number>();
  for (const k of liveKeys) seen.set(k.id, (seen.get(k.id) ?? 0) + 1);
  const serverKeyIds = new Set(serverKeys.map((k) => k.id));
  const serverEntrySet = new Set(serverEntries);

  return {
    orphanKeys: serverKeys.map((k) => k.id).filter((id) => !stateKeyIds.has(id)),
    orphanEntries: serverEntries.filter((id) => !stateEntryIds.has(id)),
    lostPrivateKeys,
    sharedKeys: [...seen].filter(([, n]) => n > 1).map(([id]) => id),
    ghosts: [
      ...[...stateKeyIds].filter((id) => !serverKeyIds.has(id)),
      ...[...stateEntryIds].filter((id) => !serverEntrySet.has(id)),
    ],
  };
}
