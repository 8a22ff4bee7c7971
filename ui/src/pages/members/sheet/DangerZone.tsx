// Deactivate / Reactivate (or, for a member an identity provider manages, their status and where it is
// changed) and Remove, each confirmed with exactly what happens to the member's phone
// numbers. Deactivating keeps everything they hold; removing asks where their numbers go: back to
// reserve, or to another member.
import { UserRound } from 'lucide-react';
import { useEffect, useState } from 'react';

import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ManagedNote } from '../../../components/ManagedNote';
import { RadioCards } from '../../../components/RadioCards';
import { Picker, type PickerItem } from '../../../components/Picker';
import { SheetSection } from '../../../components/Sheet';
import { ALL_MEMBERS, useMemberList, useRemoveMember } from '../../../data/members';
import { formatPhone } from '../../../format/phone';
import { hasCode, type Member } from '../../../platform';
import { count } from '../labels';
import { explained } from './WriteAlert';
import { type MemberEditor, useMemberPatch } from './editor';

function numbersWords(member: Member): string {
  const list = member.numbers.map((number) => formatPhone(number.e164)).join(', ');
  return `${count(member.numbers.length, 'phone number', 'phone numbers')} (${list})`;
}

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** "Move them to…": active members other than the one being removed, searched on the server. */
function MemberChoice({ exclude, chosen, onChoose }: { exclude: string; chosen: Member | null; onChoose: (member: Member) => void }) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 100);
  const members = useMemberList({ ...ALL_MEMBERS, q, status: 'active' });
  const candidates = members.rows.filter((member) => member.id !== exclude);
  const items: PickerItem[] = candidates.map((member) => ({ id: member.id, label: member.name, detail: member.email }));
  return (
    <Picker
      label={chosen === null ? 'Choose a member' : `To ${chosen.name}`}
      placeholder="Search name or email"
      items={items}
      onSearch={setSearch}
      loading={members.isPending || members.isPlaceholderData || q !== search.trim()}
      empty={members.error !== null ? members.error.message : 'No active member matches.'}
      icon={<UserRound size={14} aria-hidden="true" />}
      testId="move-numbers-to"
      onPick={(item) => {
        const member = candidates.find((candidate) => candidate.id === item.id);
        if (member !== undefined) onChoose(member);
      }}
    />
  );
}

