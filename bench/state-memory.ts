/**
 * Host memory for the state benchmark: the same walk — spawn, Configure, first Check, first
 * Create, then N resources created and read at `concurrency` in flight, 0 ms latency — for our
 * package and for the bare no-op dynamic provider, once on unmodified hosts (/proc figures, the
 * target's RSS) and once on probed hosts (a forced full GC after each step: what is retained).
 * Our first Check loads our package; our first Create loads the HTTP client (got).
 */
import {
  makeUrn,
  ORG_API_KEY_TYPE,
  startHost,
  type Host,
  type PropertyMap,
} from "../engine-harness/host";
import { createFleet, fleetSpec, keyNews, refreshFleet, type Fleet } from "./fleet";
import { walkMemory, type MemoryPhase, type MemoryStep } from "./host-memory";
import { installNoopProvider, NOOP_TYPE } from "./noop-provider";
import { mapPool } from "./pool";
import { stackConfig, type Session } from "./session";

/** The phases every walk reports, in order. */
export const PHASES = ["spawned", "configured", "firstCheck", "firstCreate", "created", "read"];

/** One subject's unmodified and probed walks. */
export interface MemoryWalks {
  readonly plain: MemoryPhase[];
  readonly probed: MemoryPhase[];
  /** Resources served in the `created`/`read` phases (plus one warm-up resource before them). */
  readonly resources: number;
}

/** The first-Check and first-Create steps of a warm-up resource, then the bulk steps. */
function steps(
  configure: (host: Host) => Promise<void>,
  urn: string,
  news: PropertyMap,
  created: (host: Host) => Promise<void>,
  read: (host: Host) => Promise<void>,
): MemoryStep[] {
  let checked: PropertyMap = {};
  return [
    { phase: "configured", run: configure },
    {
      phase: "firstCheck",
      run: async (host) => {
        const result = await host.check(urn, {}, news);
        if (result.failures.length > 0) {
          throw new Error(
            `bench: warm-up Check of ${urn} failed: ${JSON.stringify(result.failures)}`,
          );
        }
        checked = result.inputs;
      },
    },
    { phase: "firstCreate", run: async (host) => void (await host.create(urn, checked)) },
    { phase: "created", run: created },
    { phase: "read", run: read },
  ];
}

/** Our package: a warm-up key, then `keys` keys with `entriesPerKey` entries each. */
export async function walkOurs(
  s: Session,
  keys: number,
  entriesPerKey: number,
  concurrency: number,
): Promise<MemoryWalks & { fleet: Fleet }> {
  let fleet: Fleet | undefined;
  const walk = (label: string, probe: boolean): Promise<MemoryPhase[]> => {
    const warmUp = { name: `${label}-warm-up`, description: `bench ${label} warm-up key` };
    return walkMemory(
      (env) => startHost(s.programDir, env),
      steps(
        async (host) =>
          void (await host.configure(stackConfig(s.emulator), ["opsmanager:privateKey"])),
        makeUrn(ORG_API_KEY_TYPE, warmUp.name),
        keyNews(s, warmUp),
        async (host) => {
          const spec = fleetSpec(label, keys, () => entriesPerKey);
          fleet = await createFleet(s, host, spec, concurrency);
        },
        (host) => refreshFleet(host, fleet!, concurrency).then(() => undefined),
      ),
      probe,
    );
  };
  const plain = await walk("s", false);
  const plainFleet = fleet!;
  const probed = await walk("sp", true);
  return {
    plain,
    probed,
    resources: plainFleet.keys.length + plainFleet.entries.length,
    fleet: plainFleet,
  };
}

/** The bare no-op provider: a warm-up resource, then `count` Check + Create, then `count` Read. */
export async function walkNoop(count: number, concurrency: number): Promise<MemoryWalks> {
  const noop = await installNoopProvider();
  const names = Array.from({ length: count }, (_, i) => `noop-${i}`);
  const news = (name: string): PropertyMap => ({ value: name, __provider: noop.providerText });
  const walk = (probe: boolean): Promise<MemoryPhase[]> => {
    let created: { urn: string; id: string; outputs: PropertyMap; inputs: PropertyMap }[] = [];
    return walkMemory(
      (env) => startHost(noop.programDir, env),
      steps(
        async (host) => void (await host.configure({ "proj:unrelated": "x" })),
        makeUrn(NOOP_TYPE, "noop-warm-up"),
        news("noop-warm-up"),
        async (host) => {
          created = await mapPool(names, concurrency, async (name) => {
            const urn = makeUrn(NOOP_TYPE, name);
            const checked = await host.check(urn, {}, news(name));
            const result = await host.create(urn, checked.inputs);
            return { urn, id: result.id, outputs: result.properties, inputs: checked.inputs };
          });
        },
        async (host) =>
          void (await mapPool(created, concurrency, (r) =>
            host.read(r.id, r.urn, r.outputs, r.inputs),
          )),
      ),
      probe,
    );
  };
  return { plain: await walk(false), probed: await walk(true), resources: count };
}
