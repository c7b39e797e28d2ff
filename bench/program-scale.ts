/**
 * A program at scale through the engine harness (engine-harness/, the real SDK running a real
 * program and the real host): `keys` keys × `entriesPerKey` entries, `pulumi up` of a fresh
 * stack with `--parallel concurrency`, next to the same program shape with the bare no-op
 * provider (noop-provider.ts, create waits the emulator latency on a timer: one simulated
 * request per resource). Then `pulumi preview` of the unchanged stack: HTTP requests per
 * resource and planned changes. Ours and the no-op alternate; the ratio is of medians.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { openStack, type OperationResult } from "../engine-harness";
import type { BenchOptions } from "./args";
import { installNoopProvider } from "./noop-provider";
import type { BenchResult, Metric } from "./report";
import { tally } from "./request-log";
import { openSession, stackConfig, type Session } from "./session";
import { median, round, summarize, timed } from "./stats";

/** Keys × entries of this package's resources; config `orgId`, `keys`, `entriesPerKey`. */
const OURS_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const om = require("pulumi-opsmanager-apikeys");
const cfg = new pulumi.Config();
const orgId = cfg.require("orgId");
const keys = Number(cfg.require("keys"));
const entriesPerKey = Number(cfg.require("entriesPerKey"));
for (let k = 0; k < keys; k++) {
  const key = new om.OrgApiKey("key-" + k, { orgId, description: "scale key " + k, roles: ["ORG_MEMBER"] });
  for (let j = 0; j < entriesPerKey; j++) {
    const n = k * entriesPerKey + j + 1;
    const ipAddress = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    new om.ApiKeyWhitelistEntry("entry-" + k + "-" + j, { orgId, apiKeyId: key.apiKeyId, ipAddress });
  }
}
`;

/** The same shape with the no-op provider; config adds `delayMs`. */
const NOOP_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const { Noop } = require("bench-noop-dynamic-provider");
const cfg = new pulumi.Config();
const orgId = cfg.require("orgId");
const keys = Number(cfg.require("keys"));
const entriesPerKey = Number(cfg.require("entriesPerKey"));
const delayMs = Number(cfg.require("delayMs"));
for (let k = 0; k < keys; k++) {
  const key = new Noop("key-" + k, { orgId, description: "scale key " + k, roles: ["ORG_MEMBER"], delayMs });
  for (let j = 0; j < entriesPerKey; j++) {
    const n = k * entriesPerKey + j + 1;
    const ipAddress = "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
    new Noop("entry-" + k + "-" + j, { orgId, apiKeyId: key.id, ipAddress, delayMs });
  }
}
`;

interface UpRun {
  readonly wallMs: number;
  readonly creates: number;
  readonly loadAverage: number;
  /** Requests the emulator answered during ours' up, by method (absent for the no-op program). */
  readonly requestsByMethod?: Readonly<Record<string, number>>;
}

function changed(result: OperationResult): number {
  return result.steps.filter((s) => s.op !== "same" && s.type.startsWith("pulumi-nodejs:dynamic"))
    .length;
}

function failure(what: string, result: OperationResult): Error {
  return new Error(`${what} failed: ${result.errors.join("; ").slice(0, 500)}`);
}

