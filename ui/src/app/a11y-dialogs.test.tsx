// axe over every sheet and dialog, each opened the way a user opens it (pages, menus, the palette, the
// first launch and the invite steps are in a11y.test.tsx). A release may have no violation axe rates
// serious or critical; every rule is on except colour contrast, which jsdom cannot lay out (the
// WebDriver run checks it in the real WebKit).
//
// Covered here:
// - sheets: member profile, invitation (sent), group, number;
// - confirmations: an admin stepping down, deactivate, remove, take over a number, revoke an invitation,
//   discard a queued invite, delete a group, hand over a direct number, revoke a provisioning token;
// - conflicts (412): a member, an invitation, a group, a number, the configuration;
// - dialogs: New group, Create a provisioning token (and the token shown once), Profile photo (prompt
//   and framing), Invite People opened from the palette.
import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Group, Member } from '../platform';
import { createFakePlatform, fakeMember, LOCAL_WORKSPACE, type FakePlatform } from '../platform/fake';
import { seriousViolations } from '../test/axe';
import { INVITATIONS_TAB, invitationsWorld, QUEUED } from '../test/invitations';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';

withViewport();

// axe over a whole app several times per test takes longer than the default 5 s.
vi.setConfig({ testTimeout: 30_000 });

type User = ReturnType<typeof userEvent.setup>;

const ME = LOCAL_WORKSPACE.userId;
const MEMBERS = { page: 'members', tab: 'members' } as const;
const GROUPS = { page: 'members', tab: 'groups' } as const;

/** The signed-in Aroha (owner unless told), Jordan (a desk number, Sales), Priya (a direct number); a Sales group. */
function world(myRole: Member['role'] = 'owner'): FakePlatform {
  const team: Member[] = [
    fakeMember(0, 'acme.nz', { id: ME, name: 'Aroha Ngata', email: 'aroha@acme.nz', role: myRole, numbers: [], groups: [] }),
    fakeMember(1, 'acme.nz', {
      name: 'Jordan Lee',
      email: 'jordan@acme.nz',
      role: 'member',
      status: 'active',
      numbers: [{ id: 'n-jordan', e164: '+6495550101', label: 'Desk' }],
      groups: [{ id: 'g-sales', name: 'Sales' }],
    }),
    fakeMember(2, 'acme.nz', {
      name: 'Priya Patel',
      email: 'priya@acme.nz',
      role: 'member',
      status: 'active',
      numbers: [{ id: 'n-priya', e164: '+6495550102', label: 'Direct' }],
      groups: [],
    }),
  ];
  const sales: Group = {
    id: 'g-sales',
    name: 'Sales',
    description: '',
    members: [],
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
  };
  return createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: team }, groups: { [LOCAL_WORKSPACE.id]: [sales] } });
}

async function expectNoSeriousViolations(): Promise<void> {
  expect(await seriousViolations()).toEqual([]);
}

/** Opens `name`'s profile from the Members list and waits until it can be changed. */
async function openProfile(user: User, name: string): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('member-row');
  const row = rows.find((candidate) => within(candidate).queryByText(name) !== null);
  await user.click(row as HTMLElement);
  const sheet = await screen.findByRole('dialog', { name });
  await waitFor(() => expect(within(sheet).getByRole('combobox', { name: 'Role' })).toBeEnabled());
  return sheet;
}

async function closeAlert(user: User): Promise<void> {
  await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: /Cancel|Keep editing/u }));
  await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
}

