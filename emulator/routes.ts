/**
 * Route table of the Ops Manager API subset, msw-style: method + pattern + handler. Matching
 * runs on the raw, still-encoded path split at literal `/`, so `10.0.0.0%2F24` is one segment
 * and `10.0.0.0/24` (an un-encoded slash) matches nothing (404).
 */
import type { Handler, ListSegment, PathParams, Settings } from "./context";
import { accessListHandlers as a } from "./routes-access-list";
import { keyHandlers as k } from "./routes-keys";
import { projectHandlers as p } from "./routes-projects";

export const API_PREFIX = "/api/public/v1.0";

interface Route {
  readonly method: string;
  readonly pattern: readonly string[];
  readonly handler: Handler;
}

const KEYS = ["orgs", ":org", "apiKeys"];
const KEY = [...KEYS, ":key"];
const LIST = [...KEY, ":list"];
const ENTRY = [...LIST, ":entry"];
const PROJECT_KEYS = ["groups", ":group", "apiKeys"];
const PROJECT_KEY = [...PROJECT_KEYS, ":key"];

const ROUTES: readonly Route[] = [
  { method: "GET", pattern: KEYS, handler: k.listKeys },
  { method: "POST", pattern: KEYS, handler: k.createKey },
  { method: "GET", pattern: KEY, handler: k.getKey },
  { method: "PATCH", pattern: KEY, handler: k.patchKey },
  { method: "DELETE", pattern: KEY, handler: k.deleteKey },
  { method: "GET", pattern: LIST, handler: a.listEntries },
  { method: "POST", pattern: LIST, handler: a.addEntries },
  { method: "GET", pattern: ENTRY, handler: a.getEntry },
  { method: "DELETE", pattern: ENTRY, handler: a.deleteEntry },
  { method: "GET", pattern: PROJECT_KEYS, handler: p.listProjectKeys },
  { method: "PATCH", pattern: PROJECT_KEY, handler: p.assignKey },
  { method: "DELETE", pattern: PROJECT_KEY, handler: p.unassignKey },
];

/** Access-list segments served in each mode. */
function servedSegments(settings: Settings): readonly ListSegment[] {
  if (settings.accessListMode === "whitelist-only") return ["whitelist"];
  if (settings.accessListMode === "accessList-only") return ["accessList"];
  return ["accessList", "whitelist"];
}

function matchPattern(
  pattern: readonly string[],
  segments: readonly string[],
  lists: readonly ListSegment[],
): PathParams | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i];
    const s = segments[i];
    if (!p.startsWith(":")) {
      if (p !== s) return undefined;
      continue;
    }
    if (s === "") return undefined;
    if (p === ":list" && !(lists as readonly string[]).includes(s)) return undefined;
    params[p.slice(1)] = s;
  }
  return params as unknown as PathParams;
}

/** The handler and params for a raw path (without query), or undefined (404). */
export function matchRoute(
  method: string,
  rawPath: string,
  settings: Settings,
): { handler: Handler; params: PathParams } | undefined {
  if (!rawPath.startsWith(API_PREFIX + "/")) return undefined;
  const segments = rawPath.slice(API_PREFIX.length + 1).split("/");
  const lists = servedSegments(settings);
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, segments, lists);
    if (params) return { handler: route.handler, params };
  }
  return undefined;
}

/** The list segment of a raw path, for choosing error spellings before routing. */
export function listSegmentOf(rawPath: string): ListSegment | undefined {
  const segments = rawPath.split("/");
  if (segments.includes("whitelist")) return "whitelist";
  if (segments.includes("accessList")) return "accessList";
  return undefined;
}