/** Runs the program-at-scale benchmark. */
export async function benchProgramScale(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const { keys, entriesPerKey, reps } = o.program;
  const resources = keys * (1 + entriesPerKey);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "om-bench-program-"));
  const s: Session = await openSession({ seed: 200 });
  const noop = await installNoopProvider();
  const oursFile = `bench-scale-${process.pid}.js`;
  fs.writeFileSync(path.join(s.programDir, oursFile), OURS_PROGRAM);
  fs.writeFileSync(path.join(noop.programDir, oursFile), NOOP_PROGRAM);
  const shape = {
    orgId: s.emulator.orgId,
    keys: String(keys),
    entriesPerKey: String(entriesPerKey),
  };
  // `pulumi up --skip-preview --parallel N`: the update pass is where the creates happen.
  const parallel = { parallel: o.concurrency, skipPreview: true };
  try {
    const ours: UpRun[] = [];
    const floor: UpRun[] = [];
    let preview: { requests: number; changes: number; wallMs: number } | undefined;
    for (let i = 0; i < reps; i++) {
      // Ours: a fresh stack, up at the bench latency; the last run also previews, then destroys.
      const stack = openStack({
        programDir: s.programDir,
        program: oursFile,
        stateFile: path.join(scratch, `ours-${i}.json`),
        config: { ...shape, ...stackConfig(s.emulator) },
      });
      s.setLatency(o.latencyMs);
      s.emulator.clearLog();
      const up = await timed(() => stack.up(parallel));
      if (!up.value.ok) throw failure(`up of ${resources} resources (run ${i})`, up.value);
      ours.push({
        wallMs: round(up.ms, 1),
        creates: up.value.steps.filter((x) => x.op === "create").length,
        loadAverage: round(os.loadavg()[0], 2),
        requestsByMethod: tally(s.emulator.requests).byMethod,
      });
      if (i === reps - 1) {
        s.emulator.clearLog();
        const plan = await timed(() => stack.preview(parallel));
        if (!plan.value.ok) throw failure("preview of the unchanged stack", plan.value);
        preview = {
          requests: s.emulator.requests.length,
          changes: changed(plan.value),
          wallMs: round(plan.ms, 1),
        };
      }
      s.setLatency(0);
      const destroyed = await stack.destroy();
      if (!destroyed.ok) throw failure(`destroy (run ${i})`, destroyed);

      const noopStack = openStack({
        programDir: noop.programDir,
        program: oursFile,
        stateFile: path.join(scratch, `noop-${i}.json`),
        config: { ...shape, delayMs: String(o.latencyMs) },
      });
      const noopUp = await timed(() => noopStack.up(parallel));
      if (!noopUp.value.ok) throw failure(`no-op up (run ${i})`, noopUp.value);
      floor.push({
        wallMs: round(noopUp.ms, 1),
        creates: noopUp.value.steps.filter((x) => x.op === "create").length,
        loadAverage: round(os.loadavg()[0], 2),
      });
    }
    const oursMs = median(ours.map((r) => r.wallMs));
    const floorMs = median(floor.map((r) => r.wallMs));
    const ratio = round(oursMs / floorMs, 2);
    const perResource = preview ? round(preview.requests / resources, 4) : null;
    const metrics: Metric[] = [
      {
        id: "program.upOverNoop",
        label: `program up through the harness: wall ours / no-op program (${keys} keys × ${entriesPerKey} entries, median of ${reps})`,
        value: ratio,
        unit: "x",
        target: { op: "<=", value: 1.5 },
      },
      {
        id: "program.upWallMs",
        label: `program up through the harness: wall, ours (${resources} resources, median)`,
        value: oursMs,
        unit: "ms",
      },
      {
        id: "program.noopUpWallMs",
        label: `program up through the harness: wall, no-op program (${resources} resources, median)`,
        value: floorMs,
        unit: "ms",
      },
      {
        id: "program.previewRequestsPerResource",
        label: `preview of the unchanged stack: HTTP requests per resource (${resources})`,
        value: perResource,
        unit: "req",
        target: { op: "<=", value: 0.404 },
      },
      {
        id: "program.previewChanges",
        label: "preview of the unchanged stack: changes planned",
        value: preview ? preview.changes : null,
        unit: "",
        target: { op: "==", value: 0 },
      },
    ];
    return {
      name: "program",
      title: "Program at scale (harness)",
      metrics,
      details: {
        keys,
        entriesPerKey,
        resources,
        latencyMs: o.latencyMs,
        parallel: o.concurrency,
        ours: { wall: summarize(ours.map((r) => r.wallMs)), runs: ours },
        noop: { wall: summarize(floor.map((r) => r.wallMs)), runs: floor },
        preview: preview ?? null,
      },
      notes: [
        `program: ${keys} keys × ${entriesPerKey} entries (${resources} resources) run by the real SDK through the engine harness, up --skip-preview --parallel ${o.concurrency} on a fresh stack, emulator latency ${o.latencyMs} ms; the no-op program has the same shape and dependencies, its create waits ${o.latencyMs} ms on a timer. ${reps} alternating run(s) each; each of ours is destroyed afterwards at 0 ms.`,
        `program preview: the unchanged stack of the last run, driftCheck live (the default), requests counted by the emulator: ${preview?.requests ?? "n/a"} for ${resources} resources in ${preview?.wallMs ?? "n/a"} ms.`,
      ],
      durationMs: Date.now() - started,
    };
  } finally {
    s.setLatency(0);
    await s.close();
    fs.rmSync(path.join(s.programDir, oursFile), { force: true });
    fs.rmSync(path.join(noop.programDir, oursFile), { force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
