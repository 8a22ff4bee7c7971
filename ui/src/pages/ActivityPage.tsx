// Admin → Activity: the account's change history, newest first, in words ("Aroha Ngata changed Jordan
// Lee’s role from Member to Admin"). Filter by who made the change and since when; older events are read
// a page at a time as the list scrolls (or with "Show older").
import { AlertCircle, History, LoaderCircle } from 'lucide-react';
import { Fragment, useMemo, useState, type UIEvent } from 'react';

import { Chip } from '../components/Chip';
import { EmptyState } from '../components/EmptyState';
import { formatPhone } from '../format/phone';
import { ago, absoluteTime } from '../format/time';
import { LoadError } from '../components/LoadError';
import { Picker } from '../components/Picker';
import { Toolbar } from '../components/Toolbar';
import { useAuditEvents } from '../data/audit';
import { useGroup } from '../data/groups';
import { useInvitation } from '../data/invitations';
import { ALL_MEMBERS, useMember, useMemberList } from '../data/members';
import { useNumber } from '../data/numbers';
import type { AuditEvent } from '../platform';
import { describe, type Part } from './activity/describe';
import './activity/activity.css';

const PERIODS = [
  { id: 'any', label: 'Any time', hours: null },
  { id: 'day', label: 'Last 24 hours', hours: 24 },
  { id: 'week', label: 'Last 7 days', hours: 24 * 7 },
  { id: 'month', label: 'Last 30 days', hours: 24 * 30 },
] as const;
type PeriodId = (typeof PERIODS)[number]['id'];

/** Load the next page when the list is scrolled to within this many pixels of its end. */
const LOAD_MARGIN_PX = 200;

function MemberName({ id, fallback }: { id: string; fallback: string }) {
  const member = useMember(id);
  return <strong>{member.data?.value.name ?? fallback}</strong>;
}

function NumberName({ id, fallback }: { id: string; fallback: string }) {
  const number = useNumber(id);
  return <strong className="tabular">{formatPhone(number.data?.value.e164 ?? fallback)}</strong>;
}

function GroupName({ id, fallback }: { id: string; fallback: string }) {
  const group = useGroup(id);
  return <strong>{group.data?.value.name ?? fallback}</strong>;
}

function InvitationName({ id, fallback }: { id: string; fallback: string }) {
  const invitation = useInvitation(id);
  return <strong>{invitation.data?.value.email ?? fallback}</strong>;
}

function Reference({ part }: { part: Exclude<Part, string> }) {
  if (part.id === '') return <strong>{part.fallback}</strong>;
  switch (part.ref) {
    case 'member':
      return <MemberName id={part.id} fallback={part.fallback} />;
    case 'number':
      return <NumberName id={part.id} fallback={part.fallback} />;
    case 'group':
      return <GroupName id={part.id} fallback={part.fallback} />;
    case 'invitation':
      return <InvitationName id={part.id} fallback={part.fallback} />;
  }
}

/** Who made the change: the server itself, the identity provider (its `actor_id` is a token), or a member. */
function Actor({ event }: { event: AuditEvent }) {
  if (event.actor_kind === 'identity_provider') return <strong>Your identity provider</strong>;
  if (event.actor_id === null) return <strong>Switchboard</strong>;
  return <MemberName id={event.actor_id} fallback="Someone" />;
}

function Event({ event, now }: { event: AuditEvent; now: Date }) {
  const at = new Date(event.at);
  return (
    <li className="activity-event" data-testid="activity-event">
      <p className="activity-sentence">
        <Actor event={event} />{' '}
        {describe(event).map((part, index) => (
          <Fragment key={index}>{typeof part === 'string' ? part : <Reference part={part} />}</Fragment>
        ))}
        .
      </p>
      <time className="activity-time" dateTime={event.at} title={absoluteTime.format(at)}>
        {ago(at, now)}
      </time>
    </li>
  );
}

export function ActivityPage() {
  const [actor, setActor] = useState<{ id: string; name: string } | null>(null);
  const [period, setPeriod] = useState<PeriodId>('any');
  const [search, setSearch] = useState('');
  // Fixed while the page is open so "since" doesn't change (and refetch) on every render.
  const [now] = useState(() => new Date());
  const hours = PERIODS.find((p) => p.id === period)?.hours ?? null;
  const since = useMemo(
    () => (hours === null ? null : new Date(now.getTime() - hours * 3_600_000).toISOString()),
    [hours, now],
  );
  const events = useAuditEvents({ since, actor: actor?.id ?? null, target: null });
  const people = useMemberList({ ...ALL_MEMBERS, q: search });
  const rows = events.data?.pages.flatMap((page) => page.data) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = events;

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const list = event.currentTarget;
    const nearEnd = list.scrollHeight - list.scrollTop - list.clientHeight < LOAD_MARGIN_PX;
    if (nearEnd && hasNextPage && !isFetchingNextPage && !events.isFetchNextPageError) void fetchNextPage();
  };

  return (
    <div className="activity">
      <Toolbar label="Activity">
        <span className="activity-filter-label">Changes by</span>
        {actor === null ? (
          <Picker
            label="Anyone"
            placeholder="Search people…"
            items={people.rows.slice(0, 50).map((m) => ({ id: m.id, label: m.name, detail: m.email }))}
            onSearch={setSearch}
            loading={people.isPlaceholderData}
            onPick={(item) => setActor({ id: item.id, name: item.label })}
            empty="No one matches."
            icon={null}
          />
        ) : (
          <Chip onRemove={() => setActor(null)} removeLabel={`Show changes by anyone, not only ${actor.name}`}>
            {actor.name}
          </Chip>
        )}
        <label className="filter">
          <span className="visually-hidden">When</span>
          <select className="input select" value={period} onChange={(e) => setPeriod(e.target.value as PeriodId)}>
            {PERIODS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
      </Toolbar>

      <div className="activity-list" onScroll={onScroll} aria-busy={events.isPending || undefined}>
        {events.isPending ? (
          <ul className="activity-events" aria-hidden="true">
            {Array.from({ length: 6 }, (_, index) => (
              <li key={index} className="activity-event">
                <span className="skeleton" style={{ width: `${45 + ((index * 23) % 40)}%` }} />
              </li>
            ))}
          </ul>
        ) : events.isError && rows.length === 0 ? (
          <LoadError what="the activity" error={events.error} onRetry={() => void events.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState icon={History} title="No changes yet">
            {actor === null && period === 'any'
              ? 'Changes to members, invitations, groups, numbers and the configuration appear here.'
              : 'Nothing matches these filters. Try a longer period or anyone.'}
          </EmptyState>
        ) : (
          <>
            <ul className="activity-events" aria-label="Changes, newest first">
              {rows.map((event) => (
                <Event key={event.id} event={event} now={now} />
              ))}
            </ul>
            {events.isFetchNextPageError && (
              <div className="alert alert-danger" role="alert">
                <AlertCircle size={16} aria-hidden="true" />
                <p>{events.error.message}</p>
              </div>
            )}
            {hasNextPage && (
              <div className="activity-more">
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={isFetchingNextPage}
                  onClick={() => void fetchNextPage()}
                >
                  {isFetchingNextPage && <LoaderCircle size={14} className="spin" aria-hidden="true" />}
                  {isFetchingNextPage ? 'Loading…' : 'Show older'}
                </button>
              </div>
            )}
          </>
        )}
      </div>
    </div>
  );
}
