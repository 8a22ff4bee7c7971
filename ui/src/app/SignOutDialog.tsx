// "Sign out of Acme Ltd?" — the confirmation before signing out of the current workspace, saying which
// one and what happens, to its unsent invites too (signing out discards them). Used by the account menu and
// Settings → Account.
import { AlertCircle, LoaderCircle } from 'lucide-react';
import { AlertDialog } from 'radix-ui';

import { useOutboxEntries } from '../data/outbox';
import { useSignOut } from '../data/workspaces';
import type { OutboxEntry } from '../platform';
import { useSession } from './session';

/** What signing out does to the workspace's invites that haven't been sent; null when there are none. */
export function unsentWords(entries: readonly OutboxEntry[] | undefined): string | null {
  if (entries === undefined || entries.length === 0) return null;
  const one = entries.length === 1;
  // Those the server refused wait in the outbox too, so "queued" only when none did.
  const what = entries.every((entry) => entry.state === 'queued') ? 'queued invite' : 'invite';
  return `${entries.length.toLocaleString()} ${what}${one ? '' : 's'} that ${one ? 'hasn’t' : 'haven’t'} been sent will be discarded.`;
}

export function SignOutDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const { workspace, workspaces } = useSession();
  const signingOut = useSignOut();
  // The outbox lists the open workspace's invites, which is the one this signs out of.
  const unsent = unsentWords(useOutboxEntries().data);
  const others = workspaces.filter((item) => item.id !== workspace.id);
  const next = others[0];

  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(value) => {
        if (signingOut.isPending) return;
        if (!value) signingOut.reset();
        onOpenChange(value);
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-testid="sign-out-dialog">
          <AlertDialog.Title className="dialog-title">Sign out of {workspace.name}?</AlertDialog.Title>
          <AlertDialog.Description className="dialog-description">
            {workspace.kind === 'local'
              ? 'Switchboard forgets the local workspace’s sign-in; its data stays on this computer.'
              : `Switchboard removes your sign-in for ${workspace.place} from this computer’s keychain.`}{' '}
            {next === undefined
              ? 'You can sign in or open a local workspace again afterwards.'
              : `${next.name} will be shown next.`}
            {unsent !== null && <strong> {unsent}</strong>}
          </AlertDialog.Description>
          {signingOut.isError && (
            <div className="alert alert-danger dialog-alert" role="alert">
              <AlertCircle size={16} aria-hidden="true" />
              <p>{signingOut.error.message}</p>
            </div>
          )}
          <div className="dialog-actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="btn btn-secondary" disabled={signingOut.isPending}>
                Cancel
              </button>
            </AlertDialog.Cancel>
            <button
              type="button"
              className="btn btn-danger"
              data-testid="sign-out-confirm"
              disabled={signingOut.isPending}
              onClick={() => signingOut.mutate(workspace.id)}
            >
              {signingOut.isPending ? (
                <>
                  <LoaderCircle size={14} className="spin" aria-hidden="true" />
                  Signing out…
                </>
              ) : (
                'Sign out'
              )}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
