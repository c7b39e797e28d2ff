/**
 * cost of `pulumi preview` on an unchanged stack. A fleet of `keys` keys
 * with `entriesPerKey` entries each is created once; each run spawns a fresh host configured with
 * `opsmanager:driftCheck` = live or state and runs the engine's preview steps for every resource
 * (Check(old inputs, news) → Diff(id, old outputs, checked inputs); entry steps after their
 * key's, docs/PULUMI-ENGINE.md) with `concurrency` in flight at `latencyMs`. A probe then edits one key
 * and deletes one entry out of band and checks that a live preview plans changes for them, so a
 * zero request count cannot come from a drift check that is not there.
 */
import type { Emulator } from "../emulator";
import type { BenchOptions } from "./args";
import { createFleet, fleetSpec, previewFleet, previewStep, type Fleet } from "./fleet";
import type { BenchResult, Metric } from "./report";
import { tally, type RequestTally } from "./request-log";
import { openSession, type Session } from "./session";
import { median, round, summarize, timed } from "./stats";

type Mode = "live" | "state";

interface PreviewRun {
  readonly wallMs: number;
  readonly requests: RequestTally;
  readonly perResource: number;
  /** Resources whose diff was not DIFF_NONE (expected 0 on an unchanged stack). */
  readonly planned: number;
}

async function previewRun(
  s: Session,
  fleet: Fleet,
  mode: Mode,
  o: BenchOptions,
): Promise<PreviewRun> {
  const host = await s.startHost({ "opsmanager:driftCheck": mode });
  try {
    s.setLatency(o.latencyMs);
    s.emulator.clearLog();
    const { value: diffs, ms } = await timed(() => previewFleet(host, fleet, o.concurrency));
    const requests = tally([...s.emulator.requests]);
    return {
      wallMs: round(ms, 1),
      requests,
      perResource: round(requests.total / diffs.length, 4),
      planned: diffs.filter((d) => d.changes !== "DIFF_NONE").length,
    };
  } finally {
    s.setLatency(0);
    await host.stop();
  }
}

/** Edits key 0 and deletes entry 0 out of band; reports what a live preview plans for them. */
async function probe(s: Session, fleet: Fleet, em: Emulator): Promise<Record<string, string>> {
  const key = fleet.keys[0];
  const entry = fleet.entries[0];
  em.admin.setKeyDescription(em.orgId, key.id, "edited out of band by the bench probe");
  if (entry)
    em.admin.deleteEntry(
      em.orgId,
      fleet.entries[0].outputs.apiKeyId as string,
      entry.outputs.cidrBlock as string,
    );
  const host = await s.startHost({ "opsmanager:driftCheck": "live" });
  const outcome = async (r: typeof key | undefined): Promise<string> => {
    if (!r) return "no entry in the fleet";
    try {
      const d = await previewStep(host, r);
      return d.changes === "DIFF_NONE"
        ? "not detected"
        : `detected (${d.changes}, replaces [${d.replaces.join(", ")}])`;
    } catch (e) {
      return `diff failed: ${(e as Error).message.split("\n")[0]}`;
    }
  };
  try {
    return { editedKeyDescription: await outcome(key), deletedEntry: await outcome(entry) };
  } finally {
    await host.stop();
  }
}

/** Runs the drift-preview benchmark. */
export async function benchDrift(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const { keys, entriesPerKey } = o.drift;
  const s = await openSession({ seed: 64 });
  try {
    const setupHost = await s.startHost();
    const fleet = await createFleet(
      s,
      setupHost,
      fleetSpec("d", keys, () => entriesPerKey),
      o.concurrency,
    );
    await setupHost.stop();
    const total = fleet.keys.length + fleet.entries.length;
    const runs: Record<Mode, PreviewRun[]> = { live: [], state: [] };
    for (let i = 0; i < o.countRuns; i++) {
      for (const mode of ["live", "state"] as const)
        runs[mode].push(await previewRun(s, fleet, mode, o));
    }
    const probed = await probe(s, fleet, s.emulator);
    const detected = Object.values(probed).every((v) => v.startsWith("detected"));
    const perResource = (m: Mode) => round(median(runs[m].map((r) => r.perResource)), 4);
    const handful = round((2 * (1 + keys)) / total, 4);
    const planned = Math.max(...[...runs.live, ...runs.state].map((r) => r.planned));
    const notes = [
      `${keys} keys × ${entriesPerKey} entries = ${total} unchanged resources; ${o.countRuns} run(s) per mode, each with a fresh host, concurrency ${o.concurrency}, latency ${o.latencyMs} ms.`,
      `Target for live: "a handful of requests per organization and key" read as <= 2 requests per org and per key: 2 × (1 + ${keys}) / ${total} = ${handful} per resource.`,
      "Wall times are in the details only (request counts are the figure here; fewer than 5 runs make no timing median).",
      `Probe (key description edited, entry deleted out of band, live preview): ${JSON.stringify(probed)}.`,
    ];
    if (!detected)
      notes.push(
        "The live probe did not detect every drift: the live figure measures a diff that does not (fully) check the server yet.",
      );
    const metrics: Metric[] = [
      {
        id: "drift.live.requestsPerResource",
        label: `preview (driftCheck=live): HTTP requests per resource (${total})`,
        value: perResource("live"),
        unit: "req",
        target: { op: "<=", value: handful, basis: "2 × (orgs + keys) / resources" },
      },
      {
        id: "drift.state.requestsPerResource",
        label: "preview (driftCheck=state): HTTP requests per resource",
        value: perResource("state"),
        unit: "req",
        target: { op: "==", value: 0 },
      },
      {
        id: "drift.live.probe",
        label: "preview (driftCheck=live): probe detects out-of-band drift (1 = yes)",
        value: detected ? 1 : 0,
        unit: "",
        target: { op: "==", value: 1 },
      },
      {
        id: "drift.unchangedPlanned",
        label: "preview: changes planned on the unchanged stack",
        value: planned,
        unit: "",
        target: { op: "==", value: 0 },
      },
    ];
    return {
      name: "drift",
      title: "Drift preview cost",
      metrics,
      details: {
        latencyMs: o.latencyMs,
        keys,
        entries: fleet.entries.length,
        probe: probed,
        wallMs: {
          live: summarize(runs.live.map((r) => r.wallMs)),
          state: summarize(runs.state.map((r) => r.wallMs)),
        },
        runs,
      },
      notes,
      durationMs: Date.now() - started,
    };
  } finally {
    await s.close();
  }
}
