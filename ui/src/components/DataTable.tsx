// The list shape of Members, Groups, Phone numbers and the Directory: 40 px rows, a header that stays in
// view, click-to-sort columns, virtualized so 10,000 rows cost what 30 do, and fully keyboard driven
// (↑/↓, Home/End, PageUp/PageDown move; Enter opens). Rows are a roving-tabindex ARIA grid. In a narrow
// window (a large text size) a row's cells wrap onto more lines (DataTable.css), so there each row in view
// is measured rather than assumed to be 40 px. Only there: the virtualizer keeps every row element it has
// measured, which over a scroll through 10,000 rows held some 160 MB in the web process.
import { measureElement, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type ReactNode,
} from 'react';

import { useNarrowWindow } from './useNarrowWindow';
import './DataTable.css';

export interface Column<Row> {
  id: string;
  header: string;
  /** A CSS grid track: '120px', 'minmax(160px, 2fr)'. */
  width: string;
  cell: (row: Row) => ReactNode;
  /** Present for sortable columns. */
  sortValue?: (row: Row) => string | number;
  align?: 'start' | 'end';
}

export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  column: string;
  direction: SortDirection;
}

export const ROW_HEIGHT = 40;
const SKELETON_ROWS = 8;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

export function sortRows<Row>(rows: readonly Row[], columns: readonly Column<Row>[], sort: SortState | null): Row[] {
  const column = sort === null ? undefined : columns.find((candidate) => candidate.id === sort.column);
  const value = column?.sortValue;
  if (sort === null || value === undefined) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // Array.prototype.sort is stable, so equal values keep their server order.
  return [...rows].sort((a, b) => sign * compare(value(a), value(b)));
}

