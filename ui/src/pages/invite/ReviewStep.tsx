// Invite People, step 2: Review invitation. A row per address with ✓ or the reason it can't be sent,
// the server's answer where it could be asked (and this computer's own checks where it couldn't: "Will be
// checked when sent"). Rows can be removed, or fixed in place and checked again. Send invitation queues
// the ready ones only.
import { AlertCircle, Check, CloudOff, LoaderCircle, Pencil, RotateCw, TriangleAlert, X } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

import { ESCAPE_CANCELS } from '../../components/Sheet';
import { SegmentedControl } from '../../components/SegmentedControl';
import { useGroups } from '../../data/groups';
import { useInvite } from '../../data/outbox';
import { normaliseEmail, parseAddressList } from '../../format/addresses';
import { formatPhone } from '../../format/phone';
import { hasCode, type Role } from '../../platform';
import { count, ROLE_LABELS } from '../members/labels';
import {
  invitationOf,
  reviewSummary,
  verdictsOf,
  type Person,
  type ReviewContext,
  type Shared,
  type Verdict,
} from './draft';
import type { Sent } from './InviteDialog';
import type { ServerChecks } from './useServerChecks';

/** Rows drawn at once; a file of thousands is summed up past these (the ones needing attention come first with the filter). */
const MAX_ROWS = 500;

const STATUS_WORDS: Record<Verdict['kind'], string> = {
  ready: 'Ready',
  checking: 'Checking',
  problem: 'Needs attention',
};

function StatusIcon({ verdict }: { verdict: Verdict }) {
  return (
    <span className="review-status" data-kind={verdict.kind}>
      {verdict.kind === 'ready' && <Check size={14} aria-hidden="true" />}
      {verdict.kind === 'checking' && <LoaderCircle size={14} className="spin" aria-hidden="true" />}
      {verdict.kind === 'problem' && <TriangleAlert size={14} aria-hidden="true" />}
      <span className="visually-hidden">{STATUS_WORDS[verdict.kind]}</span>
    </span>
  );
}

/** What a CSV row gives this person beyond what everyone gets: "line 3 · Admin · Sales · +64 9 555 0100". */
function rowDetails(person: Person, names: ReadonlyMap<string, string>): string | null {
  const { row } = person;
  if (row === undefined) return null;
  const parts = [`line ${String(row.line)}`];
  if (row.role !== null) parts.push(ROLE_LABELS[row.role]);
  for (const id of [...row.groupIds, ...row.numberIds]) {
    const name = names.get(id);
    if (name !== undefined) parts.push(name);
  }
  return parts.join(' · ');
}

