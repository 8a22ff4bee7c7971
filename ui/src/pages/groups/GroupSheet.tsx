// A group in the side sheet: who is in it (members, and invitees marked "Invited") with Remove, "Add
// people" searching the team on the server, its name and description edited in place, and Delete. Every
// change carries the group's ETag; a 412 (someone else changed the group meanwhile) opens the conflict
// dialog with what differs now.
import { AlertCircle, LoaderCircle, Pencil, Trash2, UserPlus, UsersRound, X } from 'lucide-react';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';

import { Avatar } from '../../components/Avatar';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ConflictDialog, type ConflictField } from '../../components/ConflictDialog';
import { LoadAlert } from '../../components/LoadError';
import { Picker, type PickerItem } from '../../components/Picker';
import { ESCAPE_CANCELS, Sheet, SheetHeader, SheetLoading, SheetSection } from '../../components/Sheet';
import { Tip } from '../../components/Tip';
import {
  useAddToGroup,
  useDeleteGroup,
  useGroup,
  useRemoveFromGroup,
  useUpdateGroup,
} from '../../data/groups';
import { useInvitations } from '../../data/invitations';
import { ALL_MEMBERS, useMemberList } from '../../data/members';
import { hasCode, type Group, type GroupPatch } from '../../platform';
import { useDebounced } from '../../app/useDebounced';
import { GroupFields } from './GroupFields';
import { count, displayName, formProblems, headcount, inReadingOrder, peopleSummary } from './words';
import './groups.css';

const SEARCH_DELAY_MS = 100;

function isConflict(error: Error | null): boolean {
  return hasCode(error, 'precondition_failed');
}

/** What differs between the group the user was changing and the one the server holds now. */
function differences(before: Group, now: Group): ConflictField[] {
  const fields: ConflictField[] = [];
  if (before.name !== now.name) fields.push({ label: 'Name', before: before.name, now: now.name });
  if (before.description !== now.description) {
    fields.push({ label: 'Description', before: before.description || 'None', now: now.description || 'None' });
  }
  const had = peopleSummary(before);
  const has = peopleSummary(now);
  if (had !== has) fields.push({ label: 'People', before: had, now: has });
  return fields;
}

/** "Add people": the team searched by the server as the user types, and pending invitations. */
function AddPeople({
  group,
  adding,
  disabled,
  onPick,
}: {
  group: Group;
  adding: boolean;
  disabled: boolean;
  onPick: (principalId: string) => void;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const members = useMemberList({ ...ALL_MEMBERS, q });
  const invitations = useInvitations('pending');

  const needle = text.trim().toLowerCase();
  // Until the server answers the latest text, the rows it gave for the previous text are narrowed here.
  const searching = text.trim() !== q || members.isPlaceholderData;
  const inGroup = new Set(group.members.map((principal) => principal.id));
  const memberItems: PickerItem[] = members.rows
    .filter(
      (member) =>
        !searching || member.name.toLowerCase().includes(needle) || member.email.toLowerCase().includes(needle),
    )
    .map((member) => ({
      id: member.id,
      label: member.name,
      detail: inGroup.has(member.id) ? 'Already in this group' : member.email,
      disabled: inGroup.has(member.id),
    }));
  const invitationItems: PickerItem[] = (invitations.data ?? [])
    .filter((invitation) => invitation.email.toLowerCase().includes(needle))
    .map((invitation) => ({
      id: invitation.id,
      label: invitation.email,
      detail: inGroup.has(invitation.id) ? 'Already in this group' : 'Invited',
      disabled: inGroup.has(invitation.id),
    }));

  let empty: string;
  if (members.error !== null) empty = `Couldn’t search the team: ${members.error.message}`;
  else if (members.isPending) empty = 'Loading the team…';
  else if (text.trim() === '') empty = 'No one in the team yet.';
  else empty = `No one matches “${text.trim()}”.`;

  return (
    <Picker
      label="Add people"
      placeholder="Search name or email…"
      items={[...memberItems, ...invitationItems]}
      onPick={(item) => onPick(item.id)}
      onSearch={setText}
      loading={searching || members.isPending}
      empty={empty}
      disabled={disabled}
      testId="group-add-people"
      icon={
        adding ? (
          <LoaderCircle size={14} className="spin" aria-hidden="true" />
        ) : (
          <UserPlus size={14} aria-hidden="true" />
        )
      }
    />
  );
}

/** Name and description edited in place, with Save and Cancel. */
function DetailsForm({
  group,
  etag,
  onDone,
  onConflict,
}: {
  group: Group;
  etag: string;
  onDone: () => void;
  onConflict: () => void;
}) {
  const update = useUpdateGroup();
  // Only the fields the user typed in are theirs; the others follow the server's copy, so after a 412 and
  // "Keep editing" someone else's change to a field the user never touched is kept, not sent back over.
  const [edits, setEdits] = useState<{ name?: string; description?: string }>({});
  const name = edits.name ?? group.name;
  const description = edits.description ?? group.description;
  const patch: GroupPatch = {};
  if (name.trim() !== group.name) patch.name = name.trim();
  if (description.trim() !== group.description) patch.description = description.trim();
  const changed = Object.keys(patch).length > 0;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!changed || update.isPending) return;
    update.mutate(
      { id: group.id, etag, patch },
      {
        onSuccess: onDone,
        onError: (error) => {
          if (isConflict(error)) onConflict();
        },
      },
    );
  };
  const edited = () => {
    // A refusal was about what was sent; what is being typed now hasn't been checked.
    if (update.isError) update.reset();
  };

  const problems = isConflict(update.error) ? {} : formProblems(update.error);
  return (
    <form
      className="group-form group-details-form"
      onSubmit={submit}
      noValidate
      aria-label="Name and description"
      {...{ [ESCAPE_CANCELS]: '' }}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !update.isPending) {
          event.preventDefault();
          onDone();
        }
      }}
    >
      <GroupFields
        name={name}
        description={description}
        problems={problems}
        onChange={(change) => {
          setEdits({ ...edits, ...change });
          edited();
        }}
      />
      <div className="group-form-actions">
        <button type="button" className="btn btn-secondary btn-sm" onClick={onDone} disabled={update.isPending}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary btn-sm" disabled={!changed || name.trim() === '' || update.isPending}>
          {update.isPending ? (
            <>
              <LoaderCircle size={14} className="spin" aria-hidden="true" />
              Saving…
            </>
          ) : (
            'Save'
          )}
        </button>
      </div>
    </form>
  );
}

