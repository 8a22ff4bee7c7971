// Directory: the team for everyone (members too) — who is who, their numbers and groups — read-only,
// searchable, sorted by name, read in windows like the Members list so it holds up at 10,000 people.
import { SearchX } from 'lucide-react';
import { useNavigation, type RouteOf } from '../app/navigation';
import { useDebounced } from '../app/useDebounced';
import { MemberAvatar } from '../app/MemberAvatar';
import { DataTable, type Column } from '../components/DataTable';
import { EmptyState } from '../components/EmptyState';
import { LoadError } from '../components/LoadError';
import { SearchBox, Toolbar, ToolbarCount } from '../components/Toolbar';
import { ALL_MEMBERS, useMemberList } from '../data/members';
import type { Member } from '../platform';
import { count } from './members/labels';
import { formatPhone } from '../format/phone';

const SEARCH_DELAY_MS = 100;

const COLUMNS: Column<Member>[] = [
  {
    id: 'name',
    header: 'Name',
    width: 'minmax(160px, 2fr)',
    cell: (member) => (
      <span className="directory-name">
        <MemberAvatar member={member} />
        <span className="cell-text">{member.name}</span>
      </span>
    ),
  },
  {
    id: 'email',
    header: 'Email',
    width: 'minmax(160px, 2fr)',
    cell: (member) => <span className="cell-text cell-muted selectable">{member.email}</span>,
  },
  {
    id: 'numbers',
    header: 'Numbers',
    width: 'minmax(140px, 1.5fr)',
    cell: (member) =>
      member.numbers.length === 0 ? (
        <span className="cell-muted">—</span>
      ) : (
        <span className="cell-text tabular selectable">{member.numbers.map((number) => formatPhone(number.e164)).join(', ')}</span>
      ),
  },
  {
    id: 'groups',
    header: 'Groups',
    width: 'minmax(120px, 1.5fr)',
    cell: (member) => <span className="cell-text cell-muted">{member.groups.map((group) => group.name).join(', ')}</span>,
  },
];

/** The search is the route's, so the command palette can open the directory at a person. */
export function DirectoryPage({ route }: { route: RouteOf<'directory'> }) {
  const { navigate } = useNavigation();
  const search = route.search ?? '';
  const q = useDebounced(search.trim(), SEARCH_DELAY_MS);
  // Deactivated people can't take calls, so the directory lists active members only.
  const people = useMemberList({ ...ALL_MEMBERS, q, status: 'active' });

  return (
    <div className="directory">
      <Toolbar label="Directory">
        <SearchBox
          label="Search the directory"
          placeholder="Search name, email, number…"
          value={search}
          onChange={(event) => navigate({ page: 'directory', search: event.target.value })}
        />
        <ToolbarCount testId="directory-count">
          {people.total === null ? '' : count(people.total, 'person', 'people')}
        </ToolbarCount>
      </Toolbar>
      <div className="directory-table">
        {people.error !== null && people.rows.length === 0 ? (
          <LoadError what="the directory" error={people.error} onRetry={people.retry} />
        ) : (
          <DataTable
            label="Directory"
            columns={COLUMNS}
            rows={people.rows}
            rowCount={people.total ?? people.rows.length}
            onVisibleEnd={people.showUpTo}
            resetKey={people.key}
            rowKey={(member) => member.id}
            rowTestId="directory-row"
            loading={people.isPending}
            empty={
              <EmptyState icon={SearchX} title="No one matches">
                {q === '' ? 'No active members yet.' : `No one matches “${q}”.`}
              </EmptyState>
            }
          />
        )}
      </div>
    </div>
  );
}
