// The phone numbers and groups of an invitation not yet sent (an outbox entry being corrected): chosen by
// id, nothing changes on the server until the invitation is sent. A direct number someone holds can't be
// chosen (the server would refuse it); a number or group the account no longer has shows as such, to be
// removed.
import type { ReactNode } from 'react';

import { Chip, ChipList } from '../../components/Chip';
import { Picker, type PickerItem } from '../../components/Picker';
import { SheetSection } from '../../components/Sheet';
import { useGroups } from '../../data/groups';
import { useNumbers } from '../../data/numbers';
import { formatPhone } from '../../format/phone';
import { peopleSummary } from '../groups/words';
import { numberPickerItems } from '../numbers/labels';

interface Choices {
  ids: readonly string[];
  onChange: (ids: string[]) => void;
  /** The server's problem with this field, if it named one. */
  problem?: string | undefined;
}

/** A titled list of chosen things as chips, with a picker to choose more. */
function DraftSection({
  title,
  picker,
  none,
  chosen,
  problem,
}: {
  title: string;
  picker: ReactNode;
  /** What the section says with nothing chosen. */
  none: string;
  chosen: { id: string; label: ReactNode; removeLabel: string; onRemove: () => void }[];
  problem: string | undefined;
}) {
  return (
    <SheetSection title={title} action={picker}>
      {chosen.length === 0 ? (
        <p className="cell-muted">{none}</p>
      ) : (
        <ChipList label={title}>
          {chosen.map((chip) => (
            <Chip key={chip.id} removeLabel={chip.removeLabel} onRemove={chip.onRemove}>
              {chip.label}
            </Chip>
          ))}
        </ChipList>
      )}
      {problem !== undefined && <p className="field-problem">{problem}</p>}
    </SheetSection>
  );
}

function removing(ids: readonly string[], id: string, onChange: (ids: string[]) => void): () => void {
  return () => onChange(ids.filter((other) => other !== id));
}

export function DraftNumbers({ ids, onChange, problem }: Choices) {
  const numbers = useNumbers();
  const known = new Map((numbers.data ?? []).map((number) => [number.id, number]));
  const items: PickerItem[] = numberPickerItems(numbers.data ?? [], null, { lockHeldDirect: true }).map((item) =>
    ids.includes(item.id) ? { ...item, disabled: true } : item,
  );
  const chosen = ids.map((id) => {
    const number = known.get(id);
    const name = number === undefined ? (numbers.isPending ? '…' : 'A number no longer on the account') : formatPhone(number.e164);
    return { id, label: <span className="tabular">{name}</span>, removeLabel: `Remove ${name}`, onRemove: removing(ids, id, onChange) };
  });
  return (
    <DraftSection
      title="Phone numbers"
      none="No phone numbers."
      chosen={chosen}
      problem={problem}
      picker={
        <Picker
          label="Add number"
          placeholder="Search number, label or country"
          items={items}
          loading={numbers.isPending}
          testId="draft-add-number"
          empty={numbers.isPending ? 'Loading numbers…' : numbers.isError ? numbers.error.message : 'No numbers match.'}
          onPick={(item) => onChange([...ids, item.id])}
        />
      }
    />
  );
}

export function DraftGroups({ ids, onChange, problem }: Choices) {
  const groups = useGroups();
  const known = new Map((groups.data ?? []).map((group) => [group.id, group]));
  const items: PickerItem[] = (groups.data ?? [])
    .filter((group) => !ids.includes(group.id))
    .map((group) => ({ id: group.id, label: group.name, detail: peopleSummary(group) }));
  const chosen = ids.map((id) => {
    const name = known.get(id)?.name ?? (groups.isPending ? '…' : 'A group that no longer exists');
    return { id, label: name, removeLabel: `Remove from ${name}`, onRemove: removing(ids, id, onChange) };
  });
  let empty = 'No groups match.';
  if (groups.isPending) empty = 'Loading groups…';
  else if (groups.isError) empty = groups.error.message;
  else if (groups.data.length === 0) empty = 'No groups yet — create one on the Groups tab.';
  return (
    <DraftSection
      title="Groups"
      none="Not in any group."
      chosen={chosen}
      problem={problem}
      picker={
        <Picker
          label="Add to group"
          placeholder="Search groups"
          items={items}
          loading={groups.isPending}
          testId="draft-add-group"
          empty={empty}
          onPick={(item) => onChange([...ids, item.id])}
        />
      }
    />
  );
}
