import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Route } from './navigation';
import { createFakePlatform } from '../platform/fake';
import { accessibilityViolations } from '../test/axe';
import { INVITATIONS_TAB, invitationsWorld, QUEUED, REFUSED } from '../test/invitations';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';
import { FirstLaunch } from './FirstLaunch';
import { createQueryClient } from './queryClient';

const ROUTES: Route[] = [
  { page: 'home' },
  { page: 'directory' },
  { page: 'members', tab: 'members' },
  { page: 'members', tab: 'invitations' },
  { page: 'members', tab: 'groups' },
  { page: 'numbers' },
  { page: 'configuration' },
  { page: 'settings', tab: 'account' },
  { page: 'settings', tab: 'appearance' },
];

withViewport();

// axe over a whole app several times per test takes longer than the default 5 s on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

describe('accessibility (axe)', () => {
  it.each(ROUTES.map((route) => [JSON.stringify(route), route] as const))('%s has no violations', async (_name, route) => {
    renderApp({ initialRoute: route });
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('the account menu has no violations', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await screen.findByRole('menu');
    // Radix portals popovers to <body>, outside the landmarks, by design (best-practice rule "region").
    expect(await accessibilityViolations({ ignore: ['region'] })).toEqual([]);
  });

  it('the About panel has no violations', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'About Switchboard' }));
    const dialog = await screen.findByRole('dialog', { name: 'About Switchboard' });
    await within(dialog).findByTestId('about-version');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('the command palette has no violations', async () => {
    const { user } = renderApp();
    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('the first-launch screen and its form have no violations', async () => {
    // The first-launch screen on its own, as App shows it with no workspace.
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={createQueryClient()}>
        <FirstLaunch onOpenLocal={() => Promise.resolve()} onSignIn={() => Promise.resolve()} />
      </QueryClientProvider>,
    );
    expect(await accessibilityViolations()).toEqual([]);
    await user.click(screen.getByRole('button', { name: /Sign in to a server/u }));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('the Members list with its rows, and a member’s profile sheet, have no violations', async () => {
    const { user } = renderApp({ initialRoute: { page: 'members', tab: 'members' } });
    const rows = await screen.findAllByTestId('member-row');
    expect(await accessibilityViolations()).toEqual([]);
    await user.click(rows[0] as HTMLElement);
    await screen.findByTestId('member-sheet');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('the Invitations tab with sent and queued rows, and each kind of invitation sheet, have no violations', async () => {
    const { user } = renderApp({
      platform: invitationsWorld({ offline: true, outbox: [QUEUED, REFUSED] }),
      initialRoute: INVITATIONS_TAB,
    });
    await screen.findByTestId('sending-banner');
    const rows = await screen.findAllByTestId('invitation-row');
    expect(rows).toHaveLength(6);
    expect(await accessibilityViolations()).toEqual([]);

    for (const email of ['ana@acme.nz', 'fay@elsewhere.org', 'eve@acme.nz']) {
      const row = screen.getAllByTestId('invitation-row').find((candidate) => candidate.textContent.includes(email));
      await user.click(row as HTMLElement);
      await screen.findByRole('dialog', { name: email });
      expect(await accessibilityViolations()).toEqual([]);
      await user.keyboard('{Escape}');
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    }
  });

  it('a toast has no violations', async () => {
    const platform = invitationsWorld({ outbox: [QUEUED] });
    renderApp({ platform });
    await screen.findByText('Invitation to eve@acme.nz delivered');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('each step of Invite People has no violations', async () => {
    // Offline, so the review shows its note and the last step its queue.
    const platform = createFakePlatform(
      {},
      {
        offline: true,
        csvImport: {
          header: true,
          ignoredColumns: [],
          rows: [
            { status: 'parsed', line: 2, invitee: { email: 'mei@example.com', name: null, role: 'admin', groups: ['Nope'], numbers: [] } },
            { status: 'rejected', line: 3, problems: ['line 3: “bob@” isn’t an email address'] },
          ],
        },
      },
    );
    const { user } = renderApp({ platform, initialRoute: { page: 'members', tab: 'members' } });
    await user.click(await screen.findByRole('button', { name: 'Invite People' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite People' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Email addresses' }), 'ana@example.com oops{Enter}');
    const importButton = within(dialog).getByRole('button', { name: 'Import CSV' });
    await waitFor(() => expect(importButton).toBeEnabled());
    await user.click(importButton);
    await within(dialog).findByTestId('import-summary');
    await user.click(within(dialog).getByText('Permissions'));
    expect(await accessibilityViolations()).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));
    await within(dialog).findByTestId('review-unchecked');
    await user.click(within(dialog).getByRole('button', { name: 'Edit oops' }));
    expect(await accessibilityViolations()).toEqual([]);
    await user.keyboard('{Escape}');

    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    await within(dialog).findByTestId('send-title');
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('the workspace switcher and the sign-out confirmation have no violations', async () => {
    const { user } = renderApp();
    await user.click(screen.getByTestId('workspace-switcher'));
    await screen.findAllByTestId('workspace-item');
    expect(await accessibilityViolations({ ignore: ['region'] })).toEqual([]);
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await screen.findByRole('alertdialog');
    expect(await accessibilityViolations()).toEqual([]);
  });
});
