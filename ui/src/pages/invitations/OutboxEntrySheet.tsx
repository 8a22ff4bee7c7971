// An invite still in the outbox, in the invitation sheet: where it stands — queued (with its attempts and
// why the last one didn't go), or refused by the server (its reason and the problem with each field, in
// the server's words) — Edit and retry for a refused one (email, role, permissions, numbers and groups
// corrected, then queued again), and Discard. Once it leaves the outbox the sheet says what became of it.
import { AlertCircle, CheckCircle2, Clock } from 'lucide-react';
import { useState, type SubmitEvent } from 'react';

import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { SheetHeader, SheetSection } from '../../components/Sheet';
import { useConfiguration } from '../../data/configuration';
import { useInvitations } from '../../data/invitations';
import { useDiscardOutboxEntry, useRetryOutboxEntry } from '../../data/outbox';
import { useRoles } from '../../data/roles';
import type { NewInvitation, OutboxEntry, Permission } from '../../platform';
import { RoleBadge } from '../members/badges';
import { count, PERMISSIONS, ROLE_LABELS } from '../members/labels';
import { fromRoleNote, PermissionSwitches, roleDefaults } from '../members/PermissionSwitches';
import { DraftGroups, DraftNumbers } from './DraftChoices';
import { InvitationMark, InvitationStateBadge } from './parts';
import { formatMoment } from './rows';
import { INVITED_ROLES, isInvitedRole } from './sheet/AccessSections';

/** The invitation's fields as the server names them in its problems, in the user's words. */
const FIELD_LABELS: Record<string, string> = {
  email: 'Email',
  role: 'Role',
  grants: 'Permissions',
  number_ids: 'Phone numbers',
  group_ids: 'Groups',
};

/** The server's problems with fields the form doesn't show beside a control, as "Field: problem". */
function otherProblems(entry: OutboxEntry): string[] {
  return Object.entries(entry.field_errors)
    .filter(([field]) => !(field in FIELD_LABELS))
    .flatMap(([field, problems]) => problems.map((problem) => `${field}: ${problem}`));
}

