/**
 * One measurement of the client alone, in a process of its own (spawned by client-cost.ts), so
 * that nothing else runs on its thread: `node client-cost-child.js <client module> <mode> <keys>
 * <emulator connection JSON>`. Each key costs what a key with two entries costs
 * in the reconcile: POST the key, PATCH its description, POST its two entries in one request;
 * 16 keys in flight. Prints one JSON line: requests sent and, by mode, CPU (`cpu`:
 * process.cpuUsage, main and helper threads) or bytes allocated (`alloc`: V8's sampling heap
 * profiler, counting objects already collected).
 */
import { Session } from "node:inspector";

interface Connection {
  readonly baseUrl: string;
  readonly orgId: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

interface ClientLike {
  createApiKey(orgId: string, body: { desc: string; roles: string[] }): Promise<{ id: string }>;
  updateApiKey(orgId: string, id: string, body: { desc: string }): Promise<unknown>;
  addAccessListEntries(
    orgId: string,
    id: string,
    entries: { cidrBlock: string }[],
  ): Promise<unknown>;
  stats(): { requests: number };
}

const IN_FLIGHT = 16;

/** Creates `keys` keys, each with a PATCH and one POST of two entries; `first` numbers them. */
async function keysWithEntries(client: ClientLike, orgId: string, first: number, keys: number) {
  let next = first;
  const end = first + keys;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const n = next++;
      const key = await client.createApiKey(orgId, {
        desc: `client bench ${n} [pulumi:000000000000]`,
        roles: ["ORG_MEMBER"],
      });
      await client.updateApiKey(orgId, key.id, { desc: `client bench ${n}` });
      const a = `10.${(n >> 8) & 255}.${n & 255}`;
      await client.addAccessListEntries(orgId, key.id, [
        { cidrBlock: `${a}.1/32` },
        { cidrBlock: `${a}.2/32` },
      ]);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result as T),
    ),
  );
}

interface SamplingNode {
  readonly selfSize: number;
  readonly children?: readonly SamplingNode[];
}

function totalBytes(node: SamplingNode): number {
  return node.selfSize + (node.children ?? []).reduce((sum, c) => sum + totalBytes(c), 0);
}

async function main(): Promise<void> {
  const [modulePath, mode, keysArg, connectionJson] = process.argv.slice(2);
  const keys = Number(keysArg);
  if (!modulePath || (mode !== "cpu" && mode !== "alloc") || !(keys > 0) || !connectionJson) {
    throw new Error("usage: client-cost-child.js <client module> cpu|alloc <keys> <connection>");
  }
  const connection = JSON.parse(connectionJson) as Connection;
  const { createClient } = require(modulePath) as {
    createClient(settings: Record<string, unknown>): ClientLike;
  };
  const client = createClient({
    baseUrl: connection.baseUrl,
    publicKey: connection.publicKey,
    privateKey: connection.privateKey,
    accessListPath: "auto",
  });
  await keysWithEntries(client, connection.orgId, 0, 50); // warm-up: load, JIT, connections
  const requestsBefore = client.stats().requests;
  let measured: Record<string, number>;
  if (mode === "cpu") {
    const cpu = process.cpuUsage();
    await keysWithEntries(client, connection.orgId, 50, keys);
    const used = process.cpuUsage(cpu);
    measured = { cpuMs: (used.user + used.system) / 1000 };
  } else {
    const session = new Session();
    session.connect();
    await post(session, "HeapProfiler.startSampling", {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    await keysWithEntries(client, connection.orgId, 50, keys);
    const { profile } = await post<{ profile: { head: SamplingNode } }>(
      session,
      "HeapProfiler.stopSampling",
    );
    session.disconnect();
    measured = { allocatedBytes: totalBytes(profile.head) };
  }
  const requests = client.stats().requests - requestsBefore;
  process.stdout.write(`${JSON.stringify({ requests, ...measured })}\n`);
  process.exit(0); // the client's keep-alive sockets would otherwise hold the process 5 s
}

main().catch((error: unknown) => {
  process.stderr.write(
    `client-cost-child: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
