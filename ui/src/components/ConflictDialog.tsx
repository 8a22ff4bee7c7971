// A change was refused with 412 `precondition_failed`: someone else changed the thing while the user was
// editing. Says who/what, lists the fields that now differ, and offers Reload (take theirs) or Keep
// editing (look again before saving). `useConflict` is the state a sheet keeps around it.
import { AlertDialog } from 'radix-ui';
import { useRef, useState } from 'react';

export interface ConflictField {
  label: string;
  /** What the user had when they started. */
  before: string;
  /** What the server holds now. */
  now: string;
}

export function ConflictDialog({
  open,
  subject,
  fields,
  onReload,
  onKeepEditing,
}: {
  open: boolean;
  /** Who or what changed, e.g. "Jordan Lee" or "the configuration". */
  subject: string;
  /** The fields that differ between what the user started from and what the server holds now. */
  fields: readonly ConflictField[];
  onReload: () => void;
  onKeepEditing: () => void;
}) {
  // Reload closes the dialog too; only a close that isn't Reload (Keep editing, Esc) keeps editing.
  const reloading = useRef(false);
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(value) => {
        if (value) return;
        if (reloading.current) reloading.current = false;
        else onKeepEditing();
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="conflict-dialog">
          <AlertDialog.Title className="dialog-title">Someone else changed {subject}</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            Someone else changed {subject} while you were editing, so your change wasn’t saved.
            {fields.length === 0 ? ' Reload to see theirs.' : ' What changed:'}
          </AlertDialog.Description>
          {fields.length > 0 && (
            <ul className="conflict-fields">
              {fields.map((field) => (
                <li key={field.label}>
                  <strong>{field.label}</strong>: {field.before} → {field.now}
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn-secondary">
                Keep editing
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => {
                  reloading.current = true;
                  onReload();
                }}
              >
                Reload
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

/**
 * A sheet's conflicts: `onConflict(subject, base)` when a change to the sheet's own resource was refused
 * (the dialog opens once the server's version is read, and until the user chooses the sheet keeps showing
 * `pinned`, what they started from); `onOtherConflict(subject)` when a change to something else it shows
 * (a number, a group) was. Either choice reads everything again; after Keep editing, `notice` says the
 * change wasn't saved.
 */
export function useConflict<T>({
  refetch,
  differences,
  reload,
  keptEditing,
}: {
  /** The resource as the server holds it now. */
  refetch: () => Promise<T | undefined>;
  differences: (before: T, now: T) => ConflictField[];
  reload: () => void;
  /** The notice after Keep editing: the change to `subject` wasn't saved. */
  keptEditing: (subject: string) => string;
}) {
  const [conflict, setConflict] = useState<{ subject: string; fields: ConflictField[] | null; pinned: T | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The dialog reports Reload and then its closing as Keep editing; the first answer counts.
  const settled = useRef(false);

  const onConflict = (subject: string, base: T) => {
    settled.current = false;
    setNotice(null);
    setConflict({ subject, fields: null, pinned: base });
    void refetch().then((now) => {
      setConflict((current) => (current === null ? null : { ...current, fields: now === undefined ? [] : differences(base, now) }));
    });
  };
  const onOtherConflict = (subject: string) => {
    settled.current = false;
    setNotice(null);
    setConflict({ subject, fields: [], pinned: null });
  };
  const settle = (keepEditing: boolean) => {
    if (settled.current || conflict === null) return;
    settled.current = true;
    setConflict(null);
    // Whatever the choice, changes are next made against what the server holds now, and the list
    // behind the sheet shows it too.
    reload();
    setNotice(keepEditing ? keptEditing(conflict.subject) : null);
  };

  return {
    /** A conflict is open: nothing should be changed until the user chooses. */
    active: conflict !== null,
    /** What the user started from, shown until they choose. */
    pinned: conflict?.pinned ?? null,
    notice,
    onConflict,
    onOtherConflict,
    /** The props of the `ConflictDialog` to render. */
    dialog: {
      open: conflict !== null && conflict.fields !== null,
      subject: conflict?.subject ?? '',
      fields: conflict?.fields ?? [],
      onReload: () => settle(false),
      onKeepEditing: () => settle(true),
    },
  };
}
