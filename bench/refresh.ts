/**
 * refresh at scale. A fleet of `keys` keys, the first holding
 * `bigKeyEntries` entries, is created once (0 ms latency, through a setup host). Each run then
 * spawns a fresh host (every `pulumi refresh` does) and Reads every resource in state order with
 * `concurrency` in flight at `latencyMs`, as the engine's refresh does (docs/PULUMI-ENGINE.md). Requests are
 * split by route: access-list routes are charged to entries, the rest to keys.
 */
import type { BenchOptions } from "./args";
import { createFleet, fleetSpec, refreshFleet } from "./fleet";
import type { BenchResult } from "./report";
import { tally, type RequestTally } from "./request-log";
import { openSession } from "./session";
import { median, round, summarize, timed } from "./stats";

interface RefreshRun {
  readonly wallMs: number;
  readonly requests: RequestTally;
  readonly perKey: number;
  readonly perEntry: number;
  /** Resources the refresh still found (a non-empty id). */
  readonly found: number;
}

/** Runs the refresh benchmark. */
export async function benchRefresh(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const { keys, bigKeyEntries } = o.refresh;
  const spec = fleetSpec("r", keys, (k) => (k === 0 ? bigKeyEntries : 0));
  const s = await openSession({ seed: 63 });
  try {
    const setupHost = await s.startHost();
    const fleet = await createFleet(s, setupHost, spec, o.concurrency);
    await setupHost.stop();
    const total = fleet.keys.length + fleet.entries.length;
    const runs: RefreshRun[] = [];
    for (let i = 0; i < o.countRuns; i++) {
      const host = await s.startHost();
      try {
        s.setLatency(o.latencyMs);
        s.emulator.clearLog();
        const { value: results, ms } = await timed(() => refreshFleet(host, fleet, o.concurrency));
        const requests = tally([...s.emulator.requests]);
        runs.push({
          wallMs: round(ms, 1),
          requests,
          perKey: round(requests.keyRoutes / fleet.keys.length, 4),
          perEntry: fleet.entries.length
            ? round(requests.entryRoutes / fleet.entries.length, 4)
            : 0,
          found: results.filter((r) => r.id !== "").length,
        });
      } finally {
        s.setLatency(0);
        await host.stop();
      }
    }
    const perEntry = round(median(runs.map((r) => r.perEntry)), 4);
    const perKey = round(median(runs.map((r) => r.perKey)), 4);
    const found = Math.min(...runs.map((r) => r.found));
    const notes = [
      `${keys} keys (key 0 with ${bigKeyEntries} entries); each of ${o.countRuns} run(s) spawns a fresh host and Reads all ${total} resources, concurrency ${o.concurrency}, latency ${o.latencyMs} ms.`,
      "Per-resource figures are the median over runs of (requests on that route family in the run / resources of that type); runs differed: " +
        (new Set(runs.map((r) => r.requests.total)).size > 1 ? "yes (see details)" : "no") +
        ".",
      "Wall times are in the details only (request counts are the figure here; fewer than 5 runs make no timing median).",
      "Since Pulumi 3.120 a refresh also calls diff per resource to display drift; that cost is the drift benchmark's.",
    ];
    if (found !== total)
      notes.push(
        `WARNING: a refresh found only ${found} of ${total} resources; the figures are not meaningful.`,
      );
    return {
      name: "refresh",
      title: "Refresh at scale",
      metrics: [
        {
          id: "refresh.requestsPerEntry",
          label: `refresh: HTTP requests per entry (${fleet.entries.length} entries)`,
          value: perEntry,
          unit: "req",
          target: { op: "<=", value: 0.1 },
        },
        {
          id: "refresh.requestsPerKey",
          label: `refresh: HTTP requests per key (${keys} keys)`,
          value: perKey,
          unit: "req",
        },
        {
          id: "refresh.found",
          label: "refresh: resources found / resources",
          value: round(found / total, 4),
          unit: "",
          target: { op: "==", value: 1 },
        },
      ],
      details: {
        latencyMs: o.latencyMs,
        keys,
        entries: fleet.entries.length,
        wall: summarize(runs.map((r) => r.wallMs)),
        runs,
      },
      notes,
      durationMs: Date.now() - started,
    };
  } finally {
    await s.close();
  }
}