function GroupSheetBody({ id, row, onClose }: { id: string; row: Group | undefined; onClose: () => void }) {
  const detail = useGroup(id);
  const add = useAddToGroup();
  const remove = useRemoveFromGroup();
  const destroy = useDeleteGroup();
  const [editing, setEditing] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  /** The group as the user saw it when a change was refused with 412; null when there is no conflict. */
  const [conflict, setConflict] = useState<Group | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const refocusEdit = useRef(false);
  const peopleList = useRef<HTMLDivElement>(null);
  /** The row whose person was just removed: focus goes to the person now in that place (or Add people). */
  const refocusRow = useRef<number | null>(null);

  const group = detail.data?.value ?? row;
  // Changes need the ETag of a fresh read; the list's row has none.
  const etag = detail.data?.etag;

  useEffect(() => {
    if (editing || !refocusEdit.current) return;
    refocusEdit.current = false;
    editButton.current?.focus();
  }, [editing]);

  const headcountNow = group?.members.length;
  useEffect(() => {
    const index = refocusRow.current;
    if (index === null) return;
    refocusRow.current = null;
    const buttons = peopleList.current?.querySelectorAll<HTMLElement>('.group-person-remove') ?? [];
    const next = buttons[Math.min(index, buttons.length - 1)];
    (next ?? peopleList.current?.querySelector<HTMLElement>('[data-testid="group-add-people"]'))?.focus();
  }, [headcountNow]);

  if (hasCode(detail.error, 'not_found')) {
    return (
      <SheetHeader
        title={row?.name ?? 'Group not found'}
        description="This group no longer exists; someone else may have deleted it."
      />
    );
  }

  if (group === undefined) {
    return (
      <>
        <SheetLoading title="Loading group…" />
        {detail.error !== null && (
          <LoadAlert placement="sheet" onRetry={() => void detail.refetch()}>
            {detail.error.message}
          </LoadAlert>
        )}
      </>
    );
  }

  const startConflict = () => {
    setConflict(group);
    // Read what the server holds now, so the dialog can say what changed.
    void detail.refetch();
  };
  const writing = add.isPending || remove.isPending || destroy.isPending;
  const canWrite = etag !== undefined && !writing;
  const { members, invited } = headcount(group);
  const people = inReadingOrder(group.members);
  const removingId = remove.isPending ? remove.variables.principalId : null;
  const membershipError = [add.error, remove.error].find((error) => error !== null && !isConflict(error)) ?? null;

  const addPerson = (principalId: string) => {
    if (etag === undefined) return;
    remove.reset();
    add.mutate(
      { groupId: group.id, etag, principalId },
      {
        onError: (error) => {
          if (isConflict(error)) startConflict();
        },
      },
    );
  };
  const removePerson = (principalId: string, index: number) => {
    if (etag === undefined) return;
    add.reset();
    remove.mutate(
      { groupId: group.id, etag, principalId },
      {
        onSuccess: () => {
          refocusRow.current = index;
        },
        onError: (error) => {
          if (isConflict(error)) startConflict();
        },
      },
    );
  };
  const closeEditing = () => {
    refocusEdit.current = true;
    setEditing(false);
  };

  // Says who loses the group; the server keeps the people themselves.
  let deleteSentence: string;
  if (members === 0 && invited === 0) deleteSentence = `No one is in ${group.name}.`;
  else if (invited === 0) {
    deleteSentence = `${count(members, 'member', 'members')} will no longer be in ${group.name}; they stay in the team.`;
  } else if (members === 0) {
    deleteSentence = `${count(invited, 'invited person', 'invited people')} will no longer be in ${group.name}; their invitations stay open.`;
  } else {
    deleteSentence = `${count(members, 'member', 'members')} and ${count(invited, 'invited person', 'invited people')} will no longer be in ${group.name}; they stay in the team.`;
  }

  return (
    <>
      <SheetHeader
        leading={
          <span className="sheet-icon" aria-hidden="true">
            <UsersRound size={20} strokeWidth={1.75} />
          </span>
        }
        title={group.name}
        description={group.description === '' ? undefined : group.description}
        badges={<span className="badge tabular" data-testid="group-headcount">{peopleSummary(group)}</span>}
      />

      {detail.error !== null && (
        <LoadAlert placement="sheet" onRetry={() => void detail.refetch()}>
          Showing what the list loaded; changes need the latest copy. {detail.error.message}
        </LoadAlert>
      )}

      {editing && etag !== undefined ? (
        <DetailsForm group={group} etag={etag} onDone={closeEditing} onConflict={startConflict} />
      ) : (
        <div className="group-sheet-actions">
          <button
            ref={editButton}
            type="button"
            className="btn btn-secondary btn-sm"
            disabled={etag === undefined}
            onClick={() => setEditing(true)}
          >
            <Pencil size={14} aria-hidden="true" />
            Edit name and description
          </button>
        </div>
      )}

      <div ref={peopleList}>
        <SheetSection
          title="People"
          testId="group-people"
          action={<AddPeople group={group} adding={add.isPending} disabled={!canWrite} onPick={addPerson} />}
        >
          {membershipError !== null && (
            <div className="alert alert-danger group-sheet-alert" role="alert">
              <AlertCircle size={16} aria-hidden="true" />
              <p>{membershipError.message}</p>
            </div>
          )}
          {people.length === 0 ? (
            <p className="group-sheet-note">No one is in this group yet — Add people.</p>
          ) : (
            <ul className="group-people" aria-label={`People in ${group.name}`}>
              {people.map((principal, index) => {
                const name = displayName(principal);
                const removing = removingId === principal.id;
                return (
                  <li key={principal.id} className="group-person" data-testid="group-person">
                    <Avatar name={name} />
                    <span className="group-person-text">
                      <span className="group-person-name">{name}</span>
                      {principal.kind === 'member' && <span className="group-person-detail">{principal.email}</span>}
                    </span>
                    {principal.kind === 'invitation' && <span className="badge">Invited</span>}
                    <Tip content={`Remove from ${group.name}`}>
                      <button
                        type="button"
                        className="btn btn-ghost icon-btn group-person-remove"
                        aria-label={`Remove ${name} from ${group.name}`}
                        disabled={!canWrite}
                        onClick={() => removePerson(principal.id, index)}
                      >
                        {removing ? (
                          <LoaderCircle size={14} className="spin" aria-hidden="true" />
                        ) : (
                          <X size={14} aria-hidden="true" />
                        )}
                      </button>
                    </Tip>
                  </li>
                );
              })}
            </ul>
          )}
        </SheetSection>
      </div>

      <SheetSection title="Delete group">
        <p className="group-sheet-note">
          Deleting the group doesn’t remove anyone from the team; only the group goes.
        </p>
        <button
          type="button"
          className="btn btn-danger btn-sm group-sheet-delete"
          disabled={!canWrite}
          onClick={() => setConfirmingDelete(true)}
        >
          <Trash2 size={14} aria-hidden="true" />
          Delete group
        </button>
      </SheetSection>

      <ConfirmDialog
        open={confirmingDelete}
        onOpenChange={(open) => {
          setConfirmingDelete(open);
          if (!open) destroy.reset();
        }}
        title={`Delete ${group.name}?`}
        confirmLabel="Delete group"
        pendingLabel="Deleting…"
        destructive
        pending={destroy.isPending}
        error={isConflict(destroy.error) ? null : destroy.error}
        testId="delete-group-dialog"
        onConfirm={() => {
          if (etag === undefined) return;
          destroy.mutate(
            { id: group.id, etag },
            {
              onSuccess: () => {
                setConfirmingDelete(false);
                onClose();
              },
              onError: (error) => {
                if (!isConflict(error)) return;
                setConfirmingDelete(false);
                startConflict();
              },
            },
          );
        }}
      >
        {deleteSentence} This can’t be undone.
      </ConfirmDialog>

      <ConflictDialog
        open={conflict !== null}
        subject={conflict?.name ?? group.name}
        fields={conflict === null || detail.isFetching ? [] : differences(conflict, group)}
        onReload={() => {
          setConflict(null);
          setEditing(false);
          destroy.reset();
          void detail.refetch();
        }}
        onKeepEditing={() => setConflict(null)}
      />
    </>
  );
}

/** The sheet of the group `id`; `row` (from the list) shows at once while the fresh copy is read. */
export function GroupSheet({
  id,
  row,
  onOpenChange,
}: {
  id: string | null;
  row: Group | undefined;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Sheet open={id !== null} onOpenChange={onOpenChange} testId="group-sheet">
      {id !== null && <GroupSheetBody key={id} id={id} row={row} onClose={() => onOpenChange(false)} />}
    </Sheet>
  );
}
