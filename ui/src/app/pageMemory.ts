// The page the user was on, kept per workspace by the core (`rememberPage`, in workspaces.json beside the
// workspace) so the next launch opens there. Only the page and its tab are kept — never an open sheet, a
// member's id or a search — so nothing a page shows is written down, and a restored page never reopens a
// dialog by itself.
import { useEffect, useRef } from 'react';

import { useRememberPage, useWorkspaceState } from '../data/workspaces';
import { useNavigation, type MembersTab, type NumbersShown, type Route, type SettingsTab } from './navigation';

const MEMBERS_TABS: readonly MembersTab[] = ['members', 'invitations', 'groups'];
const SETTINGS_TABS: readonly SettingsTab[] = ['account', 'appearance'];
const NUMBERS_SHOWN: readonly NumbersShown[] = ['all', 'assigned', 'reserve'];

/** A route's page name: `members/invitations`, `numbers/reserve`, `home`. */
export function pageOf(route: Route): string {
  switch (route.page) {
    case 'members':
      return `members/${route.tab}`;
    case 'settings':
      return `settings/${route.tab}`;
    case 'numbers':
      return route.shown === undefined || route.shown === 'all' ? 'numbers' : `numbers/${route.shown}`;
    case 'home':
    case 'directory':
    case 'configuration':
    case 'activity':
      return route.page;
  }
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** The route a page name stands for; null for a name this build doesn't know (a newer one wrote it). */
export function routeOfPage(name: string | undefined): Route | null {
  if (name === undefined) return null;
  const [page, part, ...rest] = name.split('/');
  if (rest.length > 0) return null;
  switch (page) {
    case 'home':
    case 'directory':
    case 'configuration':
    case 'activity':
      return part === undefined ? { page } : null;
    case 'members': {
      const tab = oneOf(MEMBERS_TABS, part);
      return tab === undefined ? null : { page: 'members', tab };
    }
    case 'settings': {
      const tab = oneOf(SETTINGS_TABS, part);
      return tab === undefined ? null : { page: 'settings', tab };
    }
    case 'numbers': {
      if (part === undefined) return { page: 'numbers' };
      const shown = oneOf(NUMBERS_SHOWN, part);
      return shown === undefined ? null : { page: 'numbers', shown };
    }
    default:
      return null;
  }
}

/**
 * Opens the page remembered for the open workspace when its frame appears (at launch, or on switching to
 * it), then remembers each page the user goes to. Mounted once per workspace (the frame is keyed by it).
 */
export function usePageMemory(workspaceId: string): void {
  const { route, navigate } = useNavigation();
  const { data: state } = useWorkspaceState();
  const { mutate: remember } = useRememberPage();
  const remembered = state?.workspaces.find((workspace) => workspace.id === workspaceId)?.lastPage;
  // What is on disk for this workspace, so staying on a page (or a sheet opening on it) writes nothing.
  const saved = useRef<string | undefined>(remembered);
  // The page being restored: until the route reaches it, the route is the previous workspace's (or the
  // launch's Home) and must not be written down as this one's.
  const restoring = useRef<string | null>(null);

  useEffect(() => {
    const restored = routeOfPage(saved.current);
    if (restored !== null && pageOf(restored) !== pageOf(route)) {
      restoring.current = pageOf(restored);
      navigate(restored);
    }
    // Only when the frame appears: later the user's own navigation leads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const page = pageOf(route);
    if (restoring.current !== null) {
      if (page !== restoring.current) return;
      restoring.current = null;
    }
    if (page === saved.current) return;
    saved.current = page;
    remember({ workspaceId, page });
  }, [route, workspaceId, remember]);
}
