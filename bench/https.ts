/**
 * HTTPS, as real Ops Manager deployments serve the API: the emulator behind TLS with a
 * certificate from a private CA, the host configured with `opsmanager:caCertFile`, a fleet of
 * keys and entries created through the real host with `concurrency` calls in flight. Counted on
 * the server: HTTP requests per API call (a call is a request not answered by a Digest
 * challenge; the extra requests are challenges) and TLS handshakes per 1,000 calls, which stays
 * at most `concurrency` only when the client reuses its connections (keep-alive).
 */
import type { BenchOptions } from "./args";
import { createFleet, deleteFleet, fleetSpec } from "./fleet";
import type { BenchResult } from "./report";
import { openSession } from "./session";
import { round, timed } from "./stats";
import { tlsHandshakes } from "../emulator/tls-handshakes";
import { generateCertificates, hasOpenssl } from "../tests/support/certificates";

/** Runs the HTTPS benchmark. */
export async function benchHttps(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  if (!hasOpenssl()) throw new Error("no openssl binary to make the test CA and certificate");
  const { keys, entriesPerKey } = o.https;
  const certificates = generateCertificates();
  const s = await openSession({ seed: 443, tls: certificates.signed });
  try {
    const host = await s.startHost({ "opsmanager:caCertFile": certificates.caFile });
    const spec = fleetSpec("tls", keys, () => entriesPerKey);
    s.setLatency(o.latencyMs);
    s.emulator.clearLog();
    const before = tlsHandshakes(s.emulator.baseUrl);
    if (!before) throw new Error(`the emulator at ${s.emulator.baseUrl} counts no TLS handshakes`);
    const { value: fleet, ms: wallMs } = await timed(() =>
      createFleet(s, host, spec, o.concurrency),
    );
    const after = tlsHandshakes(s.emulator.baseUrl)!;
    const log = [...s.emulator.requests];
    s.setLatency(0);
    await host.stop();
    // A destroy is its own deployment (a fresh host; docs/ARCHITECTURE.md, ownership).
    const destroyHost = await s.startHost({ "opsmanager:caCertFile": certificates.caFile });
    await deleteFleet(destroyHost, fleet, o.concurrency);
    await destroyHost.stop();

    const requests = log.length;
    const challenges = log.filter((r) => r.status === 401).length;
    const calls = requests - challenges;
    const handshakes = after.total - before.total;
    const resumed = after.resumed - before.resumed;
    const perThousand = calls > 0 ? round((handshakes * 1000) / calls, 2) : null;
    const resources = spec.keys.length + spec.entries.length;
    return {
      name: "https",
      title: "HTTPS with a private CA",
      metrics: [
        {
          id: "https.requestsPerCall",
          label: `HTTPS: HTTP requests per API call (${calls} calls, ${resources} creates)`,
          value: calls > 0 ? round(requests / calls, 4) : null,
          unit: "req",
          target: { op: "<=", value: 1.02 },
        },
        {
          id: "https.handshakesPer1000Calls",
          label: `HTTPS: TLS handshakes per 1,000 API calls (server side, c=${o.concurrency})`,
          value: perThousand,
          unit: "",
          target: { op: "<=", value: o.concurrency, basis: "concurrency" },
          ...(perThousand !== null && perThousand > o.concurrency
            ? {
                reason: `${handshakes} handshakes for ${calls} calls (${resumed} resumed): connections are not reused across calls`,
              }
            : {}),
        },
      ],
      details: {
        latencyMs: o.latencyMs,
        concurrency: o.concurrency,
        resources,
        wallMs: round(wallMs, 1),
        requests,
        challenges,
        calls,
        handshakes,
        resumedHandshakes: resumed,
      },
      notes: [
        `HTTPS: emulator with a server certificate signed by a private test CA (tests/support/certificates.ts), host configured with opsmanager:caCertFile; ${keys} keys × ${entriesPerKey} entries created through the real host, ${o.concurrency} in flight, ${o.latencyMs} ms latency; ${handshakes} TLS handshakes (${resumed} resumed) counted by the server's secureConnection events for ${calls} calls (${challenges} Digest challenges).`,
      ],
      durationMs: Date.now() - started,
    };
  } finally {
    await s.close();
    certificates.remove();
  }
}
