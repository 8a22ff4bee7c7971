// The first-launch screen, shown instead of the frame while no workspace is configured: open the local
// (embedded) workspace, or sign in to a server with its URL, an email and a password. The same screen adds
// a workspace (with a way back) and signs in again when a session has ended (the form filled in). It only
// presents: the caller (SessionGate) supplies the two actions, and this screen shows their progress and
// errors — an unusable server address under its field, anything else as an alert, in the backend's words.
import { useMutation } from '@tanstack/react-query';
import { AlertCircle, ArrowLeft, ArrowLeftRight, ChevronRight, HardDrive, LoaderCircle, Server } from 'lucide-react';
import { useId, useState, type SubmitEvent } from 'react';

import { PlatformError } from '../platform';

import './FirstLaunch.css';

export interface SignInDetails {
  serverUrl: string;
  email: string;
  password: string;
}

type Field = keyof SignInDetails;

/** Checks the form in the user's words; the server has the last say. */
export function validateSignIn(details: SignInDetails): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  const url = details.serverUrl.trim();
  if (url === '') {
    problems.serverUrl = 'Enter the address of your Switchboard server.';
  } else {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (parsed === null || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
      problems.serverUrl = 'Enter a full address starting with https://, for example https://acme.switchboard.example';
    }
  }
  if (!/^[^\s@]+@[^\s@]+$/u.test(details.email.trim())) {
    problems.email = 'Enter the email address you sign in with.';
  }
  if (details.password === '') {
    problems.password = 'Enter your password.';
  }
  return problems;
}

function Pending({ label }: { label: string }) {
  return (
    <>
      <LoaderCircle size={14} className="spin" aria-hidden="true" />
      {label}
    </>
  );
}

function ErrorLine({ message }: { message: string }) {
  return (
    <div className="alert alert-danger" role="alert">
      <AlertCircle size={16} aria-hidden="true" />
      <p>{message}</p>
    </div>
  );
}

/** Errors the backend ties to one field are shown under it; the rest as an alert above the buttons. */
const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  invalid_server_url: 'serverUrl',
};

