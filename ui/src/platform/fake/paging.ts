// Cursor pages the way the server cuts them: 1 to 200 items (50 by default), a cursor that only this
// list issued, `next_cursor` null on the last page.
import type { Page } from '../platform';
import { fail } from './validate';

export function pageLimit(limit: number | null): number {
  const size = limit ?? 50;
  if (!Number.isInteger(size) || size < 1 || size > 200) fail('invalid_limit', 'Ask for 1 to 200 items at a time.');
  return size;
}

function cursorNumber(cursor: string | null): number | null {
  if (cursor === null || cursor === '') return null;
  if (!/^\d+$/u.test(cursor)) fail('invalid_cursor', 'That list has changed since this page was asked for. Reload it.');
  return Number(cursor);
}

/**
 * A page by position: the cursor is the offset of the next item. The members list uses it (its cursors
 * are plain counts, which the list's tests read) so that any sort order pages the same way.
 */
export function offsetPage<T>(items: T[], cursor: string | null, limit: number | null): Page<T> {
  const size = pageLimit(limit);
  const start = cursorNumber(cursor) ?? 0;
  const data = items.slice(start, start + size);
  const end = start + data.length;
  return { data, next_cursor: end < items.length ? String(end) : null };
}

/**
 * A page by key: the cursor names the last item seen (its creation order), so a page never repeats or
 * skips an item however the list changes in between — the server's keyset paging. `items` must already be
 * in list order: oldest first, or newest first (the audit trail) with `newestFirst`.
 */
export function keysetPage<T extends { seq: number }, V>(
  items: T[],
  cursor: string | null,
  limit: number | null,
  view: (item: T) => V,
  newestFirst = false,
): Page<V> {
  const size = pageLimit(limit);
  const key = cursorNumber(cursor);
  const rest = key === null ? items : items.filter((item) => (newestFirst ? item.seq < key : item.seq > key));
  const kept = rest.slice(0, size);
  const last = kept.at(-1);
  return { data: kept.map(view), next_cursor: rest.length > size && last !== undefined ? String(last.seq) : null };
}

/** Adds `total`, every match on all pages. Only the members list counts; the server's other lists don't. */
export function withTotal<T>(page: Page<T>, total: number): Page<T> {
  return Object.assign(page, { total });
}
