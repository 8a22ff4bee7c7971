// "Remove Jordan Lee?" — a confirmation that says exactly what will happen, runs the action itself
// (showing progress and the backend's words if it fails), and closes when the action succeeds.
import { AlertCircle, LoaderCircle } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';

export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  pendingLabel,
  destructive = false,
  pending,
  error,
  onConfirm,
  confirmDisabled = false,
  testId,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** What happens, in a sentence or two; may hold choices (e.g. where the numbers go). */
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the button while the action runs, e.g. "Removing…". */
  pendingLabel: string;
  destructive?: boolean;
  pending: boolean;
  error: Error | null;
  onConfirm: () => void;
  confirmDisabled?: boolean;
  testId?: string | undefined;
}) {
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(value) => {
        if (!pending) onOpenChange(value);
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid={testId}>
          <AlertDialog.Title className="dialog-title">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="dialog-description">{children}</div>
          </AlertDialog.Description>
          {error !== null && (
            <div className="alert alert-danger dialog-alert" role="alert">
              <AlertCircle size={16} aria-hidden="true" />
              <p>{error.message}</p>
            </div>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn-secondary" disabled={pending}>
                Cancel
              </button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className={`btn ${destructive ? 'btn-danger' : 'btn-primary'}`}
              disabled={pending || confirmDisabled}
              onClick={onConfirm}
            >
              {pending ? (
                <>
                  <LoaderCircle size={14} className="spin" aria-hidden="true" />
                  {pendingLabel}
                </>
              ) : (
                confirmLabel
              )}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
