// The member's phone numbers: chips with Unassign, and "Assign number", a picker over the account's
// numbers. Each change reads the number fresh first (lists carry no ETags) and decides on what the
// server holds now: a direct number someone else holds asks whether to take it over (unassign them, then
// assign) or to make it shared (then assign).
import { useState } from 'react';

import { Chip, ChipList } from '../../../components/Chip';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { RadioCards } from '../../../components/RadioCards';
import { Picker } from '../../../components/Picker';
import { SheetSection } from '../../../components/Sheet';
import {
  useAssignNumber,
  useNumbers,
  useReadNumber,
  useUnassignNumber,
  useUpdateNumber,
} from '../../../data/numbers';
import { formatPhone } from '../../../format/phone';
import { hasCode, type PhoneNumber, type Principal, type Versioned } from '../../../platform';
import { invitedName, numberPickerItems } from '../../numbers/labels';
import { WriteAlert } from './WriteAlert';
import type { HolderEditor } from './editor';

interface Takeover {
  number: Versioned<PhoneNumber>;
  holder: Principal;
}

/** A member's phone numbers, or an open invitation's (which carry over when it is accepted). */
export function NumbersSection({ editor }: { editor: HolderEditor }) {
  const { member, access } = editor;
  const numbers = useNumbers();
  const readNumber = useReadNumber();
  const assign = useAssignNumber();
  const unassign = useUnassignNumber();
  const updateNumber = useUpdateNumber();
  const [busy, setBusy] = useState<{ action: 'assign' | 'unassign'; numberId: string } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [takeover, setTakeover] = useState<Takeover | null>(null);
  const [choice, setChoice] = useState<'take' | 'share'>('take');
  const [takingOver, setTakingOver] = useState(false);
  const [takeoverError, setTakeoverError] = useState<Error | null>(null);
  const editable = editor.ready && access.canManage;

  /** A 412 goes to the conflict dialog; anything else is said under the chips. */
  const failed = (caught: unknown, e164: string, show: (error: Error) => void) => {
    if (hasCode(caught, 'precondition_failed')) editor.onOtherConflict(formatPhone(e164));
    else show(caught instanceof Error ? caught : new Error(String(caught)));
  };

  const run = async (action: 'assign' | 'unassign', numberId: string, e164: string, work: () => Promise<void>) => {
    setBusy({ action, numberId });
    setError(null);
    try {
      await work();
    } catch (caught) {
      failed(caught, e164, setError);
    } finally {
      setBusy(null);
    }
  };

  const pick = (numberId: string, e164: string) =>
    run('assign', numberId, e164, async () => {
      const fresh = await readNumber(numberId);
      const { assignees, sharing } = fresh.value;
      if (assignees.some((assignee) => assignee.id === member.id)) return;
      const holder = sharing === 'direct' ? assignees[0] : undefined;
      if (holder !== undefined) {
        setChoice('take');
        setTakeoverError(null);
        setTakeover({ number: fresh, holder });
        return;
      }
      await assign.mutateAsync({ numberId, etag: fresh.etag, principalId: member.id });
    });

  const remove = (numberId: string, e164: string) =>
    run('unassign', numberId, e164, async () => {
      const fresh = await readNumber(numberId);
      if (!fresh.value.assignees.some((assignee) => assignee.id === member.id)) return;
      await unassign.mutateAsync({ numberId, etag: fresh.etag, principalId: member.id });
    });

  const confirmTakeover = async () => {
    if (takeover === null) return;
    const { number, holder } = takeover;
    const numberId = number.value.id;
    setTakingOver(true);
    setTakeoverError(null);
    try {
      // Each step answers with the number's new ETag, which the next step is made against.
      const freed =
        choice === 'take'
          ? await unassign.mutateAsync({ numberId, etag: number.etag, principalId: holder.id })
          : await updateNumber.mutateAsync({ id: numberId, etag: number.etag, patch: { sharing: 'shared' } });
      await assign.mutateAsync({ numberId, etag: freed.etag, principalId: member.id });
      setTakeover(null);
    } catch (caught) {
      failed(caught, number.value.e164, setTakeoverError);
      if (hasCode(caught, 'precondition_failed')) setTakeover(null);
    } finally {
      setTakingOver(false);
    }
  };

  const items = numberPickerItems(numbers.data ?? [], member.id);
  const assigning = busy?.action === 'assign';

  return (
    <SheetSection
      title="Phone numbers"
      action={
        access.canManage && (
          <Picker
            label="Assign number"
            pending={assigning ? 'Assigning…' : undefined}
            placeholder="Search number, label or country"
            items={items}
            loading={numbers.isPending}
            disabled={!editable}
            testId="assign-number"
            empty={
              numbers.isPending
                ? 'Loading numbers…'
                : numbers.isError
                  ? numbers.error.message
                  : numbers.data.length === 0
                    ? 'The account has no phone numbers yet.'
                    : 'No numbers match.'
            }
            onPick={(item) => {
              const number = numbers.data?.find((candidate) => candidate.id === item.id);
              if (number !== undefined) void pick(number.id, number.e164);
            }}
          />
        )
      }
    >
      {member.numbers.length === 0 ? (
        <p className="cell-muted">No phone numbers assigned.</p>
      ) : (
        <ChipList label="Phone numbers">
          {member.numbers.map((number) => (
            <Chip
              key={number.id}
              title={number.label === '' ? undefined : number.label}
              onRemove={editable ? () => void remove(number.id, number.e164) : undefined}
              removeLabel={`Unassign ${formatPhone(number.e164)}`}
              removing={busy?.action === 'unassign' && busy.numberId === number.id}
            >
              <span className="tabular">{formatPhone(number.e164)}</span>
              {number.label !== '' && <span className="cell-muted"> · {number.label}</span>}
            </Chip>
          ))}
        </ChipList>
      )}
      <WriteAlert error={error} member={member} self={access.self} onDismiss={() => setError(null)} />
      <ConfirmDialog
        open={takeover !== null}
        onOpenChange={(open) => {
          if (!open) setTakeover(null);
        }}
        title={takeover === null ? '' : `${formatPhone(takeover.number.value.e164)} belongs to ${invitedName(takeover.holder)}`}
        confirmLabel={choice === 'take' ? 'Take it over' : 'Make it shared'}
        pendingLabel="Assigning…"
        pending={takingOver}
        error={takeoverError}
        onConfirm={() => void confirmTakeover()}
        testId="takeover-dialog"
      >
        {takeover !== null && (
          <div className="profile-dialog-body">
            <p>It’s a direct number, so it rings one person. Choose how {member.name} gets it:</p>
            <RadioCards
              aria-label={`How ${member.name} gets the number`}
              value={choice}
              onValueChange={setChoice}
              options={[
                {
                  value: 'take',
                  label: 'Take it over',
                  description: `Unassign it from ${invitedName(takeover.holder)} and assign it to ${member.name}.`,
                },
                {
                  value: 'share',
                  label: 'Make it shared',
                  description: `${invitedName(takeover.holder)} keeps it and ${member.name} gets it too; calls ring both.`,
                },
              ]}
            />
          </div>
        )}
      </ConfirmDialog>
    </SheetSection>
  );
}
