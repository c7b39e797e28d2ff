/**
 * Collects every page of a list call: `pageNum` from 1 with `itemsPerPage` 500 until the page
 * has no `next` link. When a server omits `links`, a short page ends the list.
 */
import type { ListPage } from "./wire";

/** The API maximum. */
export const ITEMS_PER_PAGE = 500;

/** Guard against a server that always says `next`: 500 × 1000 is far beyond the 500-key limit. */
const MAX_PAGES = 1000;

/** Whether another page should be fetched after this one. */
function hasMorePages<T>(page: ListPage<T>, itemsPerPage: number): boolean {
  if (page.results.length === 0) return false;
  if (page.hasNext !== undefined) return page.hasNext;
  return page.results.length >= itemsPerPage;
}

/** Fetches pages 1, 2, … and concatenates their results. */
export async function collectPages<T>(
  fetchPage: (pageNum: number) => Promise<ListPage<T>>,
  itemsPerPage: number = ITEMS_PER_PAGE,
): Promise<T[]> {
  const all: T[] = [];
  for (let pageNum = 1; pageNum <= MAX_PAGES; pageNum += 1) {
    const page = await fetchPage(pageNum);
    all.push(...page.results);
    if (!hasMorePages(page, itemsPerPage)) break;
  }
  return all;
}
