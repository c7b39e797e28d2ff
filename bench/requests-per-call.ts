/**
 * Benchmark: HTTP requests per API call of the client (docs/ARCHITECTURE.md: a reused Digest nonce makes a
 * call cost one request; a fresh challenge per call would cost 2.0). Runs 1,000 mixed calls from
 * four concurrent workers against an in-process emulator and counts requests on both sides.
 *
 * Standalone: `node dist/bench/requests-per-call.js` prints one line.
 */
import { startEmulator } from "../emulator";
import { createClient, type OpsManagerClient } from "../provider/client";

export interface RequestsPerCall {
  /** Client calls made. */
  readonly calls: number;
  /** HTTP requests the client sent (challenges and retries included). */
  readonly requests: number;
  /** `requests / calls`; target ≤ 1.02. */
  readonly ratio: number;
  /** Requests the emulator served, counted from its request log. */
  readonly emulatorRequests: number;
}

const TOTAL_CALLS = 1_000;
const WORKERS = 4;
/** Calls per round of `oneRound`. */
const CALLS_PER_ROUND = 10;

/** Ten calls touching every endpoint: create, read, update, list, entry add/get/list/delete, delete. */
async function oneRound(
  client: OpsManagerClient,
  orgId: string,
  worker: number,
  round: number,
): Promise<void> {
  const key = await client.createApiKey(orgId, {
    desc: `bench ${worker}/${round}`,
    roles: ["ORG_MEMBER"],
  });
  await client.getApiKey(orgId, key.id);
  await client.updateApiKey(orgId, key.id, { roles: ["ORG_MEMBER", "ORG_READ_ONLY"] });
  await client.listApiKeys(orgId);
  const address = `10.${worker}.${round % 250}.0/24`;
  await client.addAccessListEntries(orgId, key.id, [{ cidrBlock: address }]);
  await client.getAccessListEntry(orgId, key.id, address);
  await client.listAccessList(orgId, key.id);
  await client.deleteAccessListEntry(orgId, key.id, address);
  await client.getApiKey(orgId, key.id);
  await client.deleteApiKey(orgId, key.id);
}

/** Runs the benchmark on a fresh emulator and returns the counts. */
export async function benchRequestsPerCall(): Promise<RequestsPerCall> {
  const emulator = await startEmulator({ seed: 2024 });
  try {
    const client = createClient({
      baseUrl: emulator.baseUrl,
      publicKey: emulator.publicKey,
      privateKey: emulator.privateKey,
      accessListPath: "auto",
    });
    const roundsPerWorker = TOTAL_CALLS / CALLS_PER_ROUND / WORKERS;
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, worker) => {
        for (let round = 0; round < roundsPerWorker; round += 1) {
          await oneRound(client, emulator.orgId, worker, round);
        }
      }),
    );
    const { calls, requests } = client.stats();
    return { calls, requests, ratio: requests / calls, emulatorRequests: emulator.requests.length };
  } finally {
    await emulator.close();
  }
}

/** The one line printed by the standalone run and by `npm run bench`. */
export function formatRequestsPerCall(r: RequestsPerCall): string {
  return (
    `requests per call: ${r.ratio.toFixed(3)} (${r.requests} HTTP requests for ${r.calls} calls; ` +
    `emulator served ${r.emulatorRequests}; target <= 1.02, a challenge per call would be 2.000)`
  );
}

if (require.main === module) {
  benchRequestsPerCall().then(
    (result) => console.log(formatRequestsPerCall(result)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
