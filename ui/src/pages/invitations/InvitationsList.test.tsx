import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError } from '../../platform';
import { INVITATIONS_TAB, invitationsWorld, newInvitation, QUEUED, REFUSED } from '../../test/invitations';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();

function rowOf(email: string): HTMLElement {
  const row = screen.getAllByTestId('invitation-row').find((candidate) => within(candidate).queryByText(email) !== null);
  if (row === undefined) throw new Error(`no row for ${email}`);
  return row;
}

function badgeOf(email: string): string | null | undefined {
  const row = screen.queryAllByTestId('invitation-row').find((candidate) => within(candidate).queryByText(email) !== null);
  return row?.querySelector('.badge[class*="badge-invitation-"]')?.textContent;
}

function emails(): string[] {
  return screen.queryAllByTestId('invitation-row').map((row) => row.querySelector('.invitation-email')?.textContent ?? '');
}

describe('the Invitations tab', { timeout: 15_000 }, () => {
  it('lists the server’s invitations after the outbox’s, each with its status, role, inviter and dates', async () => {
    renderApp({ platform: invitationsWorld({ offline: true, outbox: [QUEUED, REFUSED] }), initialRoute: INVITATIONS_TAB });

    await waitFor(() => expect(emails()).toHaveLength(6));
    expect(emails()).toEqual(['fay@elsewhere.org', 'eve@acme.nz', 'ana@acme.nz', 'ben@acme.nz', 'cai@acme.nz', 'dee@acme.nz']);
    expect(screen.getByTestId('invitation-count')).toHaveTextContent('6 invitations');
    const badge = (email: string) => rowOf(email).querySelector('.badge[class*="badge-invitation-"]');
    expect(badge('fay@elsewhere.org')).toHaveTextContent('Needs attention');
    expect(badge('eve@acme.nz')).toHaveTextContent('Queued');
    expect(badge('ana@acme.nz')).toHaveTextContent('Pending');
    expect(badge('ben@acme.nz')).toHaveTextContent('Accepted');
    expect(badge('cai@acme.nz')).toHaveTextContent('Expired');
    expect(badge('dee@acme.nz')).toHaveTextContent('Revoked');

    // Sent by Jordan, read from the team; queued here, by whoever is signed in.
    await waitFor(() => expect(rowOf('ana@acme.nz')).toHaveTextContent('Jordan Lee'));
    expect(rowOf('cai@acme.nz')).toHaveTextContent('Aroha Ngata');
    expect(rowOf('eve@acme.nz')).toHaveTextContent('Aroha Ngata');
    expect(rowOf('eve@acme.nz')).toHaveTextContent('Not yet');
    // The role an entry leaves to the team is the configuration's default.
    await waitFor(() => expect(rowOf('eve@acme.nz')).toHaveTextContent('Member'));
    expect(rowOf('fay@elsewhere.org')).toHaveTextContent('Admin');
    // Only an open invitation's expiry is shown.
    expect(rowOf('ana@acme.nz')).toHaveTextContent('2999');
    expect(rowOf('ben@acme.nz')).not.toHaveTextContent('2999');
  });

  it('shows invites queued offline at once as Queued, and as Pending once they are delivered', async () => {
    const platform = invitationsWorld({ offline: true });
    renderApp({ platform, initialRoute: INVITATIONS_TAB });
    await waitFor(() => expect(emails()).toHaveLength(4));

    await platform.invite([newInvitation('kai@acme.nz'), newInvitation('lua@acme.nz')]);
    await waitFor(() => expect(badgeOf('kai@acme.nz')).toBe('Queued'));
    expect(badgeOf('lua@acme.nz')).toBe('Queued');
    expect(screen.getByTestId('invitation-count')).toHaveTextContent('6 invitations');

    platform.world.setOffline(false);
    await waitFor(() => expect(badgeOf('kai@acme.nz')).toBe('Pending'));
    expect(badgeOf('lua@acme.nz')).toBe('Pending');
    expect(emails()).toHaveLength(6);
  });

  it('filters by status and searches the email as you type', async () => {
    const { user } = renderApp({ platform: invitationsWorld({ offline: true, outbox: [QUEUED] }), initialRoute: INVITATIONS_TAB });
    await waitFor(() => expect(emails()).toHaveLength(5));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Queued');
    expect(emails()).toEqual(['eve@acme.nz']);
    expect(screen.getByTestId('invitation-count')).toHaveTextContent('1 match');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Any status');
    await user.type(screen.getByRole('searchbox', { name: 'Search invitations' }), 'CAI');
    expect(emails()).toEqual(['cai@acme.nz']);

    await user.type(screen.getByRole('searchbox', { name: 'Search invitations' }), 'x');
    expect(await screen.findByText('No invitations match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(emails()).toHaveLength(5);
  });

  it('says so when there are no invitations yet, with the way to Invite People', async () => {
    const { user } = renderApp({ platform: invitationsWorld({ invitations: {} }), initialRoute: INVITATIONS_TAB });
    const empty = (await screen.findByText('No invitations yet')).closest('.empty-state') as HTMLElement;
    expect(screen.getByTestId('invitation-count')).toHaveTextContent('0 invitations');

    await user.click(within(empty).getByRole('button', { name: 'Invite People' }));
    expect(await screen.findByRole('dialog', { name: /Invite People/u })).toBeInTheDocument();
  });

  it('still shows what waits on this computer when the server’s list can’t be read', async () => {
    const platform = invitationsWorld(
      { offline: true, outbox: [QUEUED] },
      { listInvitations: () => Promise.reject(new PlatformError('offline', 'Couldn’t reach the server.')) },
    );
    renderApp({ platform, initialRoute: INVITATIONS_TAB });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Offline — only the invites waiting on this computer are shown until the server can be reached.',
    );
    expect(emails()).toEqual(['eve@acme.nz']);
  });
});
