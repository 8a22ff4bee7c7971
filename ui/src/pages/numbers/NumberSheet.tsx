// One phone number in a side sheet: its label, whether it is direct or shared, and who it is assigned to.
// It shows the list's row at once and reads the number again for the ETag every change sends. A direct
// number belongs to one person: the sheet won't make a number with several assignees direct (the server
// would refuse with `number_has_several_assignees`), and giving a direct number that someone holds to
// someone else asks whether to move it or to make it shared. A change refused with 412 (someone else
// changed the number meanwhile) opens the conflict dialog with what they changed.
import { AlertCircle, Check, LoaderCircle, Phone, RotateCw, X } from 'lucide-react';
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';

import { useNavigation } from '../../app/navigation';
import { useDebounced } from '../../app/useDebounced';
import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictDialog, type ConflictField } from '../../components/ConflictDialog';
import { Picker, type PickerItem } from '../../components/Picker';
import { Field } from '../../components/Field';
import { RadioCards } from '../../components/RadioCards';
import { SegmentedControl } from '../../components/SegmentedControl';
import { Sheet, SheetHeader, SheetSection } from '../../components/Sheet';
import { Tip } from '../../components/Tip';
import { useConfiguration } from '../../data/configuration';
import { useInvitations } from '../../data/invitations';
import { ALL_MEMBERS, useMemberList } from '../../data/members';
import { useAssignNumber, useNumber, useUnassignNumber, useUpdateNumber } from '../../data/numbers';
import { countryName, formatPhone } from '../../format/phone';
import { hasCode, PlatformError, type PhoneNumber, type Principal, type Sharing } from '../../platform';
import { assigneesInWords, count, KIND_LABELS, principalName, SHARING_LABELS } from './labels';
import { CountryFlag, SharingBadge } from './parts';

const SEARCH_DELAY_MS = 100;

/** An error to show beside the control that caused it; a 412 is shown by the conflict dialog instead. */
function shown(error: Error | null): Error | null {
  return error === null || hasCode(error, 'precondition_failed') ? null : error;
}

function ErrorLine({ error, children }: { error: Error | null; children?: ReactNode }) {
  if (error === null) return null;
  return (
    <div className="alert alert-danger numbers-sheet-alert" role="alert">
      <AlertCircle size={16} aria-hidden="true" />
      <p>{children ?? error.message}</p>
    </div>
  );
}

/** What changed between the number the user started from and the one the server holds now. */
function differences(before: PhoneNumber, now: PhoneNumber): ConflictField[] {
  const fields: ConflictField[] = [];
  if (before.label !== now.label) {
    fields.push({ label: 'Label', before: before.label || '(none)', now: now.label || '(none)' });
  }
  if (before.sharing !== now.sharing) {
    fields.push({ label: 'Sharing', before: SHARING_LABELS[before.sharing], now: SHARING_LABELS[now.sharing] });
  }
  const was = assigneesInWords(before);
  const is = assigneesInWords(now);
  if (was !== is) fields.push({ label: 'Assigned to', before: was, now: is });
  return fields;
}

/** "Calls to it are rejected" — what the account does with a number no one holds. */
function ReserveNote() {
  const configuration = useConfiguration();
  const { navigate } = useNavigation();
  const policy = configuration.data?.value;
  if (policy === undefined) return null;
  const what =
    policy.unassigned_numbers === 'divert' && policy.divert_to !== null
      ? `Calls to it are diverted to ${formatPhone(policy.divert_to)}.`
      : 'Calls to it are rejected.';
  return (
    <p className="sheet-note">
      {what}{' '}
      <button type="button" className="btn-link" onClick={() => navigate({ page: 'configuration' })}>
        Change this in Configuration
      </button>
    </p>
  );
}

