/**
 * Shapes passed between the server pipeline and the route handlers.
 */
import type { AccessListMode } from "./types";
import type { QueryOptions } from "./pagination";
import type { EntryRecord, KeyRecord, OrgRecord, Store } from "./store";

/** Switches that change API behaviour; `configure()` may change them while running. */
export interface Settings {
  accessListMode: AccessListMode;
  missingKeyStatus: 400 | 404;
  duplicateEntry: "noop" | "conflict";
  ipv6: boolean;
  /** Unknown paths answer an HTML 404 before authentication, as a reverse proxy would. */
  htmlNotFound: boolean;
}

/** The access-list path segment a request used (`links` echo it). */
export type ListSegment = "accessList" | "whitelist";

/** Path parameters, still raw (percent-encoded) as they appeared in the request target. */
export interface PathParams {
  /** Set on organization routes. */
  readonly org?: string;
  /** Set on project routes (`/groups/{group}/…`). */
  readonly group?: string;
  readonly key?: string;
  readonly list?: ListSegment;
  readonly entry?: string;
}

/** An authenticated, gate-passed API request. */
export interface ApiRequest {
  readonly method: string;
  readonly params: PathParams;
  readonly query: QueryOptions;
  readonly body: string;
  readonly clientIp: string;
  readonly caller: { readonly org: OrgRecord; readonly key: KeyRecord };
  /** The caller's access-list entry that admitted this request, if its list is non-empty. */
  readonly admittedBy?: EntryRecord;
  /** e.g. `http://127.0.0.1:8080/api/public/v1.0`, for absolute links. */
  readonly apiBase: string;
}

/** What a handler answers; `body` undefined means an empty body (204). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Lists get `status` added under `envelope=true`; entities get wrapped in `content`. */
  readonly kind?: "list" | "entity";
}

export interface Deps {
  readonly store: Store;
  readonly settings: Settings;
}

export type Handler = (req: ApiRequest, deps: Deps) => Reply;
