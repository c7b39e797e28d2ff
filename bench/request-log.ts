/**
 * Reading the emulator's request log: counts by resource type (API key routes vs access-list
 * and whitelist routes, docs/OPS-MANAGER-API.md) and the per-resource attribution behind the
 * key → entry chain of the reconcile lower bound. Every request the emulator served counts,
 * Digest challenges and retries included.
 */
import type { RequestLogEntry } from "../emulator";
import type { FleetSpec, Fleet } from "./fleet";

const ENTRY_ROUTE = /\/apiKeys\/([0-9a-fA-F]{24})\/(?:accessList|whitelist)(?:\/([^?]+))?/;
const KEY_ROUTE = /\/orgs\/[^/]+\/apiKeys(?:\/([0-9a-fA-F]{24}))?\/?(?:\?|$)/;

/** Request counts of one measured phase. */
export interface RequestTally {
  readonly total: number;
  /** Requests on a key's access-list routes. */
  readonly entryRoutes: number;
  /** Every other request (key routes). */
  readonly keyRoutes: number;
  /** Requests without a Digest Authorization header (challenge round trips). */
  readonly challenges: number;
  readonly byMethod: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
}

/** True for a request on an access-list route. */
export function isEntryRoute(path: string): boolean {
  return ENTRY_ROUTE.test(path);
}

/** Counts a log slice. */
export function tally(log: readonly RequestLogEntry[]): RequestTally {
  const byMethod: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let entryRoutes = 0;
  let challenges = 0;
  for (const r of log) {
    byMethod[r.method] = (byMethod[r.method] ?? 0) + 1;
    byStatus[String(r.status)] = (byStatus[String(r.status)] ?? 0) + 1;
    if (isEntryRoute(r.path)) entryRoutes += 1;
    if (!r.authenticated) challenges += 1;
  }
  return {
    total: log.length,
    entryRoutes,
    keyRoutes: log.length - entryRoutes,
    challenges,
    byMethod,
    byStatus,
  };
}

/** The network address an access-list body item or path segment names (without the prefix). */
function addressOf(text: string): string {
  return decodeURIComponent(text).split("/")[0].toLowerCase();
}

function bodyAddresses(body: string | undefined): string[] {
  try {
    const items = JSON.parse(body ?? "") as unknown;
    if (!Array.isArray(items)) return [];
    return items
      .map((i) => (i as { ipAddress?: unknown; cidrBlock?: unknown }) ?? {})
      .map((i) =>
        typeof i.ipAddress === "string"
          ? i.ipAddress
          : typeof i.cidrBlock === "string"
            ? i.cidrBlock
            : "",
      )
      .filter(Boolean)
      .map(addressOf);
  } catch {
    return [];
  }
}

function bodyDescription(body: string | undefined): string | undefined {
  try {
    const desc = (JSON.parse(body ?? "") as { desc?: unknown } | null)?.desc;
    return typeof desc === "string" ? desc : undefined;
  } catch {
    return undefined;
  }
}

/** Requests attributed to each key and entry of a fleet, and the longest key → entry chain. */
export interface Attribution {
  readonly perKey: readonly number[];
  readonly perEntry: readonly number[];
  /** max over keys of (requests of the key + requests of its costliest entry). */
  readonly longestChain: number;
  /** Requests that matched no resource (they still count in the total). */
  readonly unattributed: number;
}

/** Attributes each request to the key (by body desc or path id) or entry (by key id + address). */
export function attribute(log: readonly RequestLogEntry[], fleet: Fleet): Attribution {
  const spec: FleetSpec = fleet.spec;
  const keyByDesc = new Map(spec.keys.map((k, i) => [k.description, i]));
  const keyById = new Map(fleet.keys.map((k, i) => [k.id.toLowerCase(), i]));
  const entryByAddress = new Map(spec.entries.map((e, i) => [`${e.key}|${e.address}`, i]));
  const perKey = new Array<number>(spec.keys.length).fill(0);
  const perEntry = new Array<number>(spec.entries.length).fill(0);
  let unattributed = 0;
  for (const r of log) {
    const entryMatch = ENTRY_ROUTE.exec(r.path);
    if (entryMatch) {
      const key = keyById.get(entryMatch[1].toLowerCase());
      const addresses = entryMatch[2] ? [addressOf(entryMatch[2])] : bodyAddresses(r.requestBody);
      const hits = addresses
        .map((a) => entryByAddress.get(`${key}|${a}`))
        .filter((i) => i !== undefined);
      hits.forEach((i) => (perEntry[i] += 1));
      if (hits.length === 0) unattributed += 1;
      continue;
    }
    const keyMatch = KEY_ROUTE.exec(r.path);
    const key = keyMatch?.[1]
      ? keyById.get(keyMatch[1].toLowerCase())
      : keyByDesc.get(bodyDescription(r.requestBody) ?? "");
    if (key !== undefined) perKey[key] += 1;
    else unattributed += 1;
  }
  const worstEntry = new Array<number>(spec.keys.length).fill(0);
  spec.entries.forEach((e, i) => (worstEntry[e.key] = Math.max(worstEntry[e.key], perEntry[i])));
  const longestChain = Math.max(0, ...perKey.map((n, k) => n + worstEntry[k]));
  return { perKey, perEntry, longestChain, unattributed };
}
