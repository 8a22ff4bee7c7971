// Where the user is. The app has no URLs: a route is a small value, kept in React state, and every page
// and tab the frame can show is listed here.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type MembersTab = 'members' | 'invitations' | 'groups';
export type SettingsTab = 'account' | 'appearance';

export type Route =
  | { page: 'home' }
  | { page: 'directory' }
  | { page: 'members'; tab: MembersTab }
  | { page: 'numbers' }
  | { page: 'configuration' }
  | { page: 'activity' }
  | { page: 'settings'; tab: SettingsTab };

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
