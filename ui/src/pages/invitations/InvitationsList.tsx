// Admin → Members → Invitations: every invitation of the team in the table the Members tab has — email,
// role, status, who invited them, when it was sent and when it expires — with the open workspace's
// invites still in the outbox first (Queued, or Needs attention when the server refused one), so an
// invite shows the moment it is made, online or not. The list is read whole (a team has hundreds of
// invitations, not tens of thousands) and searched and filtered here, as you type. A row opens its sheet.
import { Mail, SearchX, UserPlus } from 'lucide-react';
import { useMemo, useRef, useState } from 'react';

import { useNavigation } from '../../app/navigation';
import { useSession } from '../../app/session';
import { DataTable, type Column } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { LoadAlert, LoadError } from '../../components/LoadError';
import { ListSearch, Toolbar, ToolbarCount } from '../../components/Toolbar';
import { useConfiguration } from '../../data/configuration';
import { useInvitations } from '../../data/invitations';
import { useOutboxEntries } from '../../data/outbox';
import { hasCode, type Role } from '../../platform';
import { RoleBadge } from '../members/badges';
import { count, ROLES } from '../members/labels';
import { InvitationStateBadge, InviterName } from './parts';
import { InvitationSheet } from './InvitationSheet';
import { formatDay, formatMoment, invitationRows, isState, matches, STATE_LABELS, STATES, type InvitationRow, type InvitationState } from './rows';
import './invitations.css';

/**
 * An invite still on this computer has the role it names, or the team's default once the server takes it
 * (named when the configuration could be read).
 */
function RoleCell({ row, defaultRole }: { row: InvitationRow; defaultRole: Role | undefined }) {
  const role = row.role ?? defaultRole;
  return role === undefined ? <span className="cell-muted">Team’s default role</span> : <RoleBadge role={role} />;
}

function columns(me: string, defaultRole: Role | undefined): Column<InvitationRow>[] {
  return [
    {
      id: 'email',
      header: 'Email',
      width: 'minmax(160px, 3fr)',
      sortValue: (row) => row.email,
      cell: (row) => <span className="cell-text invitation-email">{row.email}</span>,
    },
    {
      id: 'role',
      header: 'Role',
      width: '80px',
      sortValue: (row) => ROLES.indexOf(row.role ?? defaultRole ?? 'member'),
      cell: (row) => <RoleCell row={row} defaultRole={defaultRole} />,
    },
    {
      id: 'status',
      header: 'Status',
      width: '132px',
      sortValue: (row) => STATES.indexOf(row.state),
      cell: (row) => <InvitationStateBadge state={row.state} />,
    },
    {
      id: 'invited-by',
      header: 'Invited by',
      width: 'minmax(100px, 1.5fr)',
      cell: (row) => {
        // What waits in the outbox was queued here, by whoever is signed in.
        if (row.kind === 'outbox') return <span className="cell-text">{me}</span>;
        const inviter = row.invitation.invited_by;
        return inviter === null ? <span className="cell-muted">—</span> : <InviterName id={inviter} className="cell-text" />;
      },
    },
    {
      id: 'sent',
      header: 'Sent',
      width: '112px',
      sortValue: (row) => (row.kind === 'sent' ? Date.parse(row.invitation.created_at) : Number.MAX_SAFE_INTEGER),
      cell: (row) =>
        row.kind === 'sent' ? (
          <span className="cell-text tabular" title={formatMoment(row.invitation.created_at)}>
            {formatDay(row.invitation.created_at)}
          </span>
        ) : (
          <span className="cell-muted">Not yet</span>
        ),
    },
    {
      id: 'expires',
      header: 'Expires',
      width: '112px',
      sortValue: (row) => (row.kind === 'sent' ? Date.parse(row.invitation.expires_at) : Number.MAX_SAFE_INTEGER),
      cell: (row) =>
        // Only an open invitation's expiry means anything; a used or revoked link never works again.
        row.kind === 'sent' && (row.state === 'pending' || row.state === 'expired') ? (
          <span
            className={`cell-text tabular${row.state === 'expired' ? ' cell-muted' : ''}`}
            title={formatMoment(row.invitation.expires_at)}
          >
            {formatDay(row.invitation.expires_at)}
          </span>
        ) : (
          <span className="cell-muted">—</span>
        ),
    },
  ];
}