function LabelSection({
  number,
  etag,
  draft,
  onDraftChange,
  onConflict,
}: {
  number: PhoneNumber;
  etag: string | null;
  draft: string | null;
  onDraftChange: (draft: string | null) => void;
  onConflict: (started: PhoneNumber) => void;
}) {
  const update = useUpdateNumber();
  const [saved, setSaved] = useState(false);
  const value = draft ?? number.label;
  const changed = draft !== null && draft.trim() !== number.label;
  const error = shown(update.error);
  // The server names the label when that is what it refused; anything else is said as it comes.
  const fieldError = error instanceof PlatformError ? error.fieldError('label') : undefined;

  const save = () => {
    if (etag === null || !changed || update.isPending) return;
    const started = number;
    update.mutate(
      { id: number.id, etag, patch: { label: value.trim() } },
      {
        onSuccess: () => {
          onDraftChange(null);
          setSaved(true);
        },
        onError: (failure) => {
          if (hasCode(failure, 'precondition_failed')) onConflict(started);
        },
      },
    );
  };

  return (
    <SheetSection title="Details">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <Field label="Label" hint="Shown beside the number across Switchboard." error={fieldError ?? error?.message}>
          {(control) => (
            <>
              <input
                {...control}
                className="input numbers-label-input"
                placeholder="e.g. Sales line, Reception"
                maxLength={200}
                value={value}
                onChange={(event) => {
                  onDraftChange(event.target.value);
                  setSaved(false);
                  if (update.error !== null) update.reset();
                }}
              />
              <button type="submit" className="btn btn-primary" disabled={!changed || etag === null || update.isPending}>
                {update.isPending ? (
                  <>
                    <LoaderCircle size={14} className="spin" aria-hidden="true" />
                    Saving…
                  </>
                ) : (
                  'Save'
                )}
              </button>
              <span className="numbers-saved" role="status">
                {saved && (
                  <>
                    <Check size={14} aria-hidden="true" />
                    Saved
                  </>
                )}
              </span>
            </>
          )}
        </Field>
      </form>
    </SheetSection>
  );
}

function SharingSection({
  number,
  etag,
  onConflict,
  reload,
}: {
  number: PhoneNumber;
  etag: string | null;
  onConflict: (started: PhoneNumber) => void;
  /** Reads the number again: a refusal means this window's copy is out of date. */
  reload: () => void;
}) {
  const update = useUpdateNumber();
  const explanationId = useId();
  const several = number.assignees.length > 1;
  const reason = `A direct number belongs to one person. Unassign all but one of the ${count(number.assignees.length, 'person', 'people')} to make it direct.`;

  const change = (sharing: Sharing) => {
    if (etag === null || update.isPending || sharing === number.sharing) return;
    const started = number;
    update.mutate(
      { id: number.id, etag, patch: { sharing } },
      {
        onError: (failure) => {
          if (hasCode(failure, 'precondition_failed')) onConflict(started);
          // The server counted more assignees than shown here: show who they are beside its words.
          else if (hasCode(failure, 'number_has_several_assignees')) reload();
        },
      },
    );
  };

  let explanation: string;
  if (number.sharing === 'shared' && several) explanation = reason;
  else if (number.sharing === 'shared') explanation = 'It can be assigned to several people; calls to it ring them all.';
  else explanation = 'It belongs to one person; calls to it ring only them.';

  return (
    <SheetSection title="Sharing">
      <div className="numbers-sharing">
        {/* With several assignees the only other choice, Direct, would be refused: the control is locked and
            the line under it says why. */}
        <SegmentedControl
          aria-label="Sharing"
          aria-describedby={explanationId}
          value={number.sharing}
          options={SHARING_OPTIONS}
          onValueChange={change}
          disabled={etag === null || several}
        />
        {update.isPending && (
          <span className="numbers-progress" role="status">
            <LoaderCircle size={14} className="spin" aria-hidden="true" />
            Saving…
          </span>
        )}
      </div>
      <p className="sheet-note" id={explanationId} data-testid="number-sharing-note">
        {explanation}
      </p>
      <ErrorLine error={shown(update.error)} />
    </SheetSection>
  );
}

/** Who can be given the number: members found by the server's search, and pending invitations. */
function useCandidates(number: PhoneNumber, text: string): { items: PickerItem[]; loading: boolean } {
  const q = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const members = useMemberList({ ...ALL_MEMBERS, q });
  const invitations = useInvitations('pending');
  const items = useMemo(() => {
    const holders = new Set(number.assignees.map((assignee) => assignee.id));
    const needle = q.toLowerCase();
    const people: PickerItem[] = members.rows.map((member) => ({
      id: member.id,
      label: member.name,
      detail: holders.has(member.id) ? 'Already assigned' : member.status === 'deactivated' ? 'Deactivated' : member.email,
      disabled: holders.has(member.id),
    }));
    const invited: PickerItem[] = (invitations.data ?? [])
      .filter((invitation) => invitation.email.toLowerCase().includes(needle))
      .map((invitation) => ({
        id: invitation.id,
        label: invitation.email,
        detail: holders.has(invitation.id) ? 'Already assigned' : 'Invitation pending',
        disabled: holders.has(invitation.id),
      }));
    return [...people, ...invited];
  }, [members.rows, invitations.data, number.assignees, q]);
  return { items, loading: members.isPending || members.isPlaceholderData || q !== text.trim() };
}

type Handover = 'move' | 'share';

const SHARING_OPTIONS = (['direct', 'shared'] as const).map((value) => ({ value, label: SHARING_LABELS[value] }));

