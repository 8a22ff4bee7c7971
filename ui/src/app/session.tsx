// Who is signed in, to which workspace, and whether the app can reach it. `SessionGate` (./SessionGate.tsx)
// builds the session from the backend's `WorkspaceState` and `me()`, and supplies the actions that change
// it (switch, sign out, add a workspace).
import { createContext, useContext, type ReactNode } from 'react';

import type { Role, WorkspaceKind } from '../platform';

export interface SessionWorkspace {
  id: string;
  name: string;
  serverUrl: string;
  /** What the switcher shows under the name: the server's host, or "This computer". */
  place: string;
  kind: WorkspaceKind;
}

export interface SessionUser {
  name: string;
  email: string;
  /** The user's role in this workspace; null until the server has said. */
  role: Role | null;
}

/** What the app has seen of the server: `unknown` until a request has answered or failed. */
export type Connection = { state: 'unknown' } | { state: 'online' } | { state: 'offline'; queued: number };

export interface Session {
  workspace: SessionWorkspace;
  workspaces: SessionWorkspace[];
  user: SessionUser;
  connection: Connection;
}

/** What only the session gate can do; switching and signing out are data-layer mutations (data/workspaces.ts). */
export interface SessionActions {
  /** Shows the two first-launch choices again, to add a workspace. */
  addWorkspace: () => void;
}

const SessionContext = createContext<Session | null>(null);
const ActionsContext = createContext<SessionActions | null>(null);

export function SessionProvider({
  session,
  actions,
  children,
}: {
  session: Session;
  actions: SessionActions;
  children: ReactNode;
}) {
  return (
    <SessionContext.Provider value={session}>
      <ActionsContext.Provider value={actions}>{children}</ActionsContext.Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}

export function useSessionActions(): SessionActions {
  const actions = useContext(ActionsContext);
  if (actions === null) throw new Error('useSessionActions must be used inside <SessionProvider>');
  return actions;
}

/** "https://acme.example:8443/x" → "acme.example:8443"; anything unparsable is shown as given. */
export function hostOf(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

/** "Aroha Ngata" → "AN", "jordan" → "JO", "" → "?". */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/u).filter((word) => word !== '');
  const first = words[0];
  if (first === undefined) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = last === undefined ? first.slice(0, 2) : `${first.charAt(0)}${last.charAt(0)}`;
  return letters.toUpperCase();
}
