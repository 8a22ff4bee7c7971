// The left sidebar: workspace switcher, the team's pages, then Settings and Admin in the bottom-left
// corner and the connection state. `<nav aria-label="Main">` is used by the end-to-end test.
import {
  BookUser,
  History,
  Hash,
  House,
  Settings,
  ShieldCheck,
  SlidersHorizontal,
  Users,
  type LucideIcon,
} from 'lucide-react';

import { ADMIN_HOME, areaOf, PAGE_TITLES, useNavigation, type PageId, type Route } from './navigation';
import { useSession, type Connection } from './session';
import { WorkspaceSwitcher } from './WorkspaceSwitcher';

function NavItem({
  icon: Icon,
  label,
  to,
  current,
}: {
  icon: LucideIcon;
  label: string;
  to: Route;
  current: 'page' | 'true' | false;
}) {
  const { navigate } = useNavigation();
  return (
    <li>
      <button
        type="button"
        className="nav-item"
        aria-current={current === false ? undefined : current}
        onClick={() => navigate(to)}
      >
        <Icon size={16} strokeWidth={1.75} aria-hidden="true" />
        <span>{label}</span>
      </button>
    </li>
  );
}

function ConnectionState({ connection }: { connection: Connection }) {
  if (connection.state === 'unknown') return null;
  const offline = connection.state === 'offline';
  return (
    <div className={`connection ${offline ? 'connection-offline' : 'connection-online'}`} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {offline ? (
        <span>
          Offline · <span className="tabular">{connection.queued}</span> queued
        </span>
      ) : (
        <span>Online</span>
      )}
    </div>
  );
}

const TEAM_PAGES: { page: PageId; icon: LucideIcon; to: Route }[] = [
  { page: 'home', icon: House, to: { page: 'home' } },
  { page: 'directory', icon: BookUser, to: { page: 'directory' } },
];

const ADMIN_PAGES: { page: PageId; icon: LucideIcon; to: Route }[] = [
  { page: 'members', icon: Users, to: ADMIN_HOME },
  { page: 'numbers', icon: Hash, to: { page: 'numbers' } },
  { page: 'configuration', icon: SlidersHorizontal, to: { page: 'configuration' } },
  { page: 'activity', icon: History, to: { page: 'activity' } },
];

export function Sidebar() {
  const { route, settingsRoute } = useNavigation();
  const { connection, user } = useSession();
  const area = areaOf(route.page);
  // Members manage nothing: the Admin pages are for owners and admins (shown until `me` says otherwise).
  const canAdminister = user.role !== 'member';

  return (
    <nav aria-label="Main" className="sidebar">
      <WorkspaceSwitcher />

      <ul className="nav-list">
        {TEAM_PAGES.map(({ page, icon, to }) => (
          <NavItem key={page} icon={icon} label={PAGE_TITLES[page]} to={to} current={route.page === page && 'page'} />
        ))}
      </ul>

      {area === 'admin' && canAdminister && (
        <div className="nav-group">
          <h2 className="nav-group-title" id="nav-admin-title">
            Admin
          </h2>
          <ul className="nav-list" aria-labelledby="nav-admin-title">
            {ADMIN_PAGES.map(({ page, icon, to }) => (
              <NavItem
                key={page}
                icon={icon}
                label={PAGE_TITLES[page]}
                to={to}
                current={route.page === page && 'page'}
              />
            ))}
          </ul>
        </div>
      )}

      <div className="sidebar-bottom">
        <ul className="nav-list">
          <NavItem
            icon={Settings}
            label="Settings"
            to={settingsRoute}
            current={area === 'settings' && 'page'}
          />
          {canAdminister && (
            <NavItem icon={ShieldCheck} label="Admin" to={ADMIN_HOME} current={area === 'admin' && 'true'} />
          )}
        </ul>
        <ConnectionState connection={connection} />
      </div>
    </nav>
  );
}
