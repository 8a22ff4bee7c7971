// Admin → Members → Members: the team in the virtualized table. The server searches, filters, sorts and
// counts; the table reads a window (100 rows) at a time as it scrolls, so 10,000 members cost what the
// rows in view do. Search (debounced 100 ms; `/` focuses it, ↓ goes on to the rows) is sent as `q`; while
// the server answers, the rows already loaded are filtered at once. A row (click or Enter) opens the
// member's profile in a sheet.
import { SearchX, UserPlus, Users } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';

import { MemberAvatar } from '../../app/MemberAvatar';
import { useNavigation } from '../../app/navigation';
import { useDebounced } from '../../app/useDebounced';
import { DataTable, type Column, type SortState } from '../../components/DataTable';
import { Chip } from '../../components/Chip';
import { EmptyState } from '../../components/EmptyState';
import { LoadAlert, LoadError } from '../../components/LoadError';
import { ListSearch, Toolbar, ToolbarCount } from '../../components/Toolbar';
import { useMemberList } from '../../data/members';
import type { Member, MemberSort, MemberStatus, Role } from '../../platform';
import { count, isRole, isStatus, ROLE_LABELS, ROLES, STATUS_LABELS, STATUSES } from './labels';
import { RoleBadge, StatusBadge } from './badges';
import { MemberSheet } from './MemberSheet';
import './members.css';

const SEARCH_DELAY_MS = 100;

/** The columns the server can sort by, and the order it sorts in. */
const SORTABLE: Record<string, MemberSort> = { name: 'name', email: 'email', role: 'role' };
const DEFAULT_SORT: SortState = { column: 'name', direction: 'ascending' };


/** What the server matches, for filtering rows already loaded while it answers. */
function matchesLocally(member: Member, search: string, role: Role | null, status: MemberStatus | null): boolean {
  if (role !== null && member.role !== role) return false;
  if (status !== null && member.status !== status) return false;
  const q = search.toLowerCase();
  if (q === '') return true;
  const digits = q.replace(/[\s()-]/gu, '');
  return (
    member.name.toLowerCase().includes(q) ||
    member.email.toLowerCase().includes(q) ||
    (digits !== '' && member.numbers.some((number) => number.e164.includes(digits)))
  );
}

const COLUMNS: Column<Member>[] = [
  {
    id: 'name',
    header: 'Name',
    width: 'minmax(140px, 2fr)',
    sortValue: (member) => member.name,
    cell: (member) => (
      <span className="member-name">
        <MemberAvatar member={member} />
        <span className="cell-text">{member.name}</span>
      </span>
    ),
  },
  {
    id: 'email',
    header: 'Email',
    width: 'minmax(120px, 2fr)',
    sortValue: (member) => member.email,
    cell: (member) => <span className="cell-text cell-muted">{member.email}</span>,
  },
  {
    id: 'role',
    header: 'Role',
    width: '72px',
    sortValue: (member) => ROLES.indexOf(member.role),
    cell: (member) => <RoleBadge role={member.role} />,
  },
  {
    id: 'status',
    header: 'Status',
    width: '96px',
    cell: (member) => <StatusBadge status={member.status} />,
  },
  {
    id: 'numbers',
    header: 'Numbers',
    width: 'minmax(112px, 1fr)',
    cell: (member) => {
      const [first, ...rest] = member.numbers;
      if (first === undefined) return <span className="cell-muted">—</span>;
      return (
        <span className="cell-text tabular">
          {first.e164}
          {rest.length > 0 && <span className="cell-muted"> +{rest.length}</span>}
        </span>
      );
    },
  },
  {
    id: 'groups',
    header: 'Groups',
    width: 'minmax(80px, 1.5fr)',
    cell: (member) => (
      <span className="chips">
        {member.groups.slice(0, 2).map((group) => (
          <Chip key={group.id}>{group.name}</Chip>
        ))}
        {member.groups.length > 2 && (
          <Chip tone="muted" title={member.groups.slice(2).map((group) => group.name).join(', ')}>
            +{member.groups.length - 2}
          </Chip>
        )}
      </span>
    ),
  },
];


