// Who is signed in, to which workspace, and whether the app can reach it. Until the desktop core exposes
// sessions (sign-in, the local workspace, several workspaces), the frame runs on a clearly-labelled
// placeholder so the layout can be built and tested; the shape is what the real data will fill.
import { createContext, useContext, type ReactNode } from 'react';

export interface Workspace {
  id: string;
  name: string;
}

export interface SessionUser {
  name: string;
  email: string;
}

export type Connection = { state: 'online' } | { state: 'offline'; queued: number };

export interface Session {
  workspace: Workspace;
  workspaces: Workspace[];
  user: SessionUser;
  connection: Connection;
}

export const PLACEHOLDER_SESSION: Session = {
  workspace: { id: 'local', name: 'Local workspace' },
  workspaces: [{ id: 'local', name: 'Local workspace' }],
  user: { name: 'Workspace Owner', email: 'owner@localhost' },
  connection: { state: 'online' },
};

const SessionContext = createContext<Session>(PLACEHOLDER_SESSION);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
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
