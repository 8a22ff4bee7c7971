// A change was refused with 412 `precondition_failed`: someone else changed the thing while the user was
// editing. Says who/what, lists the fields that now differ, and offers Reload (take theirs) or Keep
// editing (look again before saving).
import { AlertDialog } from 'radix-ui';
import { useRef } from 'react';

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
