// "Create token": a name for it (the identity provider's, so the owner knows which to revoke later), then
// the secret, once, with Copy. The secret lives in this dialog's state only, cleared when it closes; the
// finished write is reset at once so the query client keeps no copy.
import { AlertCircle, LoaderCircle, TriangleAlert } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useRef, useState, type SubmitEvent } from 'react';

import { CopyButton, useCopy } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { useCreateProvisioningToken } from '../../data/provisioning';
import { PlatformError, type CreatedProvisioningToken } from '../../platform';

function NameStep({ onCreated }: { onCreated: (created: CreatedProvisioningToken) => void }) {
  const create = useCreateProvisioningToken();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const fieldProblem = create.error instanceof PlatformError ? create.error.fieldError('name') : undefined;
  const otherProblem = create.error !== null && fieldProblem === undefined ? create.error.message : null;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const trimmed = name.trim();
    if (trimmed === '') {
      setProblem('Enter a name, such as the identity provider’s.');
      return;
    }
    create.mutate(
      { name: trimmed },
      {
        onSuccess: (created) => {
          onCreated(created);
          create.reset();
        },
      },
    );
  };

  return (
    <>
      <Dialog.Title className="dialog-title">Create a provisioning token</Dialog.Title>
      <Dialog.Description className="dialog-description">
        Name it after the identity provider that will use it, so you know which token to revoke later.
      </Dialog.Description>
      <form className="provisioning-form" onSubmit={submit} noValidate>
        <Field label="Name" error={problem ?? fieldProblem}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="text"
              placeholder="e.g. Okta"
              autoComplete="off"
              // The dialog was opened to type this.
              autoFocus
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                setProblem(null);
                if (create.isError) create.reset();
              }}
            />
          )}
        </Field>
        {otherProblem !== null && (
          <div className="alert alert-danger" role="alert">
            <AlertCircle size={16} aria-hidden="true" />
            <p>{otherProblem}</p>
          </div>
        )}
        <div className="dialog-actions">
          <Dialog.Close asChild>
            <button type="button" className="btn btn-secondary" disabled={create.isPending}>
              Cancel
            </button>
          </Dialog.Close>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? (
              <>
                <LoaderCircle size={14} className="spin" aria-hidden="true" />
                Creating…
              </>
            ) : (
              'Create token'
            )}
          </button>
        </div>
      </form>
    </>
  );
}

function SecretStep({ created }: { created: CreatedProvisioningToken }) {
  const shown = useRef<HTMLElement>(null);
  const { copy, copied, status } = useCopy(created.token, shown);
  return (
    <>
      <Dialog.Title className="dialog-title">Copy the token for {created.provisioning_token.name}</Dialog.Title>
      <Dialog.Description className="dialog-description">
        Paste it into your identity provider’s provisioning settings, with the SCIM base URL.
      </Dialog.Description>
      <div className="provisioning-secret">
        <code className="provisioning-secret-value selectable" ref={shown} data-testid="provisioning-secret">
          {created.token}
        </code>
        <CopyButton copied={copied} onCopy={copy} label="Copy the token" />
      </div>
      <p className="provisioning-status" role="status">
        {status}
      </p>
      <div className="alert alert-warning" data-testid="provisioning-once">
        <TriangleAlert size={16} aria-hidden="true" />
        <p>
          <strong>You won’t see this token again.</strong> Copy it now; if it’s lost, revoke it and create another.
        </p>
      </div>
      <div className="dialog-actions">
        <Dialog.Close asChild>
          <button type="button" className="btn btn-primary">
            Done
          </button>
        </Dialog.Close>
      </div>
    </>
  );
}

export function CreateTokenDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [created, setCreated] = useState<CreatedProvisioningToken | null>(null);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        // The secret goes when the dialog does; opening it again starts from the name.
        if (!next) setCreated(null);
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog provisioning-dialog"
          data-testid="create-token-dialog"
          // A stray click beside the dialog mustn't throw away a secret that can't be shown again.
          onInteractOutside={(event) => {
            if (created !== null) event.preventDefault();
          }}
        >
          {created === null ? <NameStep onCreated={setCreated} /> : <SecretStep created={created} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
