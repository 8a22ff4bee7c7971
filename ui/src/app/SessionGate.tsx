// Decides what the window shows: the first-launch choices while no workspace is open (or while adding
// one), the sign-in form filled in when the current workspace's session has ended, and otherwise the frame
// for the current workspace with the real session (workspace list from `workspaces()`, the user from
// `me()`). Everything read from a workspace is keyed by its id (`workspaceKey`), and the frame is keyed by
// it too, so switching shows the other workspace's data and state, fetched afresh.
import { useQueryClient } from '@tanstack/react-query';
import { AlertCircle, RotateCw } from 'lucide-react';
import { Fragment, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

import { useReachability } from '../data/connection';
import { useMe } from '../data/me';
import { WORKSPACES_QUERY_KEY } from '../data/keys';
import { useEnterWorkspace, useSwitchWorkspace, useWorkspaceState } from '../data/workspaces';
import type { Workspace, WorkspaceState } from '../platform';
import { FirstLaunch, type SignInDetails } from './FirstLaunch';
import { onSessionProblem } from './queryClient';
import { ADMIN_HOME, useNavigation } from './navigation';
import {
  hostOf,
  SessionProvider,
  type Connection,
  type Session,
  type SessionActions,
  type SessionWorkspace,
} from './session';

function toSessionWorkspace(workspace: Workspace): SessionWorkspace {
  return {
    id: workspace.id,
    name: workspace.displayName,
    serverUrl: workspace.serverUrl,
    place: workspace.kind === 'local' ? 'This computer' : hostOf(workspace.serverUrl),
    kind: workspace.kind,
  };
}

function SignedIn({
  state,
  current,
  connection,
  actions,
  children,
}: {
  state: WorkspaceState;
  current: Workspace;
  /** Overrides what the app observes of the server (tests). */
  connection: Connection | undefined;
  actions: SessionActions;
  children: ReactNode;
}) {
  const me = useMe(current.id);
  const observed = useReachability(current.id);
  const shown = connection ?? observed;
  const member = me.data?.value;
  const session = useMemo<Session>(
    () => ({
      workspace: toSessionWorkspace(current),
      workspaces: state.workspaces.map(toSessionWorkspace),
      // Until `me()` answers, the name and email remembered with the workspace.
      user: {
        name: member?.name ?? current.userName,
        email: member?.email ?? current.userEmail,
        role: member?.role ?? null,
      },
      connection: shown,
    }),
    [current, state.workspaces, member?.name, member?.email, member?.role, shown],
  );
  return (
    <SessionProvider session={session} actions={actions}>
      <Fragment key={current.id}>{children}</Fragment>
    </SessionProvider>
  );
}

function Starting({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  return (
    <main className="first-launch" aria-busy={error === null}>
      {error === null ? (
        <span className="visually-hidden">Starting Switchboard…</span>
      ) : (
        <div className="first-launch-card">
          <div className="alert alert-danger" role="alert">
            <AlertCircle size={16} aria-hidden="true" />
            <p>{error.message}</p>
          </div>
          <div className="first-launch-actions">
            <button type="button" className="btn btn-secondary" onClick={onRetry}>
              <RotateCw size={14} aria-hidden="true" />
              Try again
            </button>
          </div>
        </div>
      )}
    </main>
  );
}

export function SessionGate({ connection, children }: { connection?: Connection | undefined; children: ReactNode }) {
  const client = useQueryClient();
  const { navigate } = useNavigation();
  const stateQuery = useWorkspaceState();
  const enter = useEnterWorkspace();
  const { mutateAsync: switchWorkspace } = useSwitchWorkspace();
  const [adding, setAdding] = useState(false);
  /** The workspace whose session ended (a read or write answered `signed_out`). */
  const [signedOut, setSignedOut] = useState<string | null>(null);

  useEffect(
    () =>
      onSessionProblem(client, ({ code, workspaceId }) => {
        if (code === 'no_workspace') void client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
        else {
          // A write is for the current workspace when it doesn't say otherwise.
          const current = client.getQueryData<WorkspaceState>(WORKSPACES_QUERY_KEY)?.current ?? null;
          const ended = workspaceId ?? current;
          if (ended !== null) setSignedOut(ended);
        }
      }),
    [client],
  );

  const { mutateAsync: enterWorkspace } = enter;
  const entered = useCallback(
    async (signIn: SignInDetails | 'local') => {
      await enterWorkspace({ signIn, ended: signedOut });
      setAdding(false);
      setSignedOut(null);
      navigate(ADMIN_HOME);
    },
    [enterWorkspace, navigate, signedOut],
  );
  const openLocal = useCallback(() => entered('local'), [entered]);
  const signIn = useCallback((details: SignInDetails) => entered(details), [entered]);

  const actions = useMemo<SessionActions>(() => ({ addWorkspace: () => setAdding(true) }), []);

  if (stateQuery.data === undefined) {
    return <Starting error={stateQuery.error} onRetry={() => void stateQuery.refetch()} />;
  }
  const state = stateQuery.data;
  const current = state.workspaces.find((workspace) => workspace.id === state.current);

  if (current === undefined || adding) {
    return (
      <FirstLaunch
        key={adding ? 'adding' : 'first'}
        onOpenLocal={openLocal}
        onSignIn={signIn}
        title={current === undefined ? undefined : 'Add a workspace'}
        onCancel={current === undefined ? undefined : () => setAdding(false)}
      />
    );
  }

  if (signedOut === current.id) {
    const local = current.kind === 'local';
    return (
      <FirstLaunch
        key={`signed-out-${current.id}`}
        onOpenLocal={openLocal}
        onSignIn={signIn}
        title="Sign in again"
        notice={
          local
            ? `Your session in ${current.displayName} has ended. Open the local workspace to continue.`
            : `Your session in ${current.displayName} has ended. Sign in again to continue.`
        }
        signIn={local ? undefined : { serverUrl: current.serverUrl, email: current.userEmail }}
        elsewhere={state.workspaces
          .filter((workspace) => workspace.id !== current.id)
          .map((workspace) => ({ id: workspace.id, name: workspace.displayName }))}
        onGoElsewhere={async (workspaceId) => {
          await switchWorkspace(workspaceId);
        }}
      />
    );
  }

  return (
    <SignedIn state={state} current={current} connection={connection} actions={actions}>
      {children}
    </SignedIn>
  );
}
