// What the frame says about the invite outbox on every page: the sidebar's connection with the real
// count of queued invites, the banner while they wait (offline) or go (a send that takes a moment), a
// toast when they are delivered, and what signing out does to them.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { OutboxEntry } from '../platform';
import { createFakePlatform, LOCAL_WORKSPACE } from '../platform/fake';
import { invitationsWorld, newInvitation, QUEUED, REFUSED } from '../test/invitations';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';

withViewport();

function connection(): HTMLElement {
  return within(screen.getByRole('navigation', { name: 'Main' })).getByRole('status');
}

describe('the outbox in the frame', { timeout: 15_000 }, () => {
  it('offline: the sidebar counts the queued invites and the banner says they wait; back online a toast says they were delivered', async () => {
    const platform = invitationsWorld({ offline: true });
    renderApp({ platform, initialRoute: { page: 'home' } });
    // The fake answers reads while its invites can't be sent: let the page's reads answer first.
    await waitFor(() => expect(connection()).toHaveTextContent('Online'));

    // Three invites queued while the server can't be reached (as Invite People queues them).
    await platform.invite([newInvitation('kai@acme.nz'), newInvitation('lua@acme.nz'), newInvitation('moe@acme.nz')]);

    await waitFor(() => expect(connection()).toHaveTextContent('Offline · 3 queued'));
    expect(await screen.findByText('3 invites queued — they will be sent when you’re back online.')).toBeInTheDocument();

    platform.world.setOffline(false);

    expect(await screen.findByText('3 queued invites delivered')).toBeInTheDocument();
    await waitFor(() => expect(connection()).toHaveTextContent('Online'));
    expect(screen.queryByText(/invites queued/u)).not.toBeInTheDocument();
    expect(platform.world.outbox()).toEqual([]);
  });

  it('names the person when one queued invite is delivered, and counts only queued ones', async () => {
    const platform = invitationsWorld({ offline: true, outbox: [REFUSED] });
    renderApp({ platform, initialRoute: { page: 'home' } });
    // The fake answers reads while its invites can't be sent: let the page's reads answer first.
    await waitFor(() => expect(connection()).toHaveTextContent('Online'));
    await platform.invite([newInvitation('kai@acme.nz')]);

    // The refused one waits for the admin; it isn't on its way.
    await waitFor(() => expect(connection()).toHaveTextContent('Offline · 1 queued'));
    expect(screen.getByText('1 invite queued — it will be sent when you’re back online.')).toBeInTheDocument();

    platform.world.setOffline(false);
    expect(await screen.findByText('Invitation to kai@acme.nz delivered')).toBeInTheDocument();
  });

  it('shows a send that takes a moment as progress, not as offline', async () => {
    const waiting: OutboxEntry[] = ['kai@acme.nz', 'lua@acme.nz'].map((email, index) => ({
      ...QUEUED,
      id: `outbox-${String(index)}`,
      invitation: newInvitation(email),
    }));
    // The sender is still on its way with these two.
    const platform = createFakePlatform({ outboxEntries: () => Promise.resolve(structuredClone(waiting)) });
    renderApp({ platform, initialRoute: { page: 'home' } });

    expect(await screen.findByTestId('sending-banner')).toHaveTextContent('Sending 2 invites…');
    expect(screen.queryByText(/when you’re back online/u)).not.toBeInTheDocument();
  });

  it('says before signing out that the unsent invites will be discarded', async () => {
    const platform = invitationsWorld({
      offline: true,
      outbox: [QUEUED, { ...QUEUED, id: 'outbox-2', invitation: newInvitation('kai@acme.nz') }],
    });
    const { user } = renderApp({ platform, initialRoute: { page: 'home' } });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog');
    await waitFor(() => expect(dialog).toHaveTextContent('2 queued invites that haven’t been sent will be discarded.'));
  });

  it('says nothing about invites when none are waiting', async () => {
    const { user } = renderApp({ platform: createFakePlatform({}, { workspaces: [LOCAL_WORKSPACE] }) });
    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).not.toHaveTextContent('discarded');
  });
});