/** `opened`: the member whose profile is open (the route holds it, see MembersPage). */
export function MembersList({
  opened,
  onOpenedChange,
}: {
  opened: string | null;
  onOpenedChange: (id: string | null) => void;
}) {
  const { navigate } = useNavigation();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<MemberStatus | null>(null);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const tableArea = useRef<HTMLDivElement>(null);
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);

  const members = useMemberList({
    q,
    role,
    status,
    groupId: null,
    sort: SORTABLE[sort.column] ?? 'name',
    order: sort.direction === 'ascending' ? 'asc' : 'desc',
  });


  const { rows: loaded, total, isPlaceholderData } = members;
  const pendingSearch = search.trim() !== q || isPlaceholderData;
  const rows = useMemo(
    () => (pendingSearch ? loaded.filter((member) => matchesLocally(member, search.trim(), role, status)) : loaded),
    [loaded, pendingSearch, search, role, status],
  );
  const filtered = q !== '' || role !== null || status !== null;
  const clearFilters = () => {
    setSearch('');
    setRole(null);
    setStatus(null);
  };

  let summary: string;
  if (pendingSearch) summary = 'Searching…';
  else if (total !== null) summary = filtered ? count(total, 'match', 'matches') : count(total, 'member', 'members');
  else summary = members.error === null ? 'Loading members…' : '';

  const firstLoadError = members.error !== null && loaded.length === 0;
  const windowError = members.isWindowError;

  return (
    <div className="members-list">
      <Toolbar label="Members">
        <ListSearch
          label="Search members"
          placeholder="Search name, email, number…"
          value={search}
          onChange={setSearch}
          rows={tableArea}
        />
        <label className="filter">
          <span className="visually-hidden">Role</span>
          <select
            className="input select"
            value={role ?? ''}
            onChange={(event) => setRole(isRole(event.target.value) ? event.target.value : null)}
          >
            <option value="">All roles</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="filter">
          <span className="visually-hidden">Status</span>
          <select
            className="input select"
            value={status ?? ''}
            onChange={(event) => setStatus(isStatus(event.target.value) ? event.target.value : null)}
          >
            <option value="">Any status</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <ToolbarCount testId="member-count">{summary}</ToolbarCount>
      </Toolbar>

      {members.isRefreshError && (
        <LoadAlert onRetry={members.retry}>
          Couldn’t bring the list up to date, so it may be out of date: {members.error?.message}
        </LoadAlert>
      )}
      {windowError && (
        <LoadAlert onRetry={members.retry} retryLabel="Load the rest">
          Only {count(loaded.length, 'member is', 'members are')} shown: {members.error?.message}
        </LoadAlert>
      )}

      <div className="members-table" ref={tableArea}>
        {firstLoadError && members.error !== null ? (
          <div className="table-empty">
            <LoadError what="the members" error={members.error} onRetry={members.retry} />
          </div>
        ) : (
          <DataTable
            label="Members"
            columns={COLUMNS}
            rows={rows}
            rowCount={pendingSearch ? rows.length : (total ?? rows.length)}
            sort={sort}
            onSortChange={setSort}
            onVisibleEnd={members.showUpTo}
            resetKey={members.key}
            rowKey={(member) => member.id}
            rowTestId="member-row"
            loading={members.isPending}
            onOpen={(member) => onOpenedChange(member.id)}
            empty={
              filtered || search.trim() !== '' ? (
                <EmptyState
                  icon={SearchX}
                  title="No members match"
                  action={
                    <button type="button" className="btn btn-secondary" onClick={clearFilters}>
                      Clear search and filters
                    </button>
                  }
                >
                  {search.trim() === '' ? 'No one has that role and status.' : `No one matches “${search.trim()}”.`}
                </EmptyState>
              ) : (
                <EmptyState
                  icon={Users}
                  title="No members yet"
                  action={
                    <button
                      type="button"
                      className="btn btn-primary"
                      onClick={() => navigate({ page: 'members', tab: 'members', invite: true })}
                    >
                      <UserPlus size={14} aria-hidden="true" />
                      Invite People
                    </button>
                  }
                >
                  Invite the people on your team; they appear here once they accept.
                </EmptyState>
              )
            }
          />
        )}
      </div>

      <MemberSheet
        id={opened}
        row={loaded.find((member) => member.id === opened)}
        onOpenChange={(open) => {
          if (!open) onOpenedChange(null);
        }}
      />
    </div>
  );
}