function ReviewRow({
  person,
  verdict,
  details,
  onFix,
  onRemove,
}: {
  person: Person;
  verdict: Verdict;
  details: string | null;
  onFix: (email: string) => void;
  onRemove: () => void;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(false);

  useEffect(() => {
    // Back to the row's Edit once an edit ends, rather than to the top of the dialog.
    if (editing === null && wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing !== null;
  }, [editing]);

  const save = () => {
    if (editing === null) return;
    // "Ana Silva <ana@example.com>" pasted in is taken as its address.
    const [entry] = parseAddressList(editing).entries;
    const email = entry?.email ?? editing.trim();
    if (email !== '' && email !== person.email) onFix(email);
    setEditing(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setEditing(null);
    }
  };

  return (
    <li className="review-row" data-kind={verdict.kind} data-testid="review-row">
      <StatusIcon verdict={verdict} />
      {editing === null ? (
        <span className="review-who">
          <span className="review-line">
            <span className="review-email selectable">{person.email}</span>
            {person.name !== undefined && <span className="invite-muted">{person.name}</span>}
          </span>
          {details !== null && <span className="review-details">{details}</span>}
          {verdict.kind === 'problem' && <span className="review-reason">{verdict.reason}</span>}
        </span>
      ) : (
        <span className="review-edit" {...{ [ESCAPE_CANCELS]: '' }}>
          <input
            className="input review-edit-input"
            aria-label={`Fix ${person.email}`}
            value={editing}
            // Moved here by Edit: the row is now this box.
            autoFocus
            spellCheck={false}
            onChange={(event) => setEditing(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <button type="button" className="btn btn-secondary btn-sm" onClick={save}>
            Check again
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </span>
      )}
      {editing === null && (
        <span className="review-actions">
          <button
            ref={editButton}
            type="button"
            className="btn btn-ghost icon-btn"
            aria-label={`Edit ${person.email}`}
            onClick={() => setEditing(person.email)}
          >
            <Pencil size={14} aria-hidden="true" />
          </button>
          <button
            type="button"
            className="btn btn-ghost icon-btn"
            aria-label={`Remove ${person.email}`}
            data-remove={person.key}
            onClick={onRemove}
          >
            <X size={14} aria-hidden="true" />
          </button>
        </span>
      )}
    </li>
  );
}

export function ReviewStep({
  people,
  onPeopleChange,
  shared,
  defaultRole,
  context,
  checks,
  onBack,
  onSent,
}: {
  people: Person[];
  onPeopleChange: (people: Person[]) => void;
  shared: Shared;
  defaultRole: Role | null;
  context: ReviewContext;
  checks: ServerChecks;
  onBack: () => void;
  onSent: (sent: Sent) => void;
}) {
  const invite = useInvite();
  const groups = useGroups();
  const [only, setOnly] = useState<'all' | 'problems'>('all');
  const summary = useRef<HTMLParagraphElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** The row whose Remove should have focus once the list has redrawn without the one removed. */
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    summary.current?.focus();
  }, []);

  useEffect(() => {
    if (focusNext.current === null) return;
    const next = list.current?.querySelector<HTMLElement>(`[data-remove="${focusNext.current}"]`);
    focusNext.current = null;
    (next ?? summary.current)?.focus();
  }, [people]);

  const verdicts = verdictsOf(people, shared, checks.answers, context);
  const rows = people.map((person, index) => ({ person, verdict: verdicts[index] ?? ({ kind: 'checking' } as const) }));
  const ready = rows.filter((row) => row.verdict.kind === 'ready');
  const problems = rows.length - ready.length - rows.filter((row) => row.verdict.kind === 'checking').length;
  const checking = rows.some((row) => row.verdict.kind === 'checking');
  const shown = (only === 'problems' && problems > 0 ? rows.filter((row) => row.verdict.kind === 'problem') : rows).slice(0, MAX_ROWS);
  const offline = hasCode(checks.failure, 'offline');
  // The groups' and numbers' names, for what CSV rows give their people.
  const names = new Map([
    ...(groups.data ?? []).map((group) => [group.id, group.name] as const),
    ...(context.numbers ?? []).map((number) => [number.id, formatPhone(number.e164)] as const),
  ]);

  const remove = (key: string) => {
    const at = shown.findIndex((row) => row.person.key === key);
    focusNext.current = (shown[at + 1] ?? shown[at - 1])?.person.key ?? null;
    onPeopleChange(people.filter((person) => person.key !== key));
  };

  const fix = (key: string, email: string) => {
    const fixed = people.map((person) => (person.key === key ? { ...person, email: normaliseEmail(email) ?? email } : person));
    onPeopleChange(fixed);
    const person = fixed.find((candidate) => candidate.key === key);
    if (person !== undefined) checks.ask([invitationOf(person, shared, defaultRole)]);
  };

  const send = () => {
    invite.mutate(
      ready.map(({ person }) => invitationOf(person, shared, defaultRole)),
      { onSuccess: (entries) => onSent({ entries, leftOut: rows.length - ready.length, offline }) },
    );
  };

  return (
    <div className="invite-body">
      <div className="invite-review-head">
        <p className="invite-summary focus-target" tabIndex={-1} ref={summary} role="status" data-testid="review-summary">
          {people.length === 0 ? 'No addresses left to invite.' : reviewSummary(verdicts)}
        </p>
        {problems > 0 && (
          <SegmentedControl
            size="sm"
            aria-label="Show"
            value={only}
            options={[
              { value: 'all', label: `All ${rows.length.toLocaleString()}` },
              { value: 'problems', label: `Need attention ${problems.toLocaleString()}` },
            ]}
            onValueChange={setOnly}
          />
        )}
      </div>
      {checks.failure !== null && (
        <div className="alert alert-warning invite-note-alert" role="status" data-testid="review-unchecked">
          <CloudOff size={16} aria-hidden="true" />
          <div>
            <p className="invite-alert-title">Will be checked when sent</p>
            <p>
              {offline ? 'Couldn’t reach the server' : `The server couldn’t check them: ${checks.failure.message}`}, so{' '}
              {/* The domains can be checked here only if the team's configuration was read earlier. */}
              {context.allowedDomains === null
                ? 'only the addresses were checked on this computer. Whether each domain is allowed, and whether someone is already a member or already invited, is checked when the invitations are sent.'
                : 'only the addresses and your team’s allowed domains were checked on this computer. Whether someone is already a member or already invited is checked when the invitations are sent.'}
            </p>
          </div>
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => checks.restart(people.map((person) => invitationOf(person, shared, defaultRole)))}
          >
            <RotateCw size={14} aria-hidden="true" />
            Check again
          </button>
        </div>
      )}
      <div className="invite-scroll">
        <ul className="review-list" aria-label="Addresses" ref={list}>
          {shown.map(({ person, verdict }) => (
            <ReviewRow
              key={person.key}
              person={person}
              verdict={verdict}
              details={rowDetails(person, names)}
              onFix={(email) => fix(person.key, email)}
              onRemove={() => remove(person.key)}
            />
          ))}
        </ul>
        {shown.length < (only === 'problems' ? problems : rows.length) && (
          <p className="invite-muted review-more">
            And {count((only === 'problems' ? problems : rows.length) - shown.length, 'more', 'more')}, not shown.
          </p>
        )}
      </div>
      {invite.isError && (
        <div className="alert alert-danger dialog-alert" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>Couldn’t queue the invitations: {invite.error.message}</p>
        </div>
      )}
      <div className="dialog-actions invite-actions">
        <button type="button" className="btn btn-secondary" disabled={invite.isPending} onClick={onBack}>
          Back
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={ready.length === 0 || checking || invite.isPending}
          aria-busy={invite.isPending || undefined}
          onClick={send}
        >
          {invite.isPending && <LoaderCircle size={14} className="spin" aria-hidden="true" />}
          Send invitation
        </button>
      </div>
    </div>
  );
}
