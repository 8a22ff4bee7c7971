// Admin → Members → Groups: every group (teams have tens, so the whole list is read once and searched and
// sorted here), with how many people each holds. "New group" creates one and opens it to add people; a
// row (click or Enter) opens the group's sheet. `/` focuses the search, ↓ goes on to the rows.
import { Plus, SearchX, UsersRound } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';

import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { LoadAlert, LoadError } from '../../components/LoadError';
import { ListSearch, Toolbar, ToolbarCount } from '../../components/Toolbar';
import { useGroups } from '../../data/groups';
import type { Group } from '../../platform';
import { GroupSheet } from './GroupSheet';
import { NewGroupDialog } from './NewGroupDialog';
import { count, headcount } from './words';
import './groups.css';

const COLUMNS: Column<Group>[] = [
  {
    id: 'name',
    header: 'Name',
    width: 'minmax(160px, 2fr)',
    sortValue: (group) => group.name,
    cell: (group) => <span className="group-name">{group.name}</span>,
  },
  {
    id: 'description',
    header: 'Description',
    width: 'minmax(160px, 3fr)',
    cell: (group) =>
      group.description === '' ? (
        <span className="group-muted">—</span>
      ) : (
        <span className="group-muted" title={group.description}>
          {group.description}
        </span>
      ),
  },
  {
    id: 'people',
    header: 'Members',
    width: '160px',
    align: 'end',
    sortValue: (group) => group.members.length,
    cell: (group) => {
      const { members, invited } = headcount(group);
      return (
        <span className="tabular" data-testid="group-member-count">
          {members.toLocaleString()}
          {invited > 0 && <span className="group-muted"> + {invited.toLocaleString()} invited</span>}
        </span>
      );
    },
  },
];

/**
 * `opened`: the group whose sheet is open; `creating`: the New group dialog is open. The route holds both
 * (see MembersPage).
 */
export function GroupsList({
  opened,
  onOpenedChange,
  creating,
  onCreatingChange,
}: {
  opened: string | null;
  onOpenedChange: (id: string | null) => void;
  creating: boolean;
  onCreatingChange: (creating: boolean) => void;
}) {
  const groups = useGroups();
  const [search, setSearch] = useState('');
  const tableArea = useRef<HTMLDivElement>(null);

  const all = groups.data;
  const needle = search.trim().toLowerCase();
  const rows = useMemo(
    () => (all ?? []).filter((group) => needle === '' || group.name.toLowerCase().includes(needle)),
    [all, needle],
  );

  let summary = '';
  if (all !== undefined) summary = needle === '' ? count(all.length, 'group', 'groups') : count(rows.length, 'match', 'matches');
  else if (groups.isPending) summary = 'Loading groups…';

  const newGroupButton = (
    <button type="button" className="btn btn-primary" onClick={() => onCreatingChange(true)}>
      <Plus size={14} aria-hidden="true" />
      New group
    </button>
  );

  return (
    <div className="groups-list">
      <Toolbar label="Groups">
        <ListSearch
          label="Search groups"
          placeholder="Search groups…"
          value={search}
          onChange={setSearch}
          rows={tableArea}
        />
        <ToolbarCount testId="group-count">{summary}</ToolbarCount>
        {newGroupButton}
      </Toolbar>

      {groups.isError && all !== undefined && (
        <LoadAlert onRetry={() => void groups.refetch()}>Showing the groups as they were: {groups.error.message}</LoadAlert>
      )}

      <div className="groups-table" ref={tableArea}>
        {groups.isError && all === undefined ? (
          <LoadError what="the groups" error={groups.error} onRetry={() => void groups.refetch()} />
        ) : (
          <DataTable
            label="Groups"
            columns={COLUMNS}
            rows={rows}
            rowKey={(group) => group.id}
            rowTestId="group-row"
            initialSort={{ column: 'name', direction: 'ascending' }}
            loading={groups.isPending}
            onOpen={(group) => onOpenedChange(group.id)}
            empty={
              needle === '' ? (
                <EmptyState icon={UsersRound} title="No groups yet" action={newGroupButton}>
                  Groups organise your team for call flows and analytics — start with one, then add people.
                </EmptyState>
              ) : (
                <EmptyState
                  icon={SearchX}
                  title="No groups match"
                  action={
                    <button type="button" className="btn btn-secondary" onClick={() => setSearch('')}>
                      Clear search
                    </button>
                  }
                >
                  No group’s name contains “{search.trim()}”.
                </EmptyState>
              )
            }
          />
        )}
      </div>

      <NewGroupDialog
        open={creating}
        onOpenChange={onCreatingChange}
        onCreated={(group) => {
          // The next step for a new group is adding people, which its sheet offers (opening it closes this).
          onOpenedChange(group.id);
        }}
      />
      <GroupSheet
        id={opened}
        row={all?.find((group) => group.id === opened)}
        onOpenChange={(open) => {
          if (!open) onOpenedChange(null);
        }}
      />
    </div>
  );
}
