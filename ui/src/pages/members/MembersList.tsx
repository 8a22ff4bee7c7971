// Admin → Members → Members: the team in the virtualized table, fed by `list_members` one page (100) at a
// time — every page is walked in the background, so sorting and the count cover the whole team. Search
// (debounced 100 ms; `/` focuses it, ↓ goes on to the rows) is sent as `q`; while the server answers, the
// rows already loaded are filtered at once. A row (click or Enter) opens the member's profile in a sheet.
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { AlertCircle, RotateCw, Search, SearchX, UserPlus, Users } from 'lucide-react';
import { useEffect, useMemo, useRef, useState } from 'react';

import { useNavigation } from '../../app/navigation';
import { useSession, workspaceKey } from '../../app/session';
import { Avatar } from '../../components/Avatar';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { usePlatform, type Member, type MemberStatus, type Role } from '../../platform';
import { count, isRole, isStatus, ROLE_LABELS, ROLES, STATUS_LABELS, STATUSES } from './labels';
import { RoleBadge, StatusBadge } from './badges';
import { MemberSheet } from './MemberSheet';
import './members.css';

export const PAGE_SIZE = 100;
const SEARCH_DELAY_MS = 100;

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

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
        <Avatar name={member.name} />
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
    sortValue: (member) => STATUSES.indexOf(member.status),
    cell: (member) => <StatusBadge status={member.status} />,
  },
  {
    id: 'numbers',
    header: 'Numbers',
    width: 'minmax(112px, 1fr)',
    sortValue: (member) => member.numbers[0]?.e164 ?? '',
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
          <span key={group.id} className="chip">
            {group.name}
          </span>
        ))}
        {member.groups.length > 2 && (
          <span className="chip chip-more" title={member.groups.slice(2).map((group) => group.name).join(', ')}>
            +{member.groups.length - 2}
          </span>
        )}
      </span>
    ),
  },
];

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

export function MembersList() {
  const platform = usePlatform();
  const { workspace } = useSession();
  const { navigate } = useNavigation();
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<MemberStatus | null>(null);
  const [opened, setOpened] = useState<Member | null>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const tableArea = useRef<HTMLDivElement>(null);
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);

  const members = useInfiniteQuery({
    queryKey: workspaceKey(workspace.id, 'members', { q, role, status }),
    queryFn: ({ pageParam }) =>
      platform.listMembers({ cursor: pageParam, limit: PAGE_SIZE, q: q === '' ? null : q, role, status, group_id: null }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    // While a new search is answered, the previous rows stay (filtered locally below).
    placeholderData: keepPreviousData,
  });

  // Walk the remaining pages, one at a time, unless a page failed. (The page count is a dependency because a
  // fast answer can come back before a render ever sees `isFetchingNextPage`.)
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, isPlaceholderData, fetchNextPage } = members;
  const pageCount = members.data?.pages.length ?? 0;
  useEffect(() => {
    if (pageCount > 0 && hasNextPage && !isFetchingNextPage && !isFetchNextPageError && !isPlaceholderData) {
      void fetchNextPage({ cancelRefetch: false });
    }
  }, [pageCount, hasNextPage, isFetchingNextPage, isFetchNextPageError, isPlaceholderData, fetchNextPage]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]') !== null) return;
      event.preventDefault();
      searchBox.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const loaded = useMemo(() => members.data?.pages.flatMap((page) => page.data) ?? [], [members.data]);
  const pendingSearch = search.trim() !== q || isPlaceholderData;
  const rows = useMemo(
    () => (pendingSearch ? loaded.filter((member) => matchesLocally(member, search.trim(), role, status)) : loaded),
    [loaded, pendingSearch, search, role, status],
  );
  const filtered = q !== '' || role !== null || status !== null;
  const complete = members.data !== undefined && !hasNextPage && !pendingSearch;
  const clearFilters = () => {
    setSearch('');
    setRole(null);
    setStatus(null);
  };

  let summary: string;
  if (members.data === undefined) summary = members.isError ? '' : 'Loading members…';
  else if (complete) summary = filtered ? count(rows.length, 'match', 'matches') : count(rows.length, 'member', 'members');
  else summary = `${rows.length.toLocaleString()} loaded…`;

  const firstLoadError = members.isError && members.data === undefined;

  return (
    <div className="members-list">
      <div className="toolbar" role="search" aria-label="Members">
        <label className="search-box">
          <Search size={14} aria-hidden="true" />
          <span className="visually-hidden">Search members</span>
          <input
            ref={searchBox}
            type="search"
            className="input search-input"
            placeholder="Search name, email, number…"
            aria-keyshortcuts="/"
            spellCheck={false}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && search !== '') {
                event.preventDefault();
                setSearch('');
              } else if (event.key === 'ArrowDown') {
                // From the search box into the list: the row the table would focus on Tab.
                const row = tableArea.current?.querySelector<HTMLElement>('[role="row"][tabindex="0"]');
                if (row) {
                  event.preventDefault();
                  row.focus();
                }
              }
            }}
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </label>
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
        <span className="toolbar-count tabular" data-testid="member-count" aria-live="polite">
          {summary}
        </span>
      </div>

      {members.isFetchNextPageError && (
        <div className="alert alert-danger members-alert" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>
            Only {count(loaded.length, 'member is', 'members are')} shown: {members.error.message}
          </p>
          <button type="button" className="btn btn-secondary" onClick={() => void fetchNextPage()}>
            <RotateCw size={14} aria-hidden="true" />
            Load the rest
          </button>
        </div>
      )}

      <div className="members-table" ref={tableArea}>
        {firstLoadError ? (
          <div className="table-empty">
            <EmptyState
              icon={AlertCircle}
              title="Couldn’t load the members"
              action={
                <button type="button" className="btn btn-secondary" onClick={() => void members.refetch()}>
                  <RotateCw size={14} aria-hidden="true" />
                  Try again
                </button>
              }
            >
              {members.error.message}
            </EmptyState>
          </div>
        ) : (
          <DataTable
            label="Members"
            columns={COLUMNS}
            rows={rows}
            rowKey={(member) => member.id}
            rowTestId="member-row"
            loading={members.isPending}
            onOpen={setOpened}
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
                      onClick={() => navigate({ page: 'members', tab: 'invitations' })}
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
        member={opened}
        onOpenChange={(open) => {
          if (!open) setOpened(null);
        }}
      />
    </div>
  );
}
