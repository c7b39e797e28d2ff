/**
 * cold start. Time from spawning the host (the engine's plugin launch) to
 * the first answered Check — spawn, port line, Configure, Check — for our package and for a bare
 * no-op dynamic provider installed and serialized the same way. Runs alternate between the two
 * after one discarded warm-up of each (file cache); the ratio is median(ours) / median(no-op).
 */
import { makeUrn, ORG_API_KEY_TYPE, startHost, type PropertyMap } from "../engine-harness/host";
import type { BenchOptions } from "./args";
import { installNoopProvider } from "./noop-provider";
import type { BenchResult } from "./report";
import { installedSubject } from "./subject";
import { openSession, residentMB, stackConfig } from "./session";
import { now, round, summarize } from "./stats";

interface Subject {
  readonly programDir: string;
  readonly config: Record<string, string>;
  readonly urn: string;
  readonly news: PropertyMap;
}

/** One cold start: spawn → Configure → Check answered; returns ms and the host's RSS then. */
async function coldStart(subject: Subject): Promise<{ ms: number; rssMB: number | null }> {
  const start = now();
  const host = await startHost(subject.programDir, {});
  try {
    await host.configure(subject.config, ["opsmanager:privateKey"]);
    const checked = await host.check(subject.urn, {}, subject.news);
    const ms = now() - start;
    if (checked.failures.length > 0) {
      throw new Error(
        `bench: cold-start Check of ${subject.urn} failed: ${JSON.stringify(checked.failures)}`,
      );
    }
    return { ms, rssMB: residentMB(host.pid) };
  } finally {
    await host.stop();
  }
}

/** Runs the cold-start benchmark. */
export async function benchColdStart(o: BenchOptions): Promise<BenchResult> {
  const started = Date.now();
  const [{ programDir, providers }, noop] = await Promise.all([
    installedSubject(),
    installNoopProvider(),
  ]);
  const s = await openSession({ seed: 66 });
  try {
    const ours: Subject = {
      programDir,
      config: stackConfig(s.emulator),
      urn: makeUrn(ORG_API_KEY_TYPE, "cold"),
      news: {
        orgId: s.emulator.orgId,
        description: "cold start",
        roles: ["ORG_MEMBER"],
        __provider: providers.OrgApiKey,
      },
    };
    const bare: Subject = {
      programDir: noop.programDir,
      config: { "proj:unrelated": "x" },
      urn: noop.urn,
      news: { value: "x", __provider: noop.providerText },
    };
    await coldStart(ours);
    await coldStart(bare);
    const runs = {
      ours: [] as number[],
      noop: [] as number[],
      oursRss: [] as (number | null)[],
      noopRss: [] as (number | null)[],
    };
    for (let i = 0; i < o.reps; i++) {
      const a = await coldStart(ours);
      const b = await coldStart(bare);
      runs.ours.push(a.ms);
      runs.oursRss.push(a.rssMB);
      runs.noop.push(b.ms);
      runs.noopRss.push(b.rssMB);
    }
    const oursT = summarize(runs.ours);
    const noopT = summarize(runs.noop);
    return {
      name: "cold-start",
      title: "Cold start",
      metrics: [
        {
          id: "coldStart.ratio",
          label: "cold start: ours / bare no-op dynamic provider",
          value: round(oursT.medianMs / noopT.medianMs),
          unit: "x",
          target: { op: "<=", value: 1.5 },
        },
        {
          id: "coldStart.oursMs",
          label: "cold start: spawn to first Check, ours (median)",
          value: oursT.medianMs,
          unit: "ms",
        },
        {
          id: "coldStart.noopMs",
          label: "cold start: spawn to first Check, no-op (median)",
          value: noopT.medianMs,
          unit: "ms",
        },
      ],
      details: {
        ours: oursT,
        noop: noopT,
        hostRssAtFirstCheckMB: { ours: runs.oursRss, noop: runs.noopRss },
      },
      notes: [
        `Median of ${o.reps} alternating runs each, after one discarded warm-up per subject. Clock: spawn → port line → Configure → Check answered (the engine's order, docs/PULUMI-ENGINE.md).`,
        "The no-op provider is a separate package (check returns news, create returns inputs) packed, installed and serialized exactly like ours.",
      ],
      durationMs: Date.now() - started,
    };
  } finally {
    await s.close();
  }
}
