// The member's groups: chips with Remove, and "Add to group", a picker over the groups they aren't in.
// Each change reads the group fresh first for its ETag (the groups list carries none).
import { useState } from 'react';

import { Chip, ChipList } from '../../../components/Chip';
import { Picker } from '../../../components/Picker';
import { SheetSection } from '../../../components/Sheet';
import { useAddToGroup, useGroups, useReadGroup, useRemoveFromGroup } from '../../../data/groups';
import { hasCode } from '../../../platform';
import { groupPickerEmpty, groupPickerItems } from '../../groups/words';
import { WriteAlert } from './WriteAlert';
import type { HolderEditor } from './editor';

/** A member's groups, or an open invitation's (which it joins on accepting). */
export function GroupsSection({ editor }: { editor: HolderEditor }) {
  const { member, access } = editor;
  const groups = useGroups();
  const readGroup = useReadGroup();
  const add = useAddToGroup();
  const removeFrom = useRemoveFromGroup();
  const [busy, setBusy] = useState<{ action: 'add' | 'remove'; groupId: string } | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const editable = editor.ready && access.canManage;

  const run = async (action: 'add' | 'remove', groupId: string, name: string) => {
    setBusy({ action, groupId });
    setError(null);
    try {
      const fresh = await readGroup(groupId);
      const inIt = fresh.value.members.some((principal) => principal.id === member.id);
      if (action === 'add' && !inIt) await add.mutateAsync({ groupId, etag: fresh.etag, principalId: member.id });
      if (action === 'remove' && inIt) await removeFrom.mutateAsync({ groupId, etag: fresh.etag, principalId: member.id });
    } catch (caught) {
      if (hasCode(caught, 'precondition_failed')) editor.onOtherConflict(`the group “${name}”`);
      else setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(null);
    }
  };

  const items = groupPickerItems(groups.data, member.groups.map((group) => group.id));
  const adding = busy?.action === 'add';

  return (
    <SheetSection
      title="Groups"
      action={
        access.canManage && (
          <Picker
            label="Add to group"
            pending={adding ? 'Adding…' : undefined}
            placeholder="Search groups"
            items={items}
            loading={groups.isPending}
            disabled={!editable}
            testId="add-to-group"
            empty={groupPickerEmpty(groups, items.length, `${member.name} is in every group.`)}
            onPick={(item) => void run('add', item.id, item.label)}
          />
        )
      }
    >
      {member.groups.length === 0 ? (
        <p className="cell-muted">Not in any group.</p>
      ) : (
        <ChipList label="Groups">
          {member.groups.map((group) => (
            <Chip
              key={group.id}
              onRemove={editable ? () => void run('remove', group.id, group.name) : undefined}
              removeLabel={`Remove from ${group.name}`}
              removing={busy?.action === 'remove' && busy.groupId === group.id}
            >
              {group.name}
            </Chip>
          ))}
        </ChipList>
      )}
      <WriteAlert error={error} member={member} self={access.self} onDismiss={() => setError(null)} />
    </SheetSection>
  );
}
