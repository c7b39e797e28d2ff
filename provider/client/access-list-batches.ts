/**
 * Adds to one key's access list that are made at the same time travel in one POST. The engine
 * creates a key's entries together once the key exists, so N entries would cost N requests; the
 * API takes a list of entries per POST (https://www.mongodb.com/docs/ops-manager/current/reference/api/org-api-key-access-lists/).
 *
 * Calls made in the same turn of the event loop for the same key are collected and sent at the
 * next `setImmediate`. Every caller gets the answer (the first page of the key's list) or the
 * error of the request that carried its entries:
 * - a batch the server refuses as a whole (a 4xx other than 401 and 429: one bad address, an
 *   address already listed where the server answers 409, a key that is gone) is sent again call
 *   by call, so each caller gets the answer for its own entries;
 * - any other failure (5xx, network, timeout after the client's retries) is every caller's: the
 *   batch may have been applied, and each caller looks its own entry up as it would after a
 *   single add.
 */
import { isOpsManagerError } from "./errors";
import type { AccessListEntry, AccessListEntryRequest } from "./types";

/** Entries one batched POST carries at most; an add that would pass it starts a new batch. */
export const MAX_ENTRIES_PER_POST = 100;

type AddEntries = (
  orgId: string,
  apiKeyId: string,
  entries: readonly AccessListEntryRequest[],
) => Promise<AccessListEntry[]>;

interface PendingAdd {
  readonly entries: readonly AccessListEntryRequest[];
  readonly resolve: (page: AccessListEntry[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Batch {
  readonly orgId: string;
  readonly apiKeyId: string;
  readonly adds: PendingAdd[];
  size: number;
}

/** True when the server refused the request as a whole, so no entry of it was added. */
function refusedAsAWhole(error: unknown): boolean {
  if (!isOpsManagerError(error) || error.status === undefined) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429;
}

/** The entries of all adds, each address once (the same entry may be declared twice). */
function unionOf(adds: readonly PendingAdd[]): AccessListEntryRequest[] {
  const seen = new Set<string>();
  const union: AccessListEntryRequest[] = [];
  for (const add of adds) {
    for (const entry of add.entries) {
      const key = "ipAddress" in entry ? `ip ${entry.ipAddress}` : `cidr ${entry.cidrBlock}`;
      if (seen.has(key)) continue;
      seen.add(key);
      union.push(entry);
    }
  }
  return union;
}

/** `add` with concurrent calls for the same key sent as one request. */
export function batchingAdds(add: AddEntries): AddEntries {
  const open = new Map<string, Batch>();

  const send = async (batch: Batch): Promise<void> => {
    const { orgId, apiKeyId, adds } = batch;
    if (adds.length === 1) {
      const [only] = adds as [PendingAdd];
      return add(orgId, apiKeyId, only.entries).then(only.resolve, only.reject);
    }
    try {
      const page = await add(orgId, apiKeyId, unionOf(adds));
      for (const pending of adds) pending.resolve(page);
    } catch (error) {
      if (!refusedAsAWhole(error)) {
        for (const pending of adds) pending.reject(error);
        return;
      }
      await Promise.all(
        adds.map((pending) =>
          add(orgId, apiKeyId, pending.entries).then(pending.resolve, pending.reject),
        ),
      );
    }
  };

  return (orgId, apiKeyId, entries) =>
    new Promise<AccessListEntry[]>((resolve, reject) => {
      const key = `${orgId}/${apiKeyId}`;
      let batch = open.get(key);
      if (batch === undefined || batch.size + entries.length > MAX_ENTRIES_PER_POST) {
        const fresh: Batch = { orgId, apiKeyId, adds: [], size: 0 };
        open.set(key, fresh);
        setImmediate(() => {
          if (open.get(key) === fresh) open.delete(key);
          send(fresh).catch((error: unknown) => {
            for (const pending of fresh.adds) pending.reject(error);
          });
        });
        batch = fresh;
      }
      batch.adds.push({ entries, resolve, reject });
      batch.size += entries.length;
    });
}
