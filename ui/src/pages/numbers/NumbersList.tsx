// Admin → Phone numbers: every number of the account in one table. An account holds hundreds of numbers,
// not tens of thousands, so the whole list is read once (data/numbers.ts) and searched, filtered, sorted
// and counted here, as you type. `/` focuses the search and ↓ goes on to the rows; a row (click or Enter)
// opens the number's sheet, where it is assigned, shared and labelled.
import { Hash, SearchX } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';

import type { NumbersShown } from '../../app/navigation';
import { Avatar } from '../../components/Avatar';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { LoadAlert, LoadError } from '../../components/LoadError';
import { ListSearch, Toolbar, ToolbarCount } from '../../components/Toolbar';
import { SegmentedControl, type SegmentedOption } from '../../components/SegmentedControl';
import { useNumbers } from '../../data/numbers';
import { countryName, formatPhone } from '../../format/phone';
import type { PhoneNumber } from '../../platform';
import { count, KIND_LABELS, principalName } from './labels';
import { CountryFlag, SharingBadge } from './parts';
import { NumberSheet } from './NumberSheet';
import './numbers.css';

const HELD_OPTIONS: readonly SegmentedOption<NumbersShown>[] = [
  { value: 'all', label: 'All' },
  { value: 'assigned', label: 'Assigned' },
  { value: 'reserve', label: 'In reserve' },
];

/** Everything a search matches in a number: its digits (however typed), label, country and who holds it. */
function matches(number: PhoneNumber, search: string): boolean {
  const q = search.toLowerCase();
  if (q === '') return true;
  const digits = q.replace(/[\s().+-]/gu, '');
  const text = [
    number.label,
    number.country,
    countryName(number.country),
    shown(number.e164),
    ...number.assignees.flatMap((assignee) => [assignee.name ?? '', assignee.email]),
  ]
    .join('\n')
    .toLowerCase();
  return text.includes(q) || (/^\d+$/u.test(digits) && number.e164.includes(digits));
}

const formatted = new Map<string, string>();

/**
 * The number as shown, parsed once per number: sorting and searching ask for it many times. Sorting by it
 * (rather than by the E.164 digits, which the table compares as one big integer) keeps a country's numbers
 * together, in the order people read them.
 */
function shown(e164: string): string {
  let text = formatted.get(e164);
  if (text === undefined) {
    text = formatPhone(e164);
    formatted.set(e164, text);
  }
  return text;
}

function held(number: PhoneNumber, filter: NumbersShown): boolean {
  if (filter === 'assigned') return number.assignees.length > 0;
  if (filter === 'reserve') return number.assignees.length === 0;
  return true;
}

function Assignees({ number }: { number: PhoneNumber }) {
  if (number.assignees.length === 0) {
    return <span className="numbers-cell-text numbers-muted">Unassigned — held in reserve</span>;
  }
  const names = number.assignees.map(principalName);
  return (
    <span className="numbers-assignees" title={names.join(', ')}>
      <span className="numbers-avatars">
        {number.assignees.slice(0, 3).map((assignee) => (
          <Avatar key={assignee.id} name={principalName(assignee)} size={20} />
        ))}
      </span>
      <span className="numbers-cell-text">{names.join(', ')}</span>
    </span>
  );
}

const COLUMNS: Column<PhoneNumber>[] = [
  {
    id: 'number',
    header: 'Number',
    width: 'minmax(150px, 1.3fr)',
    sortValue: (number) => shown(number.e164),
    cell: (number) => <span className="numbers-cell-text numbers-e164 tabular">{shown(number.e164)}</span>,
  },
  {
    id: 'label',
    header: 'Label',
    width: 'minmax(100px, 1.2fr)',
    sortValue: (number) => number.label,
    cell: (number) =>
      number.label === '' ? (
        <span className="numbers-muted">—</span>
      ) : (
        <span className="numbers-cell-text">{number.label}</span>
      ),
  },
  {
    id: 'country',
    header: 'Country',
    width: '84px',
    sortValue: (number) => number.country,
    cell: (number) => <CountryFlag country={number.country} />,
  },
  {
    id: 'kind',
    header: 'Type',
    width: '96px',
    sortValue: (number) => KIND_LABELS[number.kind],
    cell: (number) => <span className="numbers-cell-text">{KIND_LABELS[number.kind]}</span>,
  },
  {
    id: 'sharing',
    header: 'Sharing',
    width: '84px',
    sortValue: (number) => number.sharing,
    cell: (number) => <SharingBadge sharing={number.sharing} />,
  },
  {
    id: 'assignees',
    header: 'Assigned to',
    width: 'minmax(160px, 2fr)',
    // Numbers in reserve sort together, after (or, descending, before) the assigned ones.
    sortValue: (number) => (number.assignees[0] === undefined ? '\uffff' : principalName(number.assignees[0])),
    cell: (number) => <Assignees number={number} />,
  },
];