export function DangerZone({ editor, onRemoved }: { editor: MemberEditor; onRemoved: () => void }) {
  const { member, access } = editor;
  const patch = useMemberPatch(editor);
  const remove = useRemoveMember();
  const [dialog, setDialog] = useState<'status' | 'remove' | null>(null);
  const [where, setWhere] = useState<'reserve' | 'move'>('reserve');
  const [moveTo, setMoveTo] = useState<Member | null>(null);
  const active = member.status === 'active';
  const holds = member.numbers.length > 0;
  const one = member.numbers.length === 1;
  const ready = editor.ready && access.canManage;
  const you = access.self;

  const close = () => {
    setDialog(null);
    patch.dismiss();
    remove.reset();
  };

  const changeStatus = () => {
    void patch.run({ status: active ? 'deactivated' : 'active' }).then((outcome) => {
      if (outcome !== 'failed') setDialog(null);
    });
  };

  const confirmRemove = () => {
    const how = holds
      ? where === 'move' && moveTo !== null
        ? { unassign_numbers: null, reassign_numbers_to: moveTo.id }
        : { unassign_numbers: true, reassign_numbers_to: null }
      : { unassign_numbers: null, reassign_numbers_to: null };
    remove.mutate(
      { id: member.id, etag: editor.etag, how },
      {
        onSuccess: () => {
          setDialog(null);
          onRemoved();
        },
        onError: (error) => {
          if (hasCode(error, 'precondition_failed')) {
            setDialog(null);
            remove.reset();
            editor.onMemberConflict(member);
          }
        },
      },
    );
  };

  if (!access.canManage) return null;
  const removeError = remove.error !== null && !hasCode(remove.error, 'precondition_failed') ? remove.error : null;

  return (
    <SheetSection title="Danger zone" testId="profile-danger">
      <ul className="sheet-rows">
        {member.managed_by === 'identity_provider' ? (
          // Shown as it is, not as a button that doesn't work: the identity provider decides it.
          <li className="sheet-row profile-action" data-testid="profile-status-managed">
            <div className="profile-action-text">
              <strong>{active ? 'Active' : 'Deactivated'}</strong>
              <ManagedNote>
                {active ? 'deactivate' : 'reactivate'} {you ? 'yourself' : member.name} there.
              </ManagedNote>
            </div>
          </li>
        ) : (
          <li className="sheet-row profile-action">
            <div className="profile-action-text">
              <strong>{active ? 'Deactivate' : 'Reactivate'}</strong>
              <span className="profile-action-detail">
                {active
                  ? `${you ? 'You' : member.name} can’t sign in while deactivated; numbers and groups stay as they are.`
                  : `${member.name} can sign in again, with the same role, numbers and groups.`}
              </span>
              {access.statusLocked !== null && <span className="profile-action-detail">{access.statusLocked}</span>}
            </div>
            <button
              type="button"
              className="btn btn-danger btn-sm"
              disabled={!ready || access.statusLocked !== null}
              onClick={() => setDialog('status')}
            >
              {active ? 'Deactivate' : 'Reactivate'}
            </button>
          </li>
        )}
        <li className="sheet-row profile-action">
          <div className="profile-action-text">
            <strong>Remove from team</strong>
            <span className="profile-action-detail">
              {access.removeLocked ?? `${member.name} loses access for good and leaves their groups.`}
            </span>
          </div>
          {!you && (
            <button
              type="button"
              className="btn btn-danger btn-sm"
              disabled={!ready || access.removeLocked !== null}
              onClick={() => {
                setWhere('reserve');
                setMoveTo(null);
                setDialog('remove');
              }}
            >
              Remove
            </button>
          )}
        </li>
      </ul>

      <ConfirmDialog
        open={dialog === 'status'}
        onOpenChange={(open) => {
          if (!open) close();
        }}
        title={active ? `Deactivate ${you ? 'yourself' : member.name}?` : `Reactivate ${member.name}?`}
        confirmLabel={active ? 'Deactivate' : 'Reactivate'}
        pendingLabel={active ? 'Deactivating…' : 'Reactivating…'}
        destructive={active}
        pending={patch.pending}
        error={explained(patch.error, member, you)}
        onConfirm={changeStatus}
        testId="status-dialog"
      >
        {active ? (
          <div className="profile-dialog-body">
            <p>
              {you
                ? 'You’ll be signed out everywhere at once, and can’t sign in again until another owner or admin reactivates you.'
                : `${member.name} is signed out everywhere and can’t sign in until reactivated.`}
            </p>
            <p>
              {holds
                ? `${you ? 'Your' : 'Their'} ${numbersWords(member)} ${one ? 'stays' : 'stay'} assigned to ${you ? 'you' : 'them'}, and ${you ? 'you stay' : 'they stay'} in ${you ? 'your' : 'their'} groups.`
                : `${you ? 'You hold' : 'They hold'} no phone numbers; ${you ? 'you stay' : 'they stay'} in ${you ? 'your' : 'their'} groups.`}
            </p>
          </div>
        ) : (
          <p>
            {member.name} can sign in again.{' '}
            {holds ? `Their ${numbersWords(member)} ${one ? 'is' : 'are'} still theirs.` : 'They hold no phone numbers.'}
          </p>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        open={dialog === 'remove'}
        onOpenChange={(open) => {
          if (!open) close();
        }}
        title={`Remove ${member.name}?`}
        confirmLabel={`Remove ${member.name}`}
        pendingLabel="Removing…"
        destructive
        pending={remove.isPending}
        error={explained(removeError, member, you)}
        confirmDisabled={holds && where === 'move' && moveTo === null}
        onConfirm={confirmRemove}
        testId="remove-dialog"
      >
        <div className="profile-dialog-body">
          <p>
            {member.name} loses access to the team for good{member.groups.length > 0 ? ' and leaves their groups' : ''}. This
            can’t be undone; to bring them back, invite them again.
          </p>
          {holds ? (
            <>
              <p id="profile-remove-numbers" className="profile-choices-legend">
                They hold {numbersWords(member)}. Where should {one ? 'it' : 'they'} go?
              </p>
              <RadioCards
                aria-labelledby="profile-remove-numbers"
                value={where}
                onValueChange={setWhere}
                options={[
                  {
                    value: 'reserve',
                    label: `Keep ${one ? 'it' : 'them'} in reserve`,
                    description: `${one ? 'The number stays' : 'The numbers stay'} on the account, unassigned; calls to ${
                      one ? 'it' : 'them'
                    } follow the configuration for unassigned numbers.`,
                  },
                  {
                    value: 'move',
                    label: `Move ${one ? 'it' : 'them'} to…`,
                    description: `Another member gets ${one ? 'it' : 'them'}, beside any numbers they already have.`,
                    details: <MemberChoice exclude={member.id} chosen={moveTo} onChoose={setMoveTo} />,
                  },
                ]}
              />
            </>
          ) : (
            <p>They hold no phone numbers.</p>
          )}
        </div>
      </ConfirmDialog>
    </SheetSection>
  );
}
