import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { accessibilityViolations } from '../test/axe';
import { setNarrowWindow } from '../test/media';
import { DataTable, sortRows, type Column } from './DataTable';

interface Person {
  id: string;
  name: string;
  calls: number;
}

const COLUMNS: Column<Person>[] = [
  { id: 'name', header: 'Name', width: '1fr', cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'calls', header: 'Calls', width: '80px', cell: (row) => row.calls, sortValue: (row) => row.calls, align: 'end' },
  { id: 'id', header: 'Id', width: '80px', cell: (row) => row.id },
];

const PEOPLE: Person[] = Array.from({ length: 10_000 }, (_, index) => ({
  id: `p${index}`,
  name: `Person ${String(10_000 - index).padStart(5, '0')}`,
  calls: (index * 37) % 101,
}));

// jsdom does no layout: give the scroll container a viewport so the virtualizer renders rows.
let restore: (() => void) | undefined;
beforeEach(() => {
  const height = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const width = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  restore = () => {
    if (height) Object.defineProperty(HTMLElement.prototype, 'clientHeight', height);
    if (width) Object.defineProperty(HTMLElement.prototype, 'clientWidth', width);
  };
});
afterEach(() => restore?.());

function bodyRows() {
  return screen.getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1');
}

/** Rows measure `height(index)` while `body` runs; jsdom, doing no layout, measures everything 0. */
async function withRowHeights(height: (index: number) => number, body: () => Promise<void> | void) {
  const offsetHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight');
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      const index = this.dataset['index'];
      return index === undefined ? 0 : height(Number(index));
    },
  });
  try {
    await body();
  } finally {
    if (offsetHeight) Object.defineProperty(HTMLElement.prototype, 'offsetHeight', offsetHeight);
  }
}

async function pageDownFromTheFirstRow() {
  const user = userEvent.setup();
  render(<DataTable label="People" columns={COLUMNS} rows={PEOPLE} rowKey={(row) => row.id} />);
  await user.tab(); // the Name sort button
  await user.tab(); // the Calls sort button
  await user.tab(); // the first row
  await user.keyboard('{PageDown}');
  return document.activeElement;
}

describe('DataTable', () => {
  it('renders only the rows in view out of 10,000, and says how many there are', () => {
    render(<DataTable label="People" columns={COLUMNS} rows={PEOPLE} rowKey={(row) => row.id} />);

    const grid = screen.getByRole('grid', { name: 'People' });
    expect(grid).toHaveAttribute('aria-rowcount', '10001');
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveTextContent('Person 10000');
  });

  it('places each row under the one before by its measured height, as when cells wrap at a large text size', async () => {
    // The first row wraps onto three lines; the third measures 0, as an element not laid out.
    await withRowHeights(
      (index) => (index === 0 ? 96 : index === 1 ? 40 : 0),
      () => {
        // A wide window: every row is 40 px, whatever it would measure.
        render(<DataTable label="People" columns={COLUMNS} rows={PEOPLE} rowKey={(row) => row.id} />);
        expect(bodyRows()[1]?.style.transform).toBe('translateY(40px)');

        act(() => setNarrowWindow(true));
        const [first, second, third, fourth] = bodyRows();
        expect(first?.style.transform).toBe('translateY(0px)');
        expect(second?.style.transform).toBe('translateY(96px)');
        expect(third?.style.transform).toBe('translateY(136px)');
        // A row that measures nothing keeps the usual 40 px.
        expect(fourth?.style.transform).toBe('translateY(176px)');

        // Wide again: the heights measured in the narrow layout go.
        act(() => setNarrowWindow(false));
        expect(bodyRows()[1]?.style.transform).toBe('translateY(40px)');
      },
    );
  });

  it('sorts by a column, then reverses', async () => {
    const user = userEvent.setup();
    render(<DataTable label="People" columns={COLUMNS} rows={PEOPLE} rowKey={(row) => row.id} />);

    const header = screen.getByRole('columnheader', { name: 'Name' });
    expect(header).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('columnheader', { name: 'Id' })).not.toHaveAttribute('aria-sort');

    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyRows()[0]).toHaveTextContent('Person 00001');

    await user.click(within(header).getByRole('button'));
    expect(header).toHaveAttribute('aria-sort', 'descending');
    expect(bodyRows()[0]).toHaveTextContent('Person 10000');
  });

  it('moves with the arrow keys and opens with Enter', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<DataTable label="People" columns={COLUMNS} rows={PEOPLE} rowKey={(row) => row.id} onOpen={onOpen} />);

    await user.tab(); // the Name sort button
    await user.tab(); // the Calls sort button
    await user.tab(); // the first row: the only row in the tab order
    expect(document.activeElement).toHaveAttribute('aria-rowindex', '2');

    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(document.activeElement).toHaveAttribute('aria-rowindex', '3');

    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledWith(PEOPLE[1]);

    await user.click(bodyRows()[4] as HTMLElement);
    expect(onOpen).toHaveBeenLastCalledWith(PEOPLE[4]);
  });

  it('moves a page at a time by the rows in view, fewer when they wrap onto more lines', async () => {
    // 400 px hold ten 40 px rows: a page moves nine.
    await withRowHeights(
      () => 40,
      async () => {
        expect(await pageDownFromTheFirstRow()).toHaveAttribute('aria-rowindex', '11');
      },
    );
    cleanup();
    // In a narrow window they hold five 80 px rows: a page moves four.
    setNarrowWindow(true);
    await withRowHeights(
      () => 80,
      async () => {
        expect(await pageDownFromTheFirstRow()).toHaveAttribute('aria-rowindex', '6');
      },
    );
  });

  it('shows skeleton rows while loading and the empty state when there is nothing', () => {
    const { rerender } = render(
      <DataTable label="People" columns={COLUMNS} rows={[]} rowKey={(row) => row.id} loading empty="No people yet" />,
    );
    expect(screen.getByRole('grid')).toHaveAttribute('aria-busy', 'true');
    expect(screen.queryByText('No people yet')).not.toBeInTheDocument();

    rerender(<DataTable label="People" columns={COLUMNS} rows={[]} rowKey={(row) => row.id} empty="No people yet" />);
    expect(screen.getByRole('grid')).not.toHaveAttribute('aria-busy');
    expect(screen.getByText('No people yet')).toBeInTheDocument();
  });

  it('has no accessibility violations', async () => {
    render(<DataTable label="People" columns={COLUMNS} rows={PEOPLE.slice(0, 20)} rowKey={(row) => row.id} />);
    // Rendered on its own, outside any landmark.
    expect(await accessibilityViolations({ ignore: ['region'] })).toEqual([]);
  });
});

describe('sortRows', () => {
  const rows = [
    { id: 'a', name: 'item 10', calls: 2 },
    { id: 'b', name: 'Item 9', calls: 2 },
    { id: 'c', name: 'item 100', calls: 1 },
  ];

  it('compares text naturally and case-insensitively', () => {
    const sorted = sortRows(rows, COLUMNS, { column: 'name', direction: 'ascending' });
    expect(sorted.map((row) => row.id)).toEqual(['b', 'a', 'c']);
  });

  it('keeps the original order for equal values', () => {
    const sorted = sortRows(rows, COLUMNS, { column: 'calls', direction: 'descending' });
    expect(sorted.map((row) => row.id)).toEqual(['a', 'b', 'c']);
  });

  it('leaves rows alone without a sort or for a column that cannot sort', () => {
    expect(sortRows(rows, COLUMNS, null)).toEqual(rows);
    expect(sortRows(rows, COLUMNS, { column: 'id', direction: 'ascending' })).toEqual(rows);
  });
});