/** `opened`: the number whose sheet is open; `shown`: which numbers are listed. The route holds both (NumbersPage). */
export function NumbersList({
  opened: openedId,
  onOpenedChange,
  shown: filter,
  onShownChange: setFilter,
}: {
  opened: string | null;
  onOpenedChange: (id: string | null) => void;
  shown: NumbersShown;
  onShownChange: (shown: NumbersShown) => void;
}) {
  const numbers = useNumbers();
  const [search, setSearch] = useState('');
  const tableArea = useRef<HTMLDivElement>(null);

  const all = numbers.data;
  const q = search.trim();
  const rows = useMemo(
    () => (all ?? []).filter((number) => held(number, filter) && matches(number, q)),
    [all, filter, q],
  );
  // The sheet follows the list: after a change the row it was opened from is read again.
  const opened = openedId === null ? null : (all?.find((number) => number.id === openedId) ?? null);
  const filtered = q !== '' || filter !== 'all';
  const clearFilters = () => {
    setSearch('');
    setFilter('all');
  };

  let summary = '';
  if (all !== undefined) {
    summary = filtered ? `${rows.length.toLocaleString()} of ${count(all.length, 'number', 'numbers')}` : count(all.length, 'number', 'numbers');
  } else if (numbers.isPending) {
    summary = 'Loading numbers…';
  }

  const firstLoadError = numbers.isError && all === undefined;
  const refreshError = numbers.isError && all !== undefined;

  let empty;
  if (q !== '') {
    empty = (
      <EmptyState
        icon={SearchX}
        title="No numbers match"
        action={
          <button type="button" className="btn btn-secondary" onClick={clearFilters}>
            Clear search and filter
          </button>
        }
      >
        No number, label, country or person matches “{q}”{filter === 'all' ? '' : ` among the ${filter === 'assigned' ? 'assigned numbers' : 'numbers in reserve'}`}.
      </EmptyState>
    );
  } else if (filter === 'reserve') {
    empty = (
      <EmptyState
        icon={Hash}
        title="No numbers in reserve"
        action={
          <button type="button" className="btn btn-secondary" onClick={clearFilters}>
            Show all numbers
          </button>
        }
      >
        Every number on the account is assigned to someone.
      </EmptyState>
    );
  } else if (filter === 'assigned') {
    empty = (
      <EmptyState
        icon={Hash}
        title="No numbers assigned yet"
        action={
          <button type="button" className="btn btn-secondary" onClick={() => setFilter('reserve')}>
            Show numbers in reserve
          </button>
        }
      >
        Open a number held in reserve to assign it to someone.
      </EmptyState>
    );
  } else {
    empty = (
      <EmptyState icon={Hash} title="No phone numbers yet">
        The numbers your phone system provides for this account appear here, ready to assign to your team.
      </EmptyState>
    );
  }

  return (
    <div className="numbers-list">
      <Toolbar label="Phone numbers">
        <ListSearch
          label="Search numbers"
          placeholder="Search number, label or person…"
          value={search}
          onChange={setSearch}
          rows={tableArea}
        />
        <SegmentedControl aria-label="Show" value={filter} options={HELD_OPTIONS} onValueChange={setFilter} size="sm" />
        <ToolbarCount testId="number-count">{summary}</ToolbarCount>
      </Toolbar>

      {refreshError && (
        <LoadAlert onRetry={() => void numbers.refetch()}>
          Showing the numbers as they were last loaded: {numbers.error.message}
        </LoadAlert>
      )}

      <div className="numbers-table" ref={tableArea}>
        {firstLoadError ? (
          <div className="numbers-table-message">
            <LoadError what="the phone numbers" error={numbers.error} onRetry={() => void numbers.refetch()} />
          </div>
        ) : (
          <DataTable
            label="Phone numbers"
            columns={COLUMNS}
            rows={rows}
            rowKey={(number) => number.id}
            rowTestId="number-row"
            initialSort={{ column: 'number', direction: 'ascending' }}
            loading={numbers.isPending}
            onOpen={(number) => onOpenedChange(number.id)}
            empty={empty}
          />
        )}
      </div>

      <NumberSheet
        number={opened}
        onOpenChange={(open) => {
          if (!open) onOpenedChange(null);
        }}
      />
    </div>
  );
}
