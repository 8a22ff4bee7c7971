// Settings → Account → Name: shown as text with Edit (or, when an identity provider manages it, locked); editing saves through `update_me`. The server's
// word on the field (too long, empty) shows under the input; a change made elsewhere meanwhile (412) is
// loaded so the user can look and save again.
import { LoaderCircle, Pencil } from 'lucide-react';
import { useState, type SyntheticEvent } from 'react';

import { useSession } from '../../app/session';
import { ManagedNote } from '../../components/ManagedNote';
import { useMe, useUpdateMe } from '../../data/me';
import { hasCode, PlatformError } from '../../platform';

const MAX_NAME = 200;

export function NameField() {
  const { workspace, user } = useSession();
  const me = useMe(workspace.id);
  const update = useUpdateMe();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const etag = me.data?.etag;

  const save = (event: SyntheticEvent) => {
    event.preventDefault();
    if (draft === null || etag === undefined) return;
    const name = draft.trim();
    if (name === '') {
      setProblem('Enter your name.');
      return;
    }
    if (name.length > MAX_NAME) {
      setProblem(`Use at most ${String(MAX_NAME)} characters.`);
      return;
    }
    if (name === user.name) {
      setDraft(null);
      return;
    }
    setProblem(null);
    update.mutate(
      { etag, patch: { name } },
      {
        onSuccess: () => setDraft(null),
        onError: (error) => {
          if (hasCode(error, 'precondition_failed')) {
            void me.refetch();
            setProblem('Your profile changed elsewhere meanwhile; it has been reloaded. Save again to use this name.');
          } else {
            setProblem(error instanceof PlatformError ? (error.fieldError('name') ?? error.message) : error.message);
          }
        },
      },
    );
  };

  // The identity provider owns this name: shown as it is, with where it is changed.
  if (me.data?.value.managed_by === 'identity_provider') {
    return (
      <span className="name-field">
        <span className="selectable">{user.name}</span>
        <ManagedNote testId="name-managed" />
      </span>
    );
  }

  if (draft === null) {
    return (
      <span className="name-field">
        <span className="selectable">{user.name}</span>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          disabled={etag === undefined}
          onClick={() => {
            setDraft(user.name);
            setProblem(null);
          }}
        >
          <Pencil size={12} aria-hidden="true" />
          Edit<span className="visually-hidden"> name</span>
        </button>
      </span>
    );
  }

  return (
    <form className="name-field-form" onSubmit={save} noValidate>
      <label className="visually-hidden" htmlFor="settings-name">
        Name
      </label>
      <input
        id="settings-name"
        className="input"
        value={draft}
        maxLength={MAX_NAME + 50}
        autoComplete="name"
        aria-invalid={problem !== null || undefined}
        aria-describedby={problem === null ? undefined : 'settings-name-problem'}
        // Editing was asked for just now: the field is where the user is looking.
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            setDraft(null);
          }
        }}
      />
      <span className="name-field-actions">
        <button type="submit" className="btn btn-primary btn-sm" disabled={update.isPending}>
          {update.isPending && <LoaderCircle size={12} className="spin" aria-hidden="true" />}
          {update.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn btn-secondary btn-sm" disabled={update.isPending} onClick={() => setDraft(null)}>
          Cancel
        </button>
      </span>
      {problem !== null && (
        <p className="field-problem" id="settings-name-problem" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
