// Where the user is. The app has no URLs: a route is a small value, kept in React state, and every page
// and tab the frame can show is listed here.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type MembersTab = 'members' | 'invitations' | 'groups';
export type SettingsTab = 'account' | 'appearance';
/** Which numbers the Phone numbers page lists: all, those someone holds, or those in reserve. */
export type NumbersShown = 'all' | 'assigned' | 'reserve';

// A route also says which sheet or dialog its page has open, so anything that navigates (the command
// palette) can open one, on that page or from elsewhere. The page opens it from the route and closes it by
// navigating to itself without it; what is open is then never in two places, and a closed sheet can't
// come back by itself.
export type Route =
  | { page: 'home' }
  /** `search`: what the directory's search box holds. */
  | { page: 'directory'; search?: string | undefined }
  /**
   * `open`: the id of the member (Members tab) or group (Groups tab) whose sheet is open;
   * `newGroup`: the Groups tab's New group dialog is open; `invite`: Invite People is open (on any tab).
   */
  | {
      page: 'members';
      tab: MembersTab;
      open?: string | undefined;
      newGroup?: boolean | undefined;
      invite?: boolean | undefined;
    }
  /** `open`: the id of the number whose sheet is open; `shown`: which numbers are listed (all by default). */
  | { page: 'numbers'; open?: string | undefined; shown?: NumbersShown | undefined }
  | { page: 'configuration' }
  | { page: 'activity' }
  | { page: 'settings'; tab: SettingsTab };

/** The route of one page, as that page receives it. */
export type RouteOf<P extends Route['page']> = Extract<Route, { page: P }>;

export type PageId = Route['page'];

export type Area = 'team' | 'admin' | 'settings';

export const PAGE_TITLES: Record<PageId, string> = {
  home: 'Home',
  directory: 'Directory',
  members: 'Members',
  numbers: 'Phone numbers',
  configuration: 'Configuration',
  activity: 'Activity',
  settings: 'Settings',
};

export function areaOf(page: PageId): Area {
  switch (page) {
    case 'members':
    case 'numbers':
    case 'configuration':
    case 'activity':
      return 'admin';
    case 'settings':
      return 'settings';
    case 'home':
    case 'directory':
      return 'team';
  }
}

export const ADMIN_HOME: Route = { page: 'members', tab: 'members' };
export const INITIAL_ROUTE: Route = { page: 'home' };

interface NavigationValue {
  route: Route;
  navigate: (route: Route) => void;
  /** Where "Settings" leads: the Settings tab the user looked at last (Account at first). */
  settingsRoute: Route;
}

const NavigationContext = createContext<NavigationValue | null>(null);

export function NavigationProvider({
  initialRoute,
  children,
}: {
  initialRoute?: Route | undefined;
  children: ReactNode;
}) {
  const [route, setRoute] = useState<Route>(initialRoute ?? INITIAL_ROUTE);
  const [settingsTab, setSettingsTab] = useState<SettingsTab>(
    initialRoute?.page === 'settings' ? initialRoute.tab : 'account',
  );
  const navigate = useCallback((next: Route) => {
    setRoute(next);
    if (next.page === 'settings') setSettingsTab(next.tab);
  }, []);
  const value = useMemo(
    () => ({ route, navigate, settingsRoute: { page: 'settings', tab: settingsTab } as const }),
    [route, navigate, settingsTab],
  );
  return <NavigationContext.Provider value={value}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): NavigationValue {
  const value = useContext(NavigationContext);
  if (value === null) throw new Error('useNavigation must be used inside <NavigationProvider>');
  return value;
}