function Standing({ entry }: { entry: OutboxEntry }) {
  if (entry.state === 'needs_attention') {
    const others = otherProblems(entry);
    return (
      <div className="alert alert-danger sheet-alert" role="alert" data-testid="entry-refusal">
        <AlertCircle size={16} aria-hidden="true" />
        <div className="entry-refusal">
          <p>
            <strong>The server refused it:</strong> {entry.last_error ?? 'it gave no reason.'}
          </p>
          {others.length > 0 && (
            <ul>
              {others.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          <p className="entry-attempts">
            {count(entry.attempts, 'attempt', 'attempts')}. Correct it below and retry, or discard it.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className="alert alert-warning sheet-alert" role="status" data-testid="entry-standing">
      <Clock size={16} aria-hidden="true" />
      <div className="entry-refusal">
        <p>
          {entry.attempts === 0
            ? 'Waiting to be sent; it goes as soon as the server can be reached.'
            : `Not sent yet after ${count(entry.attempts, 'attempt', 'attempts')}; it goes as soon as the server can be reached.`}
        </p>
        {entry.last_error !== null && <p>Last attempt: {entry.last_error}</p>}
        {entry.attempts > 0 && (
          <p className="entry-attempts">Next attempt: {formatMoment(entry.next_attempt_at)}</p>
        )}
      </div>
    </div>
  );
}

/** Edit and retry: the refused invitation as the admin corrects it, queued again as one. */
function RetryForm({ entry, onRetried }: { entry: OutboxEntry; onRetried: (queued: OutboxEntry) => void }) {
  const retry = useRetryOutboxEntry();
  const roles = useRoles();
  const defaultRole = useConfiguration().data?.value.default_role;
  const [draft, setDraft] = useState<NewInvitation>(() => structuredClone(entry.invitation));
  const problem = (field: string) => entry.field_errors[field]?.[0];
  const role = draft.role ?? defaultRole ?? 'member';
  const defaults = roleDefaults(roles.data, role) ?? [];

  const toggle = (permission: Permission, on: boolean) => {
    const grants = on ? [...draft.grants, permission] : draft.grants.filter((grant) => grant !== permission);
    setDraft({ ...draft, grants: PERMISSIONS.filter((p) => grants.includes(p)) });
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (retry.isPending) return;
    retry.mutate({ id: entry.id, invitation: { ...draft, email: draft.email.trim() } }, { onSuccess: onRetried });
  };

  return (
    <form className="entry-form" onSubmit={submit} noValidate aria-label="Edit and retry">
      <SheetSection title="Invitation">
        <div className="entry-fields">
          <Field label="Email" error={problem('email')}>
            {(control) => (
              <input
                {...control}
                type="email"
                className="input"
                spellCheck={false}
                value={draft.email}
                onChange={(event) => setDraft({ ...draft, email: event.target.value })}
              />
            )}
          </Field>
          <Field label="Role" error={problem('role')} hint={roles.data?.find((info) => info.role === role)?.description}>
            {(control) => (
              <select
                {...control}
                className="input select"
                value={draft.role ?? ''}
                onChange={(event) => {
                  const value = event.target.value;
                  setDraft({ ...draft, role: isInvitedRole(value) ? value : null });
                }}
              >
                <option value="">Team default{defaultRole === undefined ? '' : ` (${ROLE_LABELS[defaultRole]})`}</option>
                {INVITED_ROLES.map((value) => (
                  <option key={value} value={value}>
                    {ROLE_LABELS[value]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </SheetSection>
      <SheetSection title="Permissions">
        <PermissionSwitches
          idPrefix="entry-permission"
          defaults={defaults}
          grants={draft.grants}
          editable
          noteId="entry-permissions-note"
          onToggle={toggle}
        />
        <p className="sheet-note" id="entry-permissions-note">
          {fromRoleNote(role, defaults)}
        </p>
        {problem('grants') !== undefined && <p className="field-problem">{problem('grants')}</p>}
      </SheetSection>
      <DraftNumbers ids={draft.number_ids} onChange={(ids) => setDraft({ ...draft, number_ids: ids })} problem={problem('number_ids')} />
      <DraftGroups ids={draft.group_ids} onChange={(ids) => setDraft({ ...draft, group_ids: ids })} problem={problem('group_ids')} />
      {retry.isError && (
        <div className="alert alert-danger sheet-alert" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>{retry.error.message}</p>
        </div>
      )}
      <div className="entry-actions">
        <button type="submit" className="btn btn-primary" disabled={retry.isPending || draft.email.trim() === ''}>
          {retry.isPending ? 'Queueing…' : 'Edit and retry'}
        </button>
      </div>
    </form>
  );
}

function DiscardSection({ entry, onDiscarded }: { entry: OutboxEntry; onDiscarded: () => void }) {
  const discard = useDiscardOutboxEntry();
  const [confirming, setConfirming] = useState(false);
  const email = entry.invitation.email;
  return (
    <SheetSection title="Danger zone">
      <ul className="sheet-rows">
        <li className="sheet-row profile-action">
          <div className="profile-action-text">
            <strong>Discard</strong>
            <span className="profile-action-detail">Removes it from this computer; it won’t be sent.</span>
          </div>
          <button
            type="button"
            className="btn btn-danger btn-sm"
            onClick={() => {
              discard.reset();
              setConfirming(true);
            }}
          >
            Discard
          </button>
        </li>
      </ul>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Discard the invite to ${email}?`}
        confirmLabel="Discard"
        pendingLabel="Discarding…"
        destructive
        pending={discard.isPending}
        error={discard.error}
        onConfirm={() =>
          discard.mutate(entry.id, {
            onSuccess: () => {
              setConfirming(false);
              onDiscarded();
            },
          })
        }
        testId="discard-dialog"
      >
        {entry.state === 'queued'
          ? `It won’t be sent. If it is on its way at this moment the server may still get it; it is then listed as Pending, to revoke there.`
          : `The server refused it, and it won’t be tried again. Nothing reaches ${email}.`}
      </ConfirmDialog>
    </SheetSection>
  );
}

/** Out of the outbox: delivered (the server's invitation is listed), or discarded elsewhere. */
function Left({ entry, onOpenOther }: { entry: OutboxEntry; onOpenOther: (id: string) => void }) {
  const invitations = useInvitations();
  const email = entry.invitation.email.trim().toLowerCase();
  const made = invitations.data?.find((invitation) => invitation.email === email && invitation.status === 'pending');
  return (
    <>
      <SheetHeader title={entry.invitation.email} />
      <div className="alert alert-success sheet-alert" role="status" data-testid="entry-left">
        <CheckCircle2 size={16} aria-hidden="true" />
        <p>
          {made === undefined
            ? 'No longer waiting on this computer: it was delivered or discarded.'
            : `Delivered: the server has the invitation to ${made.email} now, and it is listed as Pending.`}
        </p>
      </div>
      {made !== undefined && (
        <div className="entry-actions">
          <button type="button" className="btn btn-secondary" onClick={() => onOpenOther(made.id)}>
            Open invitation
          </button>
        </div>
      )}
    </>
  );
}

export function OutboxEntrySheet({
  entry,
  last,
  onClose,
  onOpenOther,
}: {
  /** The entry as the outbox holds it now; null once it has left. */
  entry: OutboxEntry | null;
  /** The entry as the sheet last saw it. */
  last: OutboxEntry;
  onClose: () => void;
  onOpenOther: (id: string) => void;
}) {
  // What was last queued from here: once it is delivered, that is the invitation to look for.
  const [retried, setRetried] = useState<OutboxEntry | null>(null);
  if (entry === null) return <Left entry={retried ?? last} onOpenOther={onOpenOther} />;
  const role = entry.invitation.role ?? null;
  return (
    <>
      <SheetHeader
        leading={<InvitationMark />}
        title={entry.invitation.email}
        description={`Queued on this computer ${formatMoment(entry.created_at)}`}
        badges={
          <>
            {role !== null && <RoleBadge role={role} />}
            <InvitationStateBadge state={entry.state} />
          </>
        }
      />
      <Standing entry={entry} />
      {entry.state === 'needs_attention' ? (
        // Keyed by the refusal, so a new refusal starts the form from what was last sent.
        <RetryForm key={`${entry.id} ${String(entry.attempts)}`} entry={entry} onRetried={setRetried} />
      ) : (
        <p className="sheet-note">
          Queued invites are sent as they are. To change this one, discard it and invite {entry.invitation.email} again.
        </p>
      )}
      <DiscardSection entry={entry} onDiscarded={onClose} />
    </>
  );
}
