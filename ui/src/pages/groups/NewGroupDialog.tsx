// "New group": a name and an optional description. The create is keyed (Idempotency-Key) so a retry
// after a lost answer can't make the group twice; `group_exists` and the server's field problems show on
// their fields.
import { LoaderCircle } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRef, useState, type SubmitEvent } from 'react';

import { useCreateGroup } from '../../data/groups';
import type { Group, NewGroup } from '../../platform';
import { GroupFields } from './GroupFields';
import { formProblems } from './words';
import './groups.css';

function NewGroupForm({ onCreated }: { onCreated: (group: Group) => void }) {
  const create = useCreateGroup();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  // One key per opening of the dialog (this form mounts when it opens).
  const [openingKey] = useState(() => crypto.randomUUID());
  const sent = useRef<{ key: string; body: string } | null>(null);

  /**
   * The server keeps its answer to a key — a refusal too — and refuses the key when it comes back with
   * other details. So the same details resend under the same key (a retry after a lost answer replays
   * the first), and details changed after a refusal are a new request with a new key.
   */
  const keyFor = (body: NewGroup): string => {
    const text = JSON.stringify(body);
    const previous = sent.current;
    const key = previous === null ? openingKey : previous.body === text ? previous.key : crypto.randomUUID();
    sent.current = { key, body: text };
    return key;
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const group: NewGroup = { name: name.trim(), description: description.trim() };
    create.mutate({ key: keyFor(group), group }, { onSuccess: (created) => onCreated(created.value) });
  };

  const problems = formProblems(create.error);
  return (
    <form onSubmit={submit} className="group-form" noValidate>
      <GroupFields
        name={name}
        description={description}
        problems={problems}
        namePlaceholder="e.g. Support"
        descriptionHint="Optional. Who is in it, or what it's for."
        onChange={(change) => {
          if (change.name !== undefined) setName(change.name);
          if (change.description !== undefined) setDescription(change.description);
          // The refusal was about what was sent; what is being typed hasn't been checked yet.
          if (create.isError) create.reset();
        }}
      />
      <div className="dialog-actions">
        <Dialog.Close asChild>
          <button type="button" className="btn btn-secondary" disabled={create.isPending}>
            Cancel
          </button>
        </Dialog.Close>
        <button type="submit" className="btn btn-primary" disabled={create.isPending || name.trim() === ''}>
          {create.isPending ? (
            <>
              <LoaderCircle size={14} className="spin" aria-hidden="true" />
              Creating…
            </>
          ) : (
            'Create group'
          )}
        </button>
      </div>
    </form>
  );
}

export function NewGroupDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (group: Group) => void;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" data-testid="new-group-dialog">
          <Dialog.Title className="dialog-title">New group</Dialog.Title>
          <Dialog.Description className="dialog-description">
            Groups organise your team for call flows and analytics. You can add people next.
          </Dialog.Description>
          <NewGroupForm onCreated={onCreated} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