export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  onOpen,
  initialSort = null,
  sort: sortProp,
  onSortChange,
  rowCount,
  onVisibleEnd,
  resetKey,
  loading = false,
  empty,
  rowTestId,
}: {
  /** The grid's accessible name, e.g. "Members". */
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  onOpen?: ((row: Row) => void) | undefined;
  initialSort?: SortState | null | undefined;
  /**
   * Sorting done by the server: with `onSortChange`, the table shows `rows` in the order given, marks the
   * column `sort` names, and reports header clicks instead of sorting itself.
   */
  sort?: SortState | undefined;
  onSortChange?: ((sort: SortState) => void) | undefined;
  /**
   * How many rows there are in all, when more exist than `rows` holds (read in windows): the scroll
   * height covers them all and rows not read yet show as placeholders.
   */
  rowCount?: number | undefined;
  /** Called with the index of the last row in view (plus overscan), to read the window it falls in. */
  onVisibleEnd?: ((index: number) => void) | undefined;
  /** When this changes (another sort, search or filter), the table goes back to its first row. */
  resetKey?: string | undefined;
  /** First load: skeleton rows instead of a blank table. */
  loading?: boolean | undefined;
  /** Shown instead of rows when there are none (and not loading). */
  empty?: ReactNode;
  /** `data-testid` of each body row, for end-to-end tests (e.g. "member-row"). */
  rowTestId?: string | undefined;
}) {
  const [localSort, setLocalSort] = useState<SortState | null>(initialSort);
  const serverSorted = onSortChange !== undefined;
  const sort = serverSorted ? (sortProp ?? null) : localSort;
  const sorted = useMemo(
    () => (serverSorted ? [...rows] : sortRows(rows, columns, localSort)),
    [rows, columns, localSort, serverSorted],
  );
  const count = Math.max(rowCount ?? 0, sorted.length);
  const windowed = rowCount !== undefined;
  const [active, setActive] = useState(0);
  const [shownFor, setShownFor] = useState(resetKey);
  if (shownFor !== resetKey) {
    setShownFor(resetKey);
    setActive(0);
  }
  const activeIndex = Math.min(active, Math.max(count - 1, 0));
  const focusAfterRender = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const narrow = useNarrowWindow();

  // This build does not use the React Compiler, which is what this rule protects.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // A row not laid out (jsdom, or not yet in the document) measures 0: it keeps the usual height.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ROW_HEIGHT,
    overscan: 10,
  });
  // Heights measured in the narrow layout don't hold in the wide one. (Going narrow, the rows measure
  // themselves as their refs attach, before this effect would run.)
  useEffect(() => {
    if (!narrow) virtualizer.measure();
  }, [virtualizer, narrow]);
  const measureRow = narrow ? virtualizer.measureElement : undefined;

  useEffect(() => {
    if (!focusAfterRender.current) return;
    focusAfterRender.current = false;
    const row = bodyRef.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    row?.focus({ preventScroll: true });
  });

  const virtualItems = virtualizer.getVirtualItems();
  // A new order or filter starts at the top, not where the previous one was scrolled to.
  useEffect(() => {
    if (scrollRef.current !== null) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  // The keyboard can move past what is in view before the scroll catches up (End): ask for that row too.
  const lastWanted = Math.max(virtualItems[virtualItems.length - 1]?.index ?? 0, activeIndex);
  useEffect(() => {
    onVisibleEnd?.(lastWanted);
  }, [lastWanted, onVisibleEnd]);

  const template: CSSProperties = { gridTemplateColumns: columns.map((column) => column.width).join(' ') };

  const toggleSort = (column: Column<Row>) => {
    const next: SortState =
      sort?.column === column.id && sort.direction === 'ascending'
        ? { column: column.id, direction: 'descending' }
        : { column: column.id, direction: 'ascending' };
    if (onSortChange === undefined) setLocalSort(next);
    else onSortChange(next);
  };

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    focusAfterRender.current = true;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLDivElement>, index: number, row: Row | undefined) => {
    // A page is the rows wholly in view less one, counted rather than assumed 40 px each: in a narrow
    // window rows wrap onto more lines.
    const top = virtualizer.scrollOffset ?? 0;
    const bottom = top + (scrollRef.current?.clientHeight ?? 0);
    const inView = virtualItems.filter((item) => item.start >= top && item.end <= bottom).length;
    const page = Math.max(1, inView - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: count - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if (event.key === 'Enter' && onOpen !== undefined && row !== undefined) {
      event.preventDefault();
      onOpen(row);
    }
  };

  const showEmpty = !loading && count === 0 && empty !== undefined;

  return (
    <div
      className="table"
      role="grid"
      aria-label={label}
      aria-rowcount={loading ? -1 : count + 1}
      aria-colcount={columns.length}
      aria-busy={loading || undefined}
      aria-readonly="true"
    >
      <div role="rowgroup" className="table-head">
        <div role="row" aria-rowindex={1} className="table-row table-header-row" style={template}>
          {columns.map((column) => {
            const direction = sort?.column === column.id ? sort.direction : undefined;
            return (
              <div
                key={column.id}
                role="columnheader"
                aria-sort={column.sortValue === undefined ? undefined : (direction ?? 'none')}
                className={`table-cell table-header${column.align === 'end' ? ' table-cell-end' : ''}`}
              >
                {column.sortValue === undefined ? (
                  column.header
                ) : (
                  <button type="button" className="table-sort" onClick={() => toggleSort(column)}>
                    {column.header}
                    {direction === 'ascending' && <ArrowUp size={12} aria-hidden="true" />}
                    {direction === 'descending' && <ArrowDown size={12} aria-hidden="true" />}
                  </button>
                )}
              </div>
            );
          })}
        </div>
      </div>

      <div className="table-scroll" ref={scrollRef}>
        {loading ? (
          <div role="rowgroup">
            {Array.from({ length: SKELETON_ROWS }, (_, index) => (
              <div key={index} role="row" className="table-row" style={template} aria-hidden="true">
                {columns.map((column) => (
                  <div key={column.id} role="gridcell" className="table-cell">
                    <span className="skeleton" style={{ width: `${50 + ((index * 17 + column.id.length * 11) % 40)}%` }} />
                  </div>
                ))}
              </div>
            ))}
          </div>
        ) : showEmpty ? (
          <div className="table-empty">{empty}</div>
        ) : (
          <div role="rowgroup" ref={bodyRef} className="table-body" style={{ height: virtualizer.getTotalSize() }}>
            {virtualItems.map((item) => {
              const row = sorted[item.index];
              if (row === undefined) {
                // Not read yet: a placeholder of the same height until its window arrives.
                return (
                  <div
                    key={windowed ? item.index : `pending-${String(item.index)}`}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-busy="true"
                    ref={measureRow}
                    data-index={item.index}
                    tabIndex={item.index === activeIndex ? 0 : -1}
                    className="table-row table-body-row"
                    style={{ ...template, transform: `translateY(${item.start}px)` }}
                    onFocus={() => setActive(item.index)}
                    onKeyDown={(event) => onRowKeyDown(event, item.index, undefined)}
                  >
                    {columns.map((column) => (
                      <div key={column.id} role="gridcell" className="table-cell">
                        <span className="skeleton" style={{ width: '60%' }} />
                      </div>
                    ))}
                  </div>
                );
              }
              return (
                <div
                  // Read in windows, a row's element is its position: when a placeholder's row arrives the
                  // element (and the keyboard focus on it) stays.
                  key={windowed ? item.index : rowKey(row)}
                  role="row"
                  aria-rowindex={item.index + 2}
                  ref={measureRow}
                  data-index={item.index}
                  data-testid={rowTestId}
                  tabIndex={item.index === activeIndex ? 0 : -1}
                  className={`table-row table-body-row${onOpen === undefined ? '' : ' table-row-openable'}`}
                  style={{ ...template, transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setActive(item.index);
                    onOpen?.(row);
                  }}
                  onFocus={() => setActive(item.index)}
                  onKeyDown={(event) => onRowKeyDown(event, item.index, row)}
                >
                  {columns.map((column) => (
                    <div
                      key={column.id}
                      role="gridcell"
                      className={`table-cell${column.align === 'end' ? ' table-cell-end' : ''}`}
                    >
                      {column.cell(row)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