describe('accessibility (axe) of sheets and dialogs: no serious or critical violations', () => {
  it('a member’s profile sheet and its picker and confirmations: deactivate, remove, take over a number', async () => {
    const { user } = renderApp({ platform: world(), initialRoute: MEMBERS });

    const sheet = await openProfile(user, 'Jordan Lee');
    await expectNoSeriousViolations();
    await user.click(within(sheet).getByRole('button', { name: 'Deactivate' }));
    await screen.findByTestId('status-dialog');
    await expectNoSeriousViolations();
    await closeAlert(user);
    await user.click(within(sheet).getByRole('button', { name: 'Remove' }));
    await screen.findByTestId('remove-dialog');
    await expectNoSeriousViolations();
    await closeAlert(user);
    await user.click(within(sheet).getByRole('button', { name: 'Assign number' }));
    await expectNoSeriousViolations();
    await user.click(await screen.findByRole('option', { name: /\+64 9 555 0102/u }));
    await screen.findByTestId('takeover-dialog');
    await expectNoSeriousViolations();
    await closeAlert(user);
  });

  it('the confirmation of an admin stepping down', async () => {
    const { user } = renderApp({ platform: world('admin'), initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Aroha Ngata');
    await user.selectOptions(within(sheet).getByRole('combobox', { name: 'Role' }), 'Member');
    await screen.findByRole('alertdialog', { name: 'Change your own role to Member?' });
    await expectNoSeriousViolations();
  });

  it('the conflict dialog of a member', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');
    const jordan = platform.world.members().find((member) => member.name === 'Jordan Lee');
    await platform.updateMember(jordan?.id ?? '', '*', { role: 'admin' });
    await user.click(within(sheet).getByRole('switch', { name: 'Outgoing calls' }));
    await screen.findByTestId('conflict-dialog');
    await expectNoSeriousViolations();
  });

  it('an invitation’s sheet, its revoke confirmation and its conflict dialog', async () => {
    const platform = invitationsWorld();
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const rows = await screen.findAllByTestId('invitation-row');
    await user.click(rows.find((row) => row.textContent.includes('ana@acme.nz')) as HTMLElement);
    const sheet = await screen.findByRole('dialog', { name: 'ana@acme.nz' });
    await waitFor(() => expect(within(sheet).getByRole('button', { name: 'Revoke' })).toBeEnabled());
    await expectNoSeriousViolations();
    await user.click(within(sheet).getByRole('button', { name: 'Revoke' }));
    await screen.findByTestId('revoke-dialog');
    await expectNoSeriousViolations();
    await closeAlert(user);

    await platform.updateInvitation('i-ana', '*', { role: 'admin' });
    await user.click(within(sheet).getByRole('switch', { name: 'View analytics' }));
    await screen.findByTestId('conflict-dialog');
    await expectNoSeriousViolations();
  });

  it('a queued invite’s sheet and its discard confirmation', async () => {
    const platform = invitationsWorld({ offline: true, outbox: [QUEUED] });
    const { user } = renderApp({ platform, initialRoute: INVITATIONS_TAB });
    const rows = await screen.findAllByTestId('invitation-row');
    await user.click(rows.find((row) => row.textContent.includes('eve@acme.nz')) as HTMLElement);
    const sheet = await screen.findByRole('dialog', { name: 'eve@acme.nz' });
    await user.click(within(sheet).getByRole('button', { name: 'Discard' }));
    await screen.findByTestId('discard-dialog');
    await expectNoSeriousViolations();
  });

  it('New group, a group’s sheet, its delete confirmation and its conflict dialog', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    await screen.findAllByTestId('group-row');
    await user.click(screen.getByRole('button', { name: 'New group' }));
    await screen.findByRole('dialog', { name: 'New group' });
    await expectNoSeriousViolations();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const row = (await screen.findAllByTestId('group-row')).find((candidate) => within(candidate).queryByText('Sales') !== null);
    await user.click(row as HTMLElement);
    const sheet = await screen.findByRole('dialog', { name: 'Sales' });
    await waitFor(() => expect(within(sheet).getByRole('button', { name: 'Delete group' })).toBeEnabled());
    await expectNoSeriousViolations();
    await user.click(within(sheet).getByRole('button', { name: 'Delete group' }));
    await screen.findByRole('alertdialog', { name: 'Delete Sales?' });
    await expectNoSeriousViolations();
    await closeAlert(user);

    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));
    const theirs = await platform.getGroup('g-sales');
    await platform.updateGroup('g-sales', theirs.etag, { name: 'Helpdesk' });
    const name = within(sheet).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Sales team');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));
    await screen.findByTestId('conflict-dialog');
    await expectNoSeriousViolations();
  });

  it('a number’s sheet, its hand-over confirmation and its conflict dialog', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: { page: 'numbers' } });
    const cell = await screen.findByText('+64 9 555 0102', { selector: '.numbers-e164' });
    await user.click(cell.closest('[role="row"]') as HTMLElement);
    const sheet = await screen.findByTestId('number-sheet');
    await waitFor(() => expect(within(sheet).getByTestId('assign-number')).toBeEnabled());
    await expectNoSeriousViolations();
    await user.click(within(sheet).getByTestId('assign-number'));
    await user.type(await screen.findByPlaceholderText('Search people…'), 'Jordan');
    await user.click(await screen.findByRole('option', { name: /Jordan Lee/u }));
    await screen.findByTestId('number-handover');
    await expectNoSeriousViolations();
    await closeAlert(user);

    const { etag } = await platform.getNumber('n-priya');
    await platform.updateNumber('n-priya', etag, { label: 'Front desk' });
    const label = within(sheet).getByRole('textbox', { name: 'Label' });
    await user.clear(label);
    await user.type(label, 'Reception');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));
    await screen.findByTestId('conflict-dialog');
    await expectNoSeriousViolations();
  });

  it('the configuration’s conflict dialog, Create a provisioning token and its revoke confirmation', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: { page: 'configuration' } });
    const section = await screen.findByRole('region', { name: 'Provisioning (SCIM)' });
    await within(section).findByTestId('scim-base-url');
    await user.click(within(section).getByRole('button', { name: /Create token/u }));
    const create = await screen.findByRole('dialog', { name: 'Create a provisioning token' });
    await expectNoSeriousViolations();
    await user.type(within(create).getByRole('textbox'), 'Okta{Enter}');
    await screen.findByRole('dialog', { name: 'Copy the token for Okta' });
    await expectNoSeriousViolations();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(await within(section).findByRole('button', { name: 'Revoke Okta' }));
    await screen.findByRole('alertdialog', { name: 'Revoke “Okta”?' });
    await expectNoSeriousViolations();
    await closeAlert(user);

    const always = within(screen.getByRole('radiogroup', { name: 'Incoming calls' })).getByRole('radio', { name: 'Always' });
    await user.click(always);
    const { etag } = await platform.getConfiguration();
    await platform.updateConfiguration(etag, { default_role: 'admin' });
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('alertdialog', { name: 'Someone else changed the configuration' });
    await expectNoSeriousViolations();
  });

  it('the profile photo dialog: the prompt and the framing step', async () => {
    const { user } = renderApp({ platform: world(), initialRoute: { page: 'settings', tab: 'account' } });
    await user.click(await screen.findByRole('button', { name: 'Change photo' }));
    const dialog = await screen.findByRole('dialog', { name: 'Profile photo' });
    await expectNoSeriousViolations();
    await user.click(within(dialog).getByRole('button', { name: 'Choose a photo…' }));
    await within(dialog).findByRole('button', { name: 'Save photo' });
    await expectNoSeriousViolations();
  });

  it('Invite People opened from the command palette', async () => {
    const { user } = renderApp({ platform: world(), initialRoute: MEMBERS });
    await screen.findAllByTestId('member-row');
    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    await user.type(within(palette).getByRole('combobox'), 'Invite');
    await user.click(await within(palette).findByRole('option', { name: /Invite People/u }));
    await screen.findByRole('dialog', { name: 'Invite People' });
    await expectNoSeriousViolations();
  });
});
