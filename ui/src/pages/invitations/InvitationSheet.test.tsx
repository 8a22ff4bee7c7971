import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Invitation } from '../../platform';
import type { FakePlatform } from '../../platform/fake';
import { INVITATIONS_TAB, invitationsWorld, QUEUED, REFUSED } from '../../test/invitations';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();

type User = ReturnType<typeof userEvent.setup>;

async function open(user: User, email: string): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('invitation-row');
  const row = rows.find((candidate) => within(candidate).queryByText(email) !== null);
  if (row === undefined) throw new Error(`no row for ${email}`);
  await user.click(row);
  return screen.findByRole('dialog', { name: email });
}

/** Opens a sent invitation and waits until it can be changed (the fresh ETag is in). */
async function openSent(user: User, email: string): Promise<HTMLElement> {
  const sheet = await open(user, email);
  await waitFor(() => expect(within(sheet).getByRole('combobox', { name: 'Role' })).toBeEnabled());
  return sheet;
}

function held(platform: FakePlatform, email: string): Invitation | undefined {
  return platform.world.invitations().find((invitation) => invitation.email === email);
}

function rowOf(email: string): HTMLElement | undefined {
  return screen.queryAllByTestId('invitation-row').find((row) => within(row).queryByText(email) !== null);
}

describe('a sent invitation’s sheet', { timeout: 15_000 }, () => {
  it('shows what the invitation gives, and that it carries over on acceptance', async () => {
    const { user } = renderApp({ platform: invitationsWorld(), initialRoute: INVITATIONS_TAB });
    const sheet = await openSent(user, 'ana@acme.nz');

    expect(sheet).toHaveAttribute('data-testid', 'invitation-sheet');
    expect(within(sheet).getByText('Pending', { selector: '.badge' })).toBeInTheDocument();
    await waitFor(() => expect(sheet.querySelector('.sheet-description')).toHaveTextContent('Invited by Jordan Lee · sent'));
    expect(within(sheet).getByText('+64 9 555 0170')).toBeInTheDocument();
    expect(within(sheet).getByRole('region', { name: 'Groups' })).toHaveTextContent('Sales');
    expect(within(sheet).getByTestId('invitation-carry-over')).toHaveTextContent(
      'The role, permissions, phone numbers and groups set here carry over when ana@acme.nz accepts.',
    );
    expect(within(sheet).getByRole('switch', { name: 'Make outbound calls' })).toBeDisabled();
  });

  it('changes the role and grants a permission, which the server then holds', async () => {
    const platform = invitationsWorld();
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await openSent(user, 'ana@acme.nz');

    await user.click(within(sheet).getByRole('switch', { name: 'View analytics' }));
    await waitFor(() => expect(held(platform, 'ana@acme.nz')?.grants).toEqual(['view_analytics']));
    expect(sheet.querySelector('[data-permission="view_analytics"]')).toHaveTextContent('Granted');

    await user.selectOptions(within(sheet).getByRole('combobox', { name: 'Role' }), 'Admin');
    await waitFor(() => expect(within(sheet).getByText('Admin', { selector: '.badge' })).toBeInTheDocument());
    expect(held(platform, 'ana@acme.nz')?.role).toBe('admin');
  });

  it('assigns a number from reserve and unassigns one, on the invitation as on a member', async () => {
    const platform = invitationsWorld();
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await openSent(user, 'ana@acme.nz');

    await user.click(within(sheet).getByRole('button', { name: 'Assign number' }));
    await user.type(await screen.findByPlaceholderText('Search number, label or country'), 'Sydney');
    await user.keyboard('{Enter}');

    expect(await within(sheet).findByText('+61 2 5555 9004')).toBeInTheDocument();
    expect(held(platform, 'ana@acme.nz')?.numbers.map((number) => number.e164)).toEqual(['+6495550170', '+61255559004']);
    const sydney = platform.world.numbers().find((number) => number.e164 === '+61255559004');
    expect(sydney?.assignees).toEqual([{ id: 'i-ana', kind: 'invitation', email: 'ana@acme.nz', name: null }]);

    await user.click(within(sheet).getByRole('button', { name: 'Unassign +64 9 555 0170' }));
    await waitFor(() => expect(within(sheet).queryByText('+64 9 555 0170')).not.toBeInTheDocument());
    expect(held(platform, 'ana@acme.nz')?.numbers.map((number) => number.e164)).toEqual(['+61255559004']);

    await user.click(within(sheet).getByRole('button', { name: 'Remove from Sales' }));
    await waitFor(() => expect(held(platform, 'ana@acme.nz')?.groups).toEqual([]));
  });

  it('resends an expired invitation: a new link with a new expiry, shown in the sheet and the list', async () => {
    const platform = invitationsWorld();
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await openSent(user, 'cai@acme.nz');
    const expiry = within(sheet).getByTestId('invitation-expiry');
    expect(expiry).toHaveTextContent(/^Expired/u);
    const before = expiry.textContent;

    await user.click(within(sheet).getByRole('button', { name: 'Resend' }));

    expect(await within(sheet).findByText(/^Sent again\. The new link works until/u)).toBeInTheDocument();
    await waitFor(() => expect(within(sheet).getByTestId('invitation-expiry')).toHaveTextContent(/^Works until/u));
    expect(within(sheet).getByTestId('invitation-expiry').textContent).not.toBe(before);
    expect(within(sheet).getByText('Pending', { selector: '.badge' })).toBeInTheDocument();
    const now = held(platform, 'cai@acme.nz');
    expect(now?.status).toBe('pending');
    expect(Date.parse(now?.expires_at ?? '')).toBeGreaterThan(Date.now());
    await waitFor(() => expect(rowOf('cai@acme.nz')).toHaveTextContent('Pending'));
  });

  it('revokes after a confirmation that says which numbers it lets go', async () => {
    const platform = invitationsWorld();
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await openSent(user, 'ana@acme.nz');

    await user.click(within(sheet).getByRole('button', { name: 'Revoke' }));
    const dialog = await screen.findByTestId('revoke-dialog');
    expect(dialog).toHaveTextContent('Revoke the invitation to ana@acme.nz?');
    expect(dialog).toHaveTextContent('It lets go of 1 phone number (+64 9 555 0170); a number no one else holds goes back to reserve.');
    // Cancelling changes nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(held(platform, 'ana@acme.nz')?.status).toBe('pending');

    await user.click(within(sheet).getByRole('button', { name: 'Revoke' }));
    await user.click(within(await screen.findByTestId('revoke-dialog')).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(screen.queryByTestId('revoke-dialog')).not.toBeInTheDocument());
    expect(await within(sheet).findByText('Revoked', { selector: '.badge' })).toBeInTheDocument();
    expect(within(sheet).queryByRole('button', { name: 'Resend' })).not.toBeInTheDocument();
    expect(held(platform, 'ana@acme.nz')?.status).toBe('revoked');
    expect(platform.world.numbers().find((number) => number.id === 'n-ana')?.assignees).toEqual([]);
    await waitFor(() => expect(rowOf('ana@acme.nz')).toHaveTextContent('Revoked'));
  });

  it('on a 412 shows what someone else changed, and Reload shows their version', async () => {
    const platform = invitationsWorld();
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await openSent(user, 'ana@acme.nz');
    // Another admin makes Ana's invitation an admin's while this sheet is open.
    await platform.updateInvitation('i-ana', '*', { role: 'admin' });

    await user.click(within(sheet).getByRole('switch', { name: 'View analytics' }));

    const conflict = await screen.findByTestId('conflict-dialog');
    expect(conflict).toHaveTextContent('Someone else changed the invitation to ana@acme.nz');
    expect(conflict).toHaveTextContent('Role: Member → Admin');
    expect(held(platform, 'ana@acme.nz')?.grants).toEqual([]);
    await user.click(within(conflict).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(within(sheet).getByRole('combobox', { name: 'Role' })).toHaveValue('admin'));
  });

  it('shows an accepted invitation as it stands, with the way to the member', async () => {
    const { user } = renderApp({ platform: invitationsWorld(), initialRoute: INVITATIONS_TAB });
    const sheet = await open(user, 'ben@acme.nz');
    expect(await within(sheet).findByText('Accepted', { selector: 'strong' })).toBeInTheDocument();
    expect(within(sheet).queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
    await user.click(within(sheet).getByRole('button', { name: 'Open profile' }));
    expect(await screen.findByRole('dialog', { name: 'Jordan Lee' })).toBeInTheDocument();
  });
});

describe('an outbox entry’s sheet', { timeout: 15_000 }, () => {
  it('shows why the server refused it, and Edit and retry sends the corrected invitation', async () => {
    const platform = invitationsWorld({ outbox: [REFUSED] });
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await open(user, 'fay@elsewhere.org');

    expect(within(sheet).getByTestId('entry-refusal')).toHaveTextContent(
      'The server refused it: Invitations may only go to @acme.nz addresses.',
    );
    expect(within(sheet).getByTestId('entry-refusal')).toHaveTextContent('1 attempt');
    const email = within(sheet).getByRole('textbox', { name: 'Email' });
    expect(email).toHaveAccessibleDescription('Use an @acme.nz address.');
    expect(within(sheet).getByRole('region', { name: 'Groups' })).toHaveTextContent('Sales');

    await user.clear(email);
    await user.type(email, 'fay@acme.nz');
    await user.click(within(sheet).getByRole('button', { name: 'Add number' }));
    await user.type(await screen.findByPlaceholderText('Search number, label or country'), 'Sydney');
    await user.keyboard('{Enter}');
    expect(await within(sheet).findByText('+61 2 5555 9004')).toBeInTheDocument();
    await user.click(within(sheet).getByRole('button', { name: 'Edit and retry' }));

    await waitFor(() =>
      expect(within(sheet).getByTestId('entry-left')).toHaveTextContent(
        'Delivered: the server has the invitation to fay@acme.nz now, and it is listed as Pending.',
      ),
    );
    const made = held(platform, 'fay@acme.nz');
    expect(made).toMatchObject({ status: 'pending', role: 'admin' });
    expect(made?.groups.map((group) => group.name)).toEqual(['Sales']);
    expect(made?.numbers.map((number) => number.e164)).toEqual(['+61255559004']);
    expect(platform.world.outbox()).toEqual([]);
    await waitFor(() => expect(rowOf('fay@acme.nz')).toHaveTextContent('Pending'));
    expect(rowOf('fay@elsewhere.org')).toBeUndefined();

    await user.click(within(sheet).getByRole('button', { name: 'Open invitation' }));
    expect(await screen.findByRole('dialog', { name: 'fay@acme.nz' })).toHaveTextContent('Pending');
  });

  it('keeps a refusal when the retry is refused again, with the server’s new words', async () => {
    const platform = invitationsWorld({ outbox: [REFUSED] });
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await open(user, 'fay@elsewhere.org');

    // Ana has a pending invitation already.
    const email = within(sheet).getByRole('textbox', { name: 'Email' });
    await user.clear(email);
    await user.type(email, 'ana@acme.nz');
    await user.click(within(sheet).getByRole('button', { name: 'Edit and retry' }));

    await waitFor(() =>
      expect(within(sheet).getByTestId('entry-refusal')).toHaveTextContent('ana@acme.nz already has a pending invitation.'),
    );
    expect(within(sheet).getByTestId('entry-refusal')).toHaveTextContent('2 attempts');
    expect(platform.world.outbox()).toMatchObject([{ state: 'needs_attention', invitation: { email: 'ana@acme.nz' } }]);
  });

  it('discards a queued invite after a confirmation; it leaves the list and the outbox', async () => {
    const platform = invitationsWorld({ offline: true, outbox: [QUEUED] });
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const sheet = await open(user, 'eve@acme.nz');
    expect(within(sheet).getByTestId('entry-standing')).toHaveTextContent('it goes as soon as the server can be reached');
    // A queued invite is sent as it is: only one the server refused can be edited.
    expect(within(sheet).queryByRole('button', { name: 'Edit and retry' })).not.toBeInTheDocument();

    await user.click(within(sheet).getByRole('button', { name: 'Discard' }));
    const dialog = await screen.findByTestId('discard-dialog');
    expect(dialog).toHaveTextContent('Discard the invite to eve@acme.nz?');
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(platform.world.outbox()).toEqual([]);
    await waitFor(() => expect(rowOf('eve@acme.nz')).toBeUndefined());
  });
});
