// The window's frame: sidebar on the left; top bar (page title, actions, account menu) and the current
// page on the right. `data-testid="app-frame"` is used by the end-to-end test.
import { Search, ShieldCheck, UserPlus } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';

import { EmptyState } from '../components/EmptyState';
import { Tip } from '../components/Tip';
import { ToastProvider } from '../components/Toast';
import { ActivityPage } from '../pages/ActivityPage';
import { ConfigurationPage } from '../pages/ConfigurationPage';
import { DirectoryPage } from '../pages/DirectoryPage';
import { HomePage } from '../pages/HomePage';
import { InviteDialog } from '../pages/invite/InviteDialog';
import { MembersPage } from '../pages/MembersPage';
import { NumbersPage } from '../pages/NumbersPage';
import { SettingsPage } from '../pages/SettingsPage';
import { AboutDialog } from './AboutDialog';
import { AccountMenu } from './AccountMenu';
import { CommandPalette, isPaletteShortcut, PALETTE_SHORTCUT } from './CommandPalette';
import { areaOf, PAGE_TITLES, useNavigation, type Route } from './navigation';
import { usePageMemory } from './pageMemory';
import { DeliveryToasts } from './DeliveryToasts';
import { OfflineBanner } from './OfflineBanner';
import { useSession } from './session';
import { Sidebar } from './Sidebar';
import './frame.css';
import '../pages/pages.css';

function Page({ route }: { route: Route }) {
  const { user } = useSession();
  if (user.role === 'member' && areaOf(route.page) === 'admin') {
    return (
      <div className="page-content">
        <EmptyState icon={ShieldCheck} title="For owners and admins">
          Your role in this workspace is Member. Ask an owner or admin of your team to make changes here.
        </EmptyState>
      </div>
    );
  }
  switch (route.page) {
    case 'home':
      return <HomePage />;
    case 'directory':
      return <DirectoryPage route={route} />;
    case 'members':
      return <MembersPage route={route} />;
    case 'numbers':
      return <NumbersPage route={route} />;
    case 'configuration':
      return <ConfigurationPage />;
    case 'activity':
      return <ActivityPage />;
    case 'settings':
      return <SettingsPage tab={route.tab} />;
  }
}

function FrameBody() {
  const { route, navigate } = useNavigation();
  const { connection, user, workspace } = useSession();
  usePageMemory(workspace.id);
  const [aboutOpen, setAboutOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const accountButton = useRef<HTMLButtonElement>(null);
  const openAbout = useCallback(() => setAboutOpen(true), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event) || aboutOpen) return;
      event.preventDefault();
      setPaletteOpen((open) => !open);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [aboutOpen]);

  return (
    <div className="frame" data-testid="app-frame">
      <Sidebar />
      <div className="frame-main">
        <header className="topbar">
          <h1 className="topbar-title">{PAGE_TITLES[route.page]}</h1>
          <div className="topbar-actions">
            <Tip content="Go to a page or run a command">
              <button
                type="button"
                className="btn btn-ghost palette-trigger"
                aria-label="Command palette"
                aria-keyshortcuts={PALETTE_SHORTCUT.aria}
                onClick={() => setPaletteOpen(true)}
              >
                <Search size={14} aria-hidden="true" />
                {/* The keys are drawn by CSS from data-keys: the button is named "Command palette", and
                    aria-keyshortcuts tells the shortcut to assistive technology. */}
                <kbd aria-hidden="true" data-keys={PALETTE_SHORTCUT.label} />
              </button>
            </Tip>
            {route.page === 'members' && user.role !== 'member' && (
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => navigate({ page: 'members', tab: route.tab, invite: true })}
              >
                <UserPlus size={14} aria-hidden="true" />
                Invite People
              </button>
            )}
            <AccountMenu triggerRef={accountButton} onOpenAbout={openAbout} />
          </div>
        </header>
        <OfflineBanner connection={connection} />
        <main className="page" key={route.page} tabIndex={-1}>
          <Page route={route} />
        </main>
      </div>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} onOpenAbout={openAbout} />
      <InviteDialog
        open={route.page === 'members' && route.invite === true}
        onOpenChange={(open) => {
          if (route.page === 'members') navigate({ page: 'members', tab: route.tab, invite: open || undefined });
        }}
      />
      <AboutDialog
        open={aboutOpen}
        onOpenChange={setAboutOpen}
        onCloseAutoFocus={(event) => {
          // Back to where the panel was opened from, not to <body>.
          event.preventDefault();
          accountButton.current?.focus();
        }}
      />
    </div>
  );
}

export function Frame() {
  return (
    <ToastProvider>
      <DeliveryToasts />
      <FrameBody />
    </ToastProvider>
  );
}
