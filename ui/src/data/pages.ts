// Reading whole lists. The API pages every list with cursors; lists that are small by nature (groups,
// numbers, configuration-sized things) are read whole, one page after another, so a page can sort, count
// and pick from all of it. The members list is the exception: it is read in windows (members.ts).
import type { Page } from '../platform';

/** The largest page the API serves. */
export const MAX_PAGE = 200;

/** Reads every page of a list, following `next_cursor` until the last. */
export async function readAll<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetchPage(cursor);
    all.push(...page.data);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return all;
}