function SignInForm({
  onSignIn,
  onBack,
  initial,
}: {
  onSignIn: (details: SignInDetails) => Promise<void>;
  onBack: () => void;
  initial?: Partial<SignInDetails> | undefined;
}) {
  const id = useId();
  const [details, setDetails] = useState<SignInDetails>({
    serverUrl: initial?.serverUrl ?? '',
    email: initial?.email ?? '',
    password: '',
  });
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const signIn = useMutation({
    mutationFn: (submitted: SignInDetails) => onSignIn(submitted),
    onError: (error) => {
      const field = error instanceof PlatformError ? FIELD_OF_CODE[error.code] : undefined;
      if (field !== undefined) setProblems({ [field]: error.message });
    },
  });
  const errorField = signIn.error instanceof PlatformError ? FIELD_OF_CODE[signIn.error.code] : undefined;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validateSignIn(details);
    setProblems(found);
    const firstProblem = (['serverUrl', 'email', 'password'] as const).find((name) => name in found);
    if (firstProblem !== undefined) {
      // Keyboard users land on what needs fixing.
      const input = event.currentTarget.elements.namedItem(firstProblem);
      if (input instanceof HTMLInputElement) input.focus();
      return;
    }
    signIn.mutate({ ...details, serverUrl: details.serverUrl.trim(), email: details.email.trim() });
  };

  const field = (name: Field, label: string, type: string, autoComplete: string, placeholder?: string) => {
    const inputId = `${id}-${name}`;
    const problem = problems[name];
    return (
      <div className="field">
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          name={name}
          type={type}
          className="input"
          autoComplete={autoComplete}
          placeholder={placeholder}
          spellCheck={false}
          value={details[name]}
          aria-invalid={problem !== undefined}
          aria-describedby={problem === undefined ? undefined : `${inputId}-problem`}
          disabled={signIn.isPending}
          // The field it belongs to gets focus first when the form is filled in for signing in again.
          autoFocus={name === 'password' && initial?.email !== undefined}
          onChange={(event) => setDetails({ ...details, [name]: event.target.value })}
        />
        {problem !== undefined && (
          <p className="field-problem" id={`${inputId}-problem`}>
            {problem}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="first-launch-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 className="first-launch-subtitle" id={`${id}-title`}>
        Sign in to a server
      </h2>
      {field('serverUrl', 'Server URL', 'url', 'url', 'https://acme.switchboard.example')}
      {field('email', 'Email', 'email', 'username', 'you@example.com')}
      {field('password', 'Password', 'password', 'current-password')}
      {signIn.isError && errorField === undefined && <ErrorLine message={signIn.error.message} />}
      <div className="first-launch-actions">
        <button type="button" className="btn btn-ghost" onClick={onBack} disabled={signIn.isPending}>
          <ArrowLeft size={14} aria-hidden="true" />
          Back
        </button>
        <button type="submit" className="btn btn-primary" data-testid="sign-in-submit" disabled={signIn.isPending}>
          {signIn.isPending ? <Pending label="Signing in…" /> : 'Sign in'}
        </button>
      </div>
    </form>
  );
}

export function FirstLaunch({
  onOpenLocal,
  onSignIn,
  title = 'Welcome to Switchboard',
  notice,
  signIn,
  onCancel,
  elsewhere = [],
  onGoElsewhere,
}: {
  onOpenLocal: () => Promise<void>;
  onSignIn: (details: SignInDetails) => Promise<void>;
  title?: string | undefined;
  /** A sentence above the choices, e.g. why the user has to sign in again. */
  notice?: string | undefined;
  /** Opens the sign-in form at once, filled in with these (signing in again to a known server). */
  signIn?: Partial<SignInDetails> | undefined;
  /** Present when there is somewhere to go back to (adding a workspace). */
  onCancel?: (() => void) | undefined;
  /** Other workspaces on this computer to go to instead (a session ended in this one). */
  elsewhere?: { id: string; name: string }[] | undefined;
  onGoElsewhere?: ((workspaceId: string) => Promise<void>) | undefined;
}) {
  const [mode, setMode] = useState<'choose' | 'sign-in'>(signIn === undefined ? 'choose' : 'sign-in');
  const openLocal = useMutation({ mutationFn: () => onOpenLocal() });
  const goElsewhere = useMutation({ mutationFn: (workspaceId: string) => onGoElsewhere?.(workspaceId) ?? Promise.resolve() });

  return (
    <main className="first-launch" data-testid="first-launch">
      <div className="first-launch-card">
        <span className="first-launch-mark" aria-hidden="true">
          S
        </span>
        <h1 className="first-launch-title">{title}</h1>
        <p className="first-launch-text">
          {notice ?? 'Administer your team’s people, phone numbers and policy.'}
        </p>

        {mode === 'choose' ? (
          <>
            <ul className="first-launch-choices">
              <li>
                <button
                  type="button"
                  className="choice"
                  data-testid="open-local-workspace"
                  aria-busy={openLocal.isPending || undefined}
                  disabled={openLocal.isPending}
                  onClick={() => openLocal.mutate()}
                >
                  <HardDrive size={18} strokeWidth={1.75} aria-hidden="true" />
                  <span className="choice-text">
                    <span className="choice-title">
                      {openLocal.isPending ? <Pending label="Opening the local workspace…" /> : 'Open a local workspace'}
                    </span>
                    <span className="choice-description">
                      A demo team kept on this computer. Nothing is sent anywhere.
                    </span>
                  </span>
                  <ChevronRight size={16} aria-hidden="true" className="choice-chevron" />
                </button>
              </li>
              <li>
                <button
                  type="button"
                  className="choice"
                  data-testid="sign-in-to-server"
                  disabled={openLocal.isPending}
                  onClick={() => setMode('sign-in')}
                >
                  <Server size={18} strokeWidth={1.75} aria-hidden="true" />
                  <span className="choice-text">
                    <span className="choice-title">Sign in to a server</span>
                    <span className="choice-description">Your team’s Switchboard server, with your email and password.</span>
                  </span>
                  <ChevronRight size={16} aria-hidden="true" className="choice-chevron" />
                </button>
              </li>
            </ul>
            {openLocal.isError && <ErrorLine message={openLocal.error.message} />}
            {onCancel !== undefined && (
              <div className="first-launch-actions">
                <button type="button" className="btn btn-ghost" onClick={onCancel} disabled={openLocal.isPending}>
                  <ArrowLeft size={14} aria-hidden="true" />
                  Cancel
                </button>
              </div>
            )}
          </>
        ) : (
          <SignInForm onSignIn={onSignIn} onBack={() => setMode('choose')} initial={signIn} />
        )}
        {onGoElsewhere !== undefined && elsewhere.length > 0 && (
          <nav className="first-launch-elsewhere" aria-label="Other workspaces">
            <p className="first-launch-elsewhere-title">Or go to another workspace</p>
            <ul>
              {elsewhere.map((workspace) => (
                <li key={workspace.id}>
                  <button
                    type="button"
                    className="btn btn-ghost"
                    disabled={goElsewhere.isPending}
                    onClick={() => goElsewhere.mutate(workspace.id)}
                  >
                    <ArrowLeftRight size={14} aria-hidden="true" />
                    Switch to {workspace.name}
                  </button>
                </li>
              ))}
            </ul>
            {goElsewhere.isError && <ErrorLine message={goElsewhere.error.message} />}
          </nav>
        )}
      </div>
    </main>
  );
}