function AssigneesSection({
  number,
  etag,
  onConflict,
  reload,
}: {
  number: PhoneNumber;
  etag: string | null;
  onConflict: (started: PhoneNumber) => void;
  /** Reads the number again: a refusal means this window's copy is out of date. */
  reload: () => void;
}) {
  const assign = useAssignNumber();
  const unassign = useUnassignNumber();
  // The steps of giving a direct number someone holds to someone else have their own progress and errors.
  const handoverUnassign = useUnassignNumber();
  const handoverShare = useUpdateNumber();
  const handoverAssign = useAssignNumber();
  const [text, setText] = useState('');
  const [target, setTarget] = useState<PickerItem | null>(null);
  const [handover, setHandover] = useState<Handover>('move');
  const [handoverBusy, setHandoverBusy] = useState(false);
  const [handoverError, setHandoverError] = useState<Error | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const candidates = useCandidates(number, text);
  const formatted = formatPhone(number.e164);
  const holder = number.assignees[0];
  const holders = number.assignees.map(principalName);

  const refused = (failure: Error, started: PhoneNumber) => {
    if (hasCode(failure, 'precondition_failed')) onConflict(started);
    // Someone holds it (or no longer does) as far as the server knows: show that beside its words.
    else if (hasCode(failure, 'number_already_assigned') || hasCode(failure, 'not_found')) reload();
  };

  const pick = (item: PickerItem) => {
    if (etag === null) return;
    if (number.sharing === 'direct' && holder !== undefined) {
      setHandover('move');
      setHandoverError(null);
      setTarget(item);
      return;
    }
    const started = number;
    unassign.reset();
    assign.mutate({ numberId: number.id, etag, principalId: item.id }, { onError: (failure) => refused(failure, started) });
  };

  const remove = (principal: Principal) => {
    if (etag === null || unassign.isPending) return;
    const started = number;
    assign.reset();
    unassign.mutate(
      { numberId: number.id, etag, principalId: principal.id },
      {
        // The row (and its button) is gone: keep the keyboard in the list rather than on the page's body.
        onSuccess: () => list.current?.focus(),
        onError: (failure) => refused(failure, started),
      },
    );
  };

  const handOver = async () => {
    if (target === null || etag === null) return;
    const started = number;
    setHandoverBusy(true);
    setHandoverError(null);
    try {
      let current = etag;
      if (handover === 'move') {
        for (const assignee of number.assignees) {
          current = (await handoverUnassign.mutateAsync({ numberId: number.id, etag: current, principalId: assignee.id })).etag;
        }
      } else {
        current = (await handoverShare.mutateAsync({ id: number.id, etag: current, patch: { sharing: 'shared' } })).etag;
      }
      await handoverAssign.mutateAsync({ numberId: number.id, etag: current, principalId: target.id });
      setTarget(null);
    } catch (failure) {
      const error = failure instanceof Error ? failure : new Error(String(failure));
      if (hasCode(error, 'precondition_failed')) {
        setTarget(null);
        onConflict(started);
      } else {
        // A step may have gone through (unassigned, or made shared) before another failed: the sheet
        // behind the dialog shows where the number stands now.
        setHandoverError(error);
        reload();
      }
    } finally {
      setHandoverBusy(false);
    }
  };

  const holderNames = holders.length === 0 ? 'no one' : holders.join(' and ');
  const targetName = target?.label ?? '';

  return (
    <SheetSection
      title="Assigned to"
      testId="number-assignees"
      action={
        <Picker
          label="Assign to…"
          placeholder="Search people…"
          items={candidates.items}
          onSearch={setText}
          loading={candidates.loading}
          disabled={etag === null || assign.isPending}
          testId="assign-number"
          empty={text.trim() === '' ? 'No one to assign yet — invite people first.' : `No one matches “${text.trim()}”.`}
          onPick={pick}
        />
      }
    >
      {number.assignees.length === 0 ? (
        <div className="numbers-reserve" data-testid="number-reserve">
          <p className="numbers-muted">Unassigned — held in reserve.</p>
          <ReserveNote />
        </div>
      ) : (
        <ul className="sheet-rows numbers-assignee-list" aria-label="Assigned to" tabIndex={-1} ref={list}>
          {number.assignees.map((assignee) => {
            const name = principalName(assignee);
            const removing = unassign.isPending && unassign.variables.principalId === assignee.id;
            return (
              <li key={assignee.id} className="sheet-row numbers-assignee" data-testid="number-assignee">
                <span className="numbers-assignee-who">
                  <Avatar name={name} size={28} />
                  <span className="numbers-assignee-text">
                    <span className="numbers-cell-text">{name}</span>
                    <span className="numbers-cell-text numbers-muted numbers-small">
                      {assignee.kind === 'invitation' ? 'Invitation pending' : assignee.email}
                    </span>
                  </span>
                </span>
                <Tip content="Unassign">
                  <button
                    type="button"
                    className="btn btn-ghost icon-btn"
                    aria-label={`Unassign ${name}`}
                    disabled={etag === null || unassign.isPending}
                    onClick={() => remove(assignee)}
                  >
                    {removing ? <LoaderCircle size={14} className="spin" aria-hidden="true" /> : <X size={14} aria-hidden="true" />}
                  </button>
                </Tip>
              </li>
            );
          })}
        </ul>
      )}
      {assign.isPending && (
        <p className="numbers-progress" role="status">
          <LoaderCircle size={14} className="spin" aria-hidden="true" />
          Assigning…
        </p>
      )}
      <ErrorLine error={shown(assign.error)} />
      <ErrorLine error={shown(unassign.error)} />

      <ConfirmDialog
        open={target !== null}
        onOpenChange={(open) => {
          if (!open) setTarget(null);
        }}
        title={`Give ${formatted} to ${targetName}?`}
        confirmLabel={handover === 'move' ? `Move to ${targetName}` : 'Make shared and assign'}
        pendingLabel={handover === 'move' ? 'Moving…' : 'Assigning…'}
        pending={handoverBusy}
        error={handoverError}
        onConfirm={() => void handOver()}
        testId="number-handover"
      >
        <p>
          {formatted} is a direct number, so it belongs to one person — now {holderNames}.
        </p>
        <div className="numbers-choices">
          <RadioCards
            aria-label="What to do"
            value={handover}
            onValueChange={setHandover}
            disabled={handoverBusy}
            options={[
              { value: 'move', label: `Move it to ${targetName}`, description: `${holderNames} will no longer have it.` },
              {
                value: 'share',
                label: 'Make it shared',
                description: `${holderNames} and ${targetName} will both have it; calls to it ring them all.`,
              },
            ]}
          />
        </div>
      </ConfirmDialog>
    </SheetSection>
  );
}

