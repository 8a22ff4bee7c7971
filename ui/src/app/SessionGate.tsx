// Decides what the window shows: the first-launch choices while no workspace is open (or while adding
// one), the sign-in form filled in when the current workspace's session has ended, and otherwise the frame
// for the current workspace with the real session (workspace list from `workspaces()`, the user from
// `me()`). Everything read from a workspace is keyed by its id (`workspaceKey`), and the frame is keyed by
// it too, so switching shows the other workspace's data and state, fetched afresh.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, RotateCw } from 'lucide-react';
import { Fragment, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

import { PlatformError, usePlatform, type Workspace, type WorkspaceState } from '../platform';
import { FirstLaunch, type SignInDetails } from './FirstLaunch';
import { ADMIN_HOME, useNavigation } from './navigation';
import {
  hostOf,
  SessionProvider,
  workspaceKey,
  type Connection,
  type Session,
  type SessionActions,
  type SessionWorkspace,
} from './session';

export const WORKSPACES_QUERY_KEY = ['workspaces'] as const;

function isCode(error: unknown, code: string): boolean {
  return error instanceof PlatformError && error.code === code;
}

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
  connection: Connection;
  actions: SessionActions;
  children: ReactNode;
}) {
  const platform = usePlatform();
  const me = useQuery({ queryKey: workspaceKey(current.id, 'me'), queryFn: () => platform.me() });
  const member = me.data?.value;
  const session = useMemo<Session>(
    () => ({
      workspace: toSessionWorkspace(current),
      workspaces: state.workspaces.map(toSessionWorkspace),
      // Until `me()` answers, the name and email remembered with the workspace.
      user: { name: member?.name ?? current.userName, email: member?.email ?? current.userEmail },
      connection,
    }),
    [current, state.workspaces, member?.name, member?.email, connection],
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

export function SessionGate({ connection, children }: { connection: Connection; children: ReactNode }) {
  const platform = usePlatform();
  const client = useQueryClient();
  const { navigate } = useNavigation();
  const stateQuery = useQuery({
    queryKey: WORKSPACES_QUERY_KEY,
    queryFn: () => platform.workspaces(),
    // Only this window changes it, and it does so through the actions below.
    staleTime: Infinity,
  });
  const [adding, setAdding] = useState(false);
  /** The workspace whose session ended (a read answered `signed_out`). */
  const [signedOut, setSignedOut] = useState<string | null>(null);

  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type !== 'updated' || event.action.type !== 'error') return;
        const error = event.action.error as unknown;
        const key = event.query.queryKey as readonly unknown[];
        const [scope, workspaceId] = key;
        if (!(error instanceof PlatformError) || scope !== 'workspace' || typeof workspaceId !== 'string') return;
        if (error.code === 'signed_out') setSignedOut(workspaceId);
        if (error.code === 'no_workspace') void client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
      }),
    [client],
  );

  const entered = useCallback(async () => {
    await client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
    if (signedOut !== null) client.removeQueries({ queryKey: workspaceKey(signedOut) });
    setAdding(false);
    setSignedOut(null);
    navigate(ADMIN_HOME);
  }, [client, navigate, signedOut]);

  const openLocal = useCallback(async () => {
    await platform.openLocalWorkspace();
    await entered();
  }, [platform, entered]);

  const signIn = useCallback(
    async (details: SignInDetails) => {
      await platform.signIn(details);
      await entered();
    },
    [platform, entered],
  );

  const actions = useMemo<SessionActions>(
    () => ({
      switchTo: async (workspaceId) => {
        try {
          const next = await platform.switchWorkspace(workspaceId);
          client.setQueryData(WORKSPACES_QUERY_KEY, next);
        } catch (error) {
          // Gone meanwhile: show the list as it is now, and say so.
          if (isCode(error, 'workspace_not_found')) void client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
          throw error;
        }
      },
      signOut: async (workspaceId) => {
        let next: WorkspaceState;
        try {
          next = await platform.signOut(workspaceId);
        } catch (error) {
          // Already forgotten: that is what signing out wanted.
          if (!isCode(error, 'workspace_not_found')) throw error;
          next = await platform.workspaces();
        }
        const remaining = next.workspaces[0];
        if (next.current === null && remaining !== undefined) next = await platform.switchWorkspace(remaining.id);
        client.setQueryData(WORKSPACES_QUERY_KEY, next);
        client.removeQueries({ queryKey: workspaceKey(workspaceId) });
      },
      addWorkspace: () => setAdding(true),
    }),
    [platform, client],
  );

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
      />
    );
  }

  return (
    <SignedIn state={state} current={current} connection={connection} actions={actions}>
      {children}
    </SignedIn>
  );
}
