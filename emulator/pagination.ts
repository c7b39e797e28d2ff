/**
 * Query parameters shared by every endpoint and the list envelope:
 * pageNum (1-based), itemsPerPage (1..500, default 100), includeCount, envelope, pretty.
 */
import { errors } from "./errors";

export interface QueryOptions {
  readonly pageNum: number;
  readonly itemsPerPage: number;
  readonly includeCount: boolean;
  readonly envelope: boolean;
  readonly pretty: boolean;
}

export const MAX_ITEMS_PER_PAGE = 500;
const DEFAULT_ITEMS_PER_PAGE = 100;

function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^[0-9]+$/.test(text)) throw errors.invalidQuery(name);
  const value = Number(text);
  if (value < 1 || value > max) throw errors.invalidQuery(name);
  return value;
}

function boolParam(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const text = query.get(name);
  if (text === null) return fallback;
  if (text === "true") return true;
  if (text === "false") return false;
  throw errors.invalidQuery(name);
}

/** Parse and validate; a bad value is 400 INVALID_QUERY_PARAMETER naming the parameter. */
export function parseQuery(query: URLSearchParams): QueryOptions {
  return {
    pageNum: intParam(query, "pageNum", 1, Number.MAX_SAFE_INTEGER),
    itemsPerPage: intParam(query, "itemsPerPage", DEFAULT_ITEMS_PER_PAGE, MAX_ITEMS_PER_PAGE),
    includeCount: boolParam(query, "includeCount", true),
    envelope: boolParam(query, "envelope", false),
    pretty: boolParam(query, "pretty", false),
  };
}

/** A page of `items` with absolute `self`/`previous`/`next` links on `listUrl` (no query). */
export function listEnvelope<T>(
  items: readonly T[],
  q: QueryOptions,
  listUrl: string,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const start = (q.pageNum - 1) * q.itemsPerPage;
  const page = items.slice(start, start + q.itemsPerPage);
  const href = (n: number) => `${listUrl}?pageNum=${n}&itemsPerPage=${q.itemsPerPage}`;
  const links = [{ href: href(q.pageNum), rel: "self" }];
  if (q.pageNum > 1) links.push({ href: href(q.pageNum - 1), rel: "previous" });
  if (start + q.itemsPerPage < items.length) links.push({ href: href(q.pageNum + 1), rel: "next" });
  const body: Record<string, unknown> = { links, results: page.map(render) };
  if (q.includeCount) body.totalCount = items.length;
  return body;
}
