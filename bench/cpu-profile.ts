/**
 * Attribution of a V8 CPU profile (the inspector's `Profiler.stop` result) to owners: each
 * sample goes to the nearest stack frame, from the leaf upward, whose script belongs to a known
 * package (so Node's own http/stream code counts for whichever package called it). Samples with
 * no package frame on the stack (event-loop callbacks: socket reads, the HTTP parser, timers)
 * are reported as such, not guessed; idle, GC and native program time are separate.
 */

/** The parts of a `.cpuprofile` used here. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly url: string; readonly functionName: string };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export const OWNERS = [
  "got and its dependencies",
  "our package",
  "ts-retry, ipaddr.js",
  "@grpc/grpc-js",
  "google-protobuf",
  "@pulumi/pulumi host",
  "other scripts",
  "node core, no package on the stack",
  "garbage collector",
  "native (program)",
] as const;
export type Owner = (typeof OWNERS)[number];

/** got's runtime dependencies (got 14), whose frames count as got's. */
const GOT =
  /\/node_modules\/(got|byte-counter|@sindresorhus|@szmarczak|cacheable-lookup|cacheable-request|http2-wrapper|keyv|responselike|decompress-response|lowercase-keys|p-cancelable|mimic-response|form-data-encoder|get-stream|quick-lru|normalize-url|defer-to-connect|type-fest)\//;

function ownerOf(url: string): Owner | null {
  if (!url || url.startsWith("node:")) return null;
  if (GOT.test(url)) return "got and its dependencies";
  if (url.includes("/node_modules/pulumi-opsmanager-apikeys/")) return "our package";
  if (/\/node_modules\/(ts-retry|ipaddr\.js)\//.test(url)) return "ts-retry, ipaddr.js";
  if (url.includes("/node_modules/@grpc/")) return "@grpc/grpc-js";
  if (url.includes("/node_modules/google-protobuf/")) return "google-protobuf";
  if (url.includes("/node_modules/@pulumi/pulumi/")) return "@pulumi/pulumi host";
  return "other scripts";
}

/** Milliseconds of non-idle samples per owner, and the total. */
export function attributeProfile(profile: CpuProfile): {
  busyMs: number;
  byOwner: Record<Owner, number>;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byOwner = Object.fromEntries(OWNERS.map((o) => [o, 0])) as Record<Owner, number>;
  let busyUs = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)?.callFrame;
    if (!leaf || leaf.functionName === "(idle)") return;
    let owner: Owner | null =
      leaf.functionName === "(garbage collector)"
        ? "garbage collector"
        : leaf.functionName === "(program)"
          ? "native (program)"
          : null;
    for (let cur: number | undefined = id; owner === null && cur !== undefined;) {
      owner = ownerOf(byId.get(cur)?.callFrame.url ?? "");
      cur = parent.get(cur);
    }
    byOwner[owner ?? "node core, no package on the stack"] += us;
    busyUs += us;
  });
  for (const o of OWNERS) byOwner[o] = Math.round(byOwner[o]) / 1000;
  return { busyMs: Math.round(busyUs) / 1000, byOwner };
}
