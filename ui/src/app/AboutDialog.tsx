// "About Switchboard": the running app's version, commit and build profile, read from the backend
// (`app_info`) each time the panel opens without a cached answer. The data-testids are used by the
// end-to-end test in tests/ — keep them stable.
import { AlertCircle, RotateCw, X } from 'lucide-react';
import { Dialog } from 'radix-ui';

import { useAppInfo } from '../data/app';
import './AboutDialog.css';

function AppInfoDetails() {
  const query = useAppInfo();

  if (query.isError && !query.isFetching) {
    return (
      <div className="about-error">
        <div className="alert alert-danger" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <div>
            <p className="about-error-title">Couldn’t read this app’s version information.</p>
            <p data-testid="about-error-message">{query.error.message}</p>
          </div>
        </div>
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() => {
            void query.refetch();
          }}
        >
          <RotateCw size={14} aria-hidden="true" />
          Retry
        </button>
      </div>
    );
  }

  const info = query.data;
  return (
    <dl className="about-details" aria-busy={info === undefined}>
      <dt>Version</dt>
      <dd className="tabular selectable" data-testid={info ? 'about-version' : undefined}>
        {info ? info.version : <span className="skeleton" style={{ width: 56 }} />}
      </dd>
      <dt>Commit</dt>
      <dd className="mono selectable" data-testid={info ? 'about-commit' : undefined}>
        {info ? info.commit : <span className="skeleton" style={{ width: 96 }} />}
      </dd>
      <dt>Build</dt>
      <dd className="selectable" data-testid={info ? 'about-profile' : undefined}>
        {info ? info.profile : <span className="skeleton" style={{ width: 48 }} />}
      </dd>
    </dl>
  );
}

export function AboutDialog({
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: ((event: Event) => void) | undefined;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog about-dialog"
          onOpenAutoFocus={(event) => {
            // Focus the panel itself rather than its Close button: reading comes first, Tab reaches Close.
            event.preventDefault();
            if (event.currentTarget instanceof HTMLElement) event.currentTarget.focus();
          }}
          onCloseAutoFocus={onCloseAutoFocus}
        >
          <div className="dialog-header">
            <Dialog.Title className="dialog-title">About Switchboard</Dialog.Title>
            <Dialog.Close className="btn btn-ghost icon-btn" aria-label="Close">
              <X size={16} aria-hidden="true" />
            </Dialog.Close>
          </div>
          <Dialog.Description className="dialog-description">
            The desktop app for administering your team on a cloud business-phone system.
          </Dialog.Description>
          <AppInfoDetails />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