function SheetBody({ row }: { row: PhoneNumber }) {
  const fresh = useNumber(row.id);
  const number = fresh.data?.value ?? row;
  // Changes need the ETag of a fresh read; until it arrives (or if it can't be read) they wait.
  const etag = fresh.data?.etag ?? null;
  const [draft, setDraft] = useState<string | null>(null);
  const [conflict, setConflict] = useState<PhoneNumber | null>(null);
  const formatted = formatPhone(number.e164);

  const reload = () => void fresh.refetch();
  const onConflict = (started: PhoneNumber) => {
    // Read what the server holds now, then say what differs from what the user started from.
    void fresh.refetch().then(() => setConflict(started));
  };

  return (
    <>
      <SheetHeader
        leading={
          <span className="sheet-icon" aria-hidden="true">
            <Phone size={18} />
          </span>
        }
        title={<span className="tabular selectable">{formatted}</span>}
        description={
          <span className="numbers-sheet-facts">
            <CountryFlag country={number.country} />
            <span>
              {countryName(number.country)} · {KIND_LABELS[number.kind]}
            </span>
          </span>
        }
        badges={
          <>
            <SharingBadge sharing={number.sharing} />
            {number.assignees.length === 0 && <span className="badge">In reserve</span>}
          </>
        }
      />

      {fresh.isError && (
        <div className="alert alert-danger numbers-sheet-alert" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>
            {hasCode(fresh.error, 'not_found')
              ? fresh.error.message
              : `Showing what the list loaded; changes wait until the number can be read again. ${fresh.error.message}`}
          </p>
          <button type="button" className="btn btn-secondary btn-sm" onClick={() => void fresh.refetch()}>
            <RotateCw size={14} aria-hidden="true" />
            Try again
          </button>
        </div>
      )}

      <LabelSection number={number} etag={etag} draft={draft} onDraftChange={setDraft} onConflict={onConflict} />
      <SharingSection number={number} etag={etag} onConflict={onConflict} reload={reload} />
      <AssigneesSection number={number} etag={etag} onConflict={onConflict} reload={reload} />

      <ConflictDialog
        open={conflict !== null}
        subject={formatted}
        fields={conflict === null ? [] : differences(conflict, number)}
        onReload={() => {
          setDraft(null);
          setConflict(null);
        }}
        onKeepEditing={() => setConflict(null)}
      />
    </>
  );
}

export function NumberSheet({
  number,
  onOpenChange,
}: {
  number: PhoneNumber | null;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Sheet open={number !== null} onOpenChange={onOpenChange} testId="number-sheet">
      {number !== null && <SheetBody key={number.id} row={number} />}
    </Sheet>
  );
}