/** `opened`: the invitation (or outbox entry) whose sheet is open; the route holds it (see MembersPage). */
export function InvitationsList({
  opened,
  onOpenedChange,
}: {
  opened: string | null;
  onOpenedChange: (id: string | null) => void;
}) {
  const { user } = useSession();
  const { navigate } = useNavigation();
  const invitations = useInvitations();
  const outbox = useOutboxEntries();
  const configuration = useConfiguration();
  const [search, setSearch] = useState('');
  const [state, setState] = useState<InvitationState | null>(null);
  const tableArea = useRef<HTMLDivElement>(null);

  const all = useMemo(() => invitationRows(invitations.data, outbox.data), [invitations.data, outbox.data]);
  const rows = useMemo(() => all.filter((row) => matches(row, search, state)), [all, search, state]);
  const defaultRole = configuration.data?.value.default_role;
  const table = useMemo(() => columns(user.name, defaultRole), [user.name, defaultRole]);

  const loading = invitations.isPending || outbox.isPending;
  // The server's list failing (offline, say) still leaves what waits on this computer to show.
  const failed = outbox.error === null ? null : invitations.error;
  const nothing = failed !== null;
  const filtered = search.trim() !== '' || state !== null;
  const clearFilters = () => {
    setSearch('');
    setState(null);
  };

  let summary = '';
  if (loading) summary = 'Loading invitations…';
  else if (!nothing) summary = filtered ? count(rows.length, 'match', 'matches') : count(all.length, 'invitation', 'invitations');

  const retry = () => {
    void invitations.refetch();
    void outbox.refetch();
  };

  return (
    <div className="members-list">
      <Toolbar label="Invitations">
        <ListSearch
          label="Search invitations"
          placeholder="Search email…"
          value={search}
          onChange={setSearch}
          rows={tableArea}
        />
        <label className="filter">
          <span className="visually-hidden">Status</span>
          <select
            className="input select"
            value={state ?? ''}
            onChange={(event) => setState(isState(event.target.value) ? event.target.value : null)}
          >
            <option value="">Any status</option>
            {STATES.map((value) => (
              <option key={value} value={value}>
                {STATE_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <ToolbarCount testId="invitation-count">{summary}</ToolbarCount>
      </Toolbar>

      {!nothing && invitations.error !== null && (
        <LoadAlert onRetry={retry}>
          {invitations.data === undefined
            ? hasCode(invitations.error, 'offline')
              ? 'Offline — only the invites waiting on this computer are shown until the server can be reached.'
              : `Only the invites waiting on this computer are shown — the server’s list didn’t load. ${invitations.error.message}`
            : `Couldn’t bring the list up to date, so it may be out of date: ${invitations.error.message}`}
        </LoadAlert>
      )}
      {!nothing && outbox.error !== null && (
        <LoadAlert onRetry={retry}>Couldn’t read the invites waiting on this computer: {outbox.error.message}</LoadAlert>
      )}

      <div className="members-table" ref={tableArea}>
        {failed !== null ? (
          <div className="table-empty">
            <LoadError what="the invitations" error={failed} onRetry={retry} />
          </div>
        ) : (
          <DataTable
            label="Invitations"
            columns={table}
            rows={rows}
            rowKey={(row) => row.id}
            rowTestId="invitation-row"
            loading={loading}
            onOpen={(row) => onOpenedChange(row.id)}
            empty={
              filtered ? (
                <EmptyState
                  icon={SearchX}
                  title="No invitations match"
                  action={
                    <button type="button" className="btn btn-secondary" onClick={clearFilters}>
                      Clear search and filters
                    </button>
                  }
                >
                  {search.trim() === ''
                    ? `No invitation is ${STATE_LABELS[state ?? 'pending'].toLowerCase()}.`
                    : `No invitation matches “${search.trim()}”.`}
                </EmptyState>
              ) : (
                <EmptyState
                  icon={Mail}
                  title="No invitations yet"
                  action={
                    <button
                      type="button"
                      className="btn btn-primary"
                      onClick={() => navigate({ page: 'members', tab: 'invitations', invite: true })}
                    >
                      <UserPlus size={14} aria-hidden="true" />
                      Invite People
                    </button>
                  }
                >
                  What you send — and anything queued while you’re offline — is listed here.
                </EmptyState>
              )
            }
          />
        )}
      </div>

      <InvitationSheet
        id={opened}
        row={all.find((row) => row.id === opened)}
        ready={!loading}
        onOpenChange={(open) => {
          if (!open) onOpenedChange(null);
        }}
        onOpenOther={onOpenedChange}
      />
    </div>
  );
}
