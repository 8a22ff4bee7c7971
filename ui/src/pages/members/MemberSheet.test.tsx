import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Group, Member, Role } from '../../platform';
import { createFakePlatform, FAKE_CONFIGURATION, fakeMember, LOCAL_WORKSPACE, type FakeWorld } from '../../platform/fake';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();

const MEMBERS = { page: 'members', tab: 'members' } as const;
const ME = LOCAL_WORKSPACE.userId;

type User = ReturnType<typeof userEvent.setup>;

/**
 * The signed-in Aroha (owner unless told), Jordan (a member with a desk number and Support), Priya (a
 * member holding a direct number) and Mei (an owner). The account also has a Sales group and the
 * fake's reserve numbers.
 */
function world(options: { myRole?: Role; world?: FakeWorld } = {}) {
  const team: Member[] = [
    fakeMember(0, 'acme.nz', {
      id: ME,
      name: 'Aroha Ngata',
      email: 'aroha@acme.nz',
      role: options.myRole ?? 'owner',
      numbers: [],
      groups: [],
    }),
    fakeMember(1, 'acme.nz', {
      name: 'Jordan Lee',
      email: 'jordan@acme.nz',
      role: 'member',
      status: 'active',
      grants: [],
      numbers: [{ id: 'n-jordan', e164: '+6495550101', label: 'Desk' }],
      groups: [{ id: 'g-support', name: 'Support' }],
      recording: { inbound: { enabled: true, enforced: false }, outbound: { enabled: false, enforced: false } },
    }),
    fakeMember(2, 'acme.nz', {
      name: 'Priya Patel',
      email: 'priya@acme.nz',
      role: 'member',
      status: 'active',
      numbers: [{ id: 'n-priya', e164: '+6495550102', label: 'Direct' }],
      groups: [],
    }),
    fakeMember(3, 'acme.nz', { name: 'Mei Chen', email: 'mei@acme.nz', role: 'owner', status: 'active', numbers: [], groups: [] }),
  ];
  const sales: Group = {
    id: 'g-sales',
    name: 'Sales',
    description: '',
    members: [],
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
  };
  return createFakePlatform(
    {},
    { teams: { [LOCAL_WORKSPACE.id]: team }, groups: { [LOCAL_WORKSPACE.id]: [sales] }, ...options.world },
  );
}

function rowOf(name: string): HTMLElement {
  const row = screen.getAllByTestId('member-row').find((candidate) => within(candidate).queryByText(name) !== null);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
}

/** Opens `name`'s profile from the list and waits until it can be changed (the fresh ETag is in). */
async function openProfile(user: User, name: string, { editable = true } = {}): Promise<HTMLElement> {
  await screen.findAllByTestId('member-row');
  await user.click(rowOf(name));
  const sheet = await screen.findByRole('dialog', { name });
  if (editable) await waitFor(() => expect(within(sheet).getByRole('combobox', { name: 'Role' })).toBeEnabled());
  return sheet;
}

function serverMember(platform: ReturnType<typeof world>, name: string): Member | undefined {
  return platform.world.members().find((member) => member.name === name);
}

// The machine these run on may be busy; each test is a few user steps against the fake.
describe('a member’s profile sheet', { timeout: 15_000 }, () => {
  it('opens from the list with what the member has, and Esc closes it', async () => {
    const platform = world({
      world: { configurations: { [LOCAL_WORKSPACE.id]: { ...FAKE_CONFIGURATION, recording: { inbound: 'always', outbound: 'member_choice' } } } },
    });
    await platform.updateMember(fakeMember(1).id, '*', { grants: ['view_analytics'] });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });

    const sheet = await openProfile(user, 'Jordan Lee');
    expect(sheet).toHaveAttribute('data-testid', 'member-sheet');
    expect(within(sheet).getByText('jordan@acme.nz')).toBeInTheDocument();
    expect(within(sheet).getByText('+64 9 555 0101')).toHaveClass('tabular');
    expect(within(sheet).getByText('Support')).toBeInTheDocument();
    expect(sheet.querySelector('[data-permission="view_analytics"]')).toHaveTextContent('Granted');
    expect(within(sheet).getByRole('switch', { name: 'View analytics' })).toBeChecked();
    expect(sheet.querySelector('[data-permission="make_outbound_calls"]')).toHaveTextContent('From role');
    expect(within(sheet).getByRole('switch', { name: 'Make outbound calls' })).toBeDisabled();
    expect(within(sheet).getByRole('switch', { name: 'Manage members' })).not.toBeChecked();

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Enter on a focused row opens it too.
    rowOf('Priya Patel').focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Priya Patel' })).toBeInTheDocument();
  });

  it('changes the role: the sheet and the list row show it, and the server holds it', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.selectOptions(within(sheet).getByRole('combobox', { name: 'Role' }), 'Admin');

    await waitFor(() => expect(within(sheet).getByText('Admin', { selector: '.badge' })).toBeInTheDocument());
    expect(serverMember(platform, 'Jordan Lee')?.role).toBe('admin');
    // An admin has every permission from the role.
    expect(within(sheet).getByRole('switch', { name: 'Manage members' })).toBeChecked();
    await waitFor(() => expect(within(rowOf('Jordan Lee')).getByText('Admin')).toHaveClass('badge'));
  });

  it('lets an admin change neither an owner nor make one, and says why', async () => {
    const platform = world({ myRole: 'admin' });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });

    const owner = await openProfile(user, 'Mei Chen', { editable: false });
    const role = within(owner).getByRole('combobox', { name: 'Role' });
    await waitFor(() => expect(role).toHaveAccessibleDescription('Only an owner can change an owner’s role.'));
    expect(role).toBeDisabled();
    expect(within(owner).getByRole('button', { name: 'Deactivate' })).toBeDisabled();
    expect(within(owner).getByText('Only an owner can remove an owner.')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const member = await openProfile(user, 'Jordan Lee');
    const options = within(member).getByRole('combobox', { name: 'Role' });
    expect(within(options).getByRole('option', { name: 'Owner' })).toBeDisabled();
    expect(options).toHaveAccessibleDescription('Only an owner can make someone an owner.');
  });

  it('asks before an admin steps down to Member, then the server holds it', async () => {
    const platform = world({ myRole: 'admin' });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Aroha Ngata');

    await user.selectOptions(within(sheet).getByRole('combobox', { name: 'Role' }), 'Member');
    const dialog = await screen.findByRole('alertdialog', { name: 'Change your own role to Member?' });
    expect(dialog).toHaveTextContent('You’ll no longer be able to manage members');
    expect(serverMember(platform, 'Aroha Ngata')?.role).toBe('admin');
    await user.click(within(dialog).getByRole('button', { name: 'Change my role' }));

    await waitFor(() => expect(serverMember(platform, 'Aroha Ngata')?.role).toBe('member'));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
  });

  it('says the last owner can’t step down or be deactivated', async () => {
    const platform = world();
    // Mei stops being an owner, so Aroha is the only one.
    await platform.updateMember(fakeMember(3).id, '*', { role: 'admin' });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Aroha Ngata');

    const role = within(sheet).getByRole('combobox', { name: 'Role' });
    await waitFor(() => expect(within(role).getByRole('option', { name: 'Member' })).toBeDisabled());
    expect(role).toHaveAccessibleDescription(/You’re the team’s last owner/u);
    expect(within(sheet).getByRole('button', { name: 'Deactivate' })).toBeDisabled();
  });

  it('grants a permission beyond the role, which the server then holds', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('switch', { name: 'View analytics' }));

    await waitFor(() => expect(sheet.querySelector('[data-permission="view_analytics"]')).toHaveTextContent('Granted'));
    expect(within(sheet).getByRole('switch', { name: 'View analytics' })).toBeChecked();
    expect(serverMember(platform, 'Jordan Lee')?.grants).toEqual(['view_analytics']);
    expect(serverMember(platform, 'Jordan Lee')?.permissions).toContain('view_analytics');
  });

  it('assigns a number from reserve with the picker, by keyboard', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('button', { name: 'Assign number' }));
    const search = await screen.findByPlaceholderText('Search number, label or country');
    // Numbers already theirs are listed but can't be picked.
    expect(await screen.findByRole('option', { name: /\+64 9 555 0101/u })).toHaveAttribute('aria-disabled', 'true');
    await user.type(search, 'Sydney');
    await user.keyboard('{Enter}');

    expect(await within(sheet).findByText('+61 2 5555 9004')).toBeInTheDocument();
    const sydney = platform.world.numbers().find((number) => number.e164 === '+61255559004');
    expect(sydney?.assignees.map((assignee) => assignee.name)).toEqual(['Jordan Lee']);
  });

  it('takes over a direct number someone else holds, after asking', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('button', { name: 'Assign number' }));
    const option = await screen.findByRole('option', { name: /\+64 9 555 0102/u });
    expect(option).toHaveTextContent('Held by Priya Patel');
    await user.click(option);

    const dialog = await screen.findByTestId('takeover-dialog');
    expect(dialog).toHaveTextContent('+64 9 555 0102 belongs to Priya Patel');
    expect(within(dialog).getByRole('radio', { name: /Take it over/u })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Take it over' }));

    await waitFor(() => expect(screen.queryByTestId('takeover-dialog')).not.toBeInTheDocument());
    expect(await within(sheet).findByText('+64 9 555 0102')).toBeInTheDocument();
    const number = platform.world.numbers().find((candidate) => candidate.id === 'n-priya');
    expect(number?.assignees.map((assignee) => assignee.name)).toEqual(['Jordan Lee']);
    expect(number?.sharing).toBe('direct');
    expect(serverMember(platform, 'Priya Patel')?.numbers).toEqual([]);
  });

  it('adds the member to a group and removes them from one', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('button', { name: 'Add to group' }));
    // Groups they're in aren't offered.
    expect(screen.queryByRole('option', { name: /Support/u })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('option', { name: /Sales/u }));
    const groups = within(sheet).getByRole('region', { name: 'Groups' });
    expect(await within(groups).findByText('Sales')).toBeInTheDocument();
    expect(platform.world.groups().find((group) => group.name === 'Sales')?.members.map((p) => p.name)).toEqual(['Jordan Lee']);

    await user.click(within(groups).getByRole('button', { name: 'Remove from Support' }));
    await waitFor(() => expect(within(groups).queryByText('Support')).not.toBeInTheDocument());
    expect(serverMember(platform, 'Jordan Lee')?.groups.map((group) => group.name)).toEqual(['Sales']);
  });

  it('turns outgoing call recording on', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');
    const outgoing = within(sheet).getByRole('switch', { name: 'Outgoing calls' });
    expect(outgoing).not.toBeChecked();

    await user.click(outgoing);

    await waitFor(() => expect(within(sheet).getByRole('switch', { name: 'Outgoing calls' })).toBeChecked());
    expect(sheet.querySelector('[data-recording="outbound"]')).toHaveTextContent('Recorded');
    expect(serverMember(platform, 'Jordan Lee')?.recording.outbound.enabled).toBe(true);
  });

  it('shows recording the configuration enforces as locked, with the way to Configuration', async () => {
    const platform = world({
      world: {
        configurations: { [LOCAL_WORKSPACE.id]: { ...FAKE_CONFIGURATION, recording: { inbound: 'never', outbound: 'member_choice' } } },
      },
    });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    const incoming = sheet.querySelector('[data-recording="inbound"]') as HTMLElement;
    expect(incoming).toHaveTextContent('Never recorded');
    expect(within(incoming).getByLabelText('Locked')).toBeInTheDocument();
    expect(within(incoming).queryByRole('switch')).not.toBeInTheDocument();
    expect(within(sheet).getByText('Enforced by account configuration')).toBeInTheDocument();
    expect(within(sheet).getByRole('switch', { name: 'Outgoing calls' })).toBeEnabled();

    await user.click(within(sheet).getByRole('button', { name: 'Open Configuration' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Configuration' })).toBeInTheDocument();
    expect(screen.queryByTestId('member-sheet')).not.toBeInTheDocument();
  });

  it('deactivates after a confirmation that says the numbers stay', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('button', { name: 'Deactivate' }));
    const dialog = await screen.findByTestId('status-dialog');
    expect(dialog).toHaveTextContent('Their 1 phone number (+64 9 555 0101) stays assigned to them');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    await waitFor(() => expect(screen.queryByTestId('status-dialog')).not.toBeInTheDocument());
    expect(within(sheet).getByText('Deactivated', { selector: '.badge' })).toBeInTheDocument();
    expect(within(sheet).getByRole('button', { name: 'Reactivate' })).toBeInTheDocument();
    expect(serverMember(platform, 'Jordan Lee')?.status).toBe('deactivated');
    expect(serverMember(platform, 'Jordan Lee')?.numbers.map((number) => number.id)).toEqual(['n-jordan']);
  });

  it('removes a member who holds numbers, keeping the numbers in reserve', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByTestId('remove-dialog');
    expect(dialog).toHaveTextContent('They hold 1 phone number (+64 9 555 0101)');
    expect(within(dialog).getByRole('radio', { name: /Keep it in reserve/u })).toBeChecked();
    // Moving needs someone to move to.
    await user.click(within(dialog).getByRole('radio', { name: /Move it to/u }));
    expect(within(dialog).getByRole('button', { name: 'Remove Jordan Lee' })).toBeDisabled();
    await user.click(within(dialog).getByRole('radio', { name: /Keep it in reserve/u }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove Jordan Lee' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Jordan Lee' })).not.toBeInTheDocument());
    expect(serverMember(platform, 'Jordan Lee')).toBeUndefined();
    expect(platform.world.numbers().find((number) => number.id === 'n-jordan')?.assignees).toEqual([]);
    await waitFor(() => expect(screen.queryByText('jordan@acme.nz')).not.toBeInTheDocument());
  });

  it('removes a member and moves their numbers to someone else', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');

    await user.click(within(sheet).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByTestId('remove-dialog');
    await user.click(within(dialog).getByRole('radio', { name: /Move it to/u }));
    await user.click(within(dialog).getByRole('button', { name: 'Choose a member' }));
    await user.type(await screen.findByPlaceholderText('Search name or email'), 'priya');
    await user.click(await screen.findByRole('option', { name: /Priya Patel/u }));
    await user.click(within(dialog).getByRole('button', { name: 'Remove Jordan Lee' }));

    await waitFor(() => expect(screen.queryByTestId('remove-dialog')).not.toBeInTheDocument());
    expect(serverMember(platform, 'Jordan Lee')).toBeUndefined();
    expect(serverMember(platform, 'Priya Patel')?.numbers.map((number) => number.id).sort()).toEqual(['n-jordan', 'n-priya']);
  });

  it('doesn’t offer to remove yourself, and says why', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Aroha Ngata');

    expect(within(sheet).getByText('You', { selector: '.badge' })).toBeInTheDocument();
    expect(within(sheet).queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
    expect(within(sheet).getByText('You can’t remove yourself. Another owner or admin can remove you.')).toBeInTheDocument();
  });

  it('shows a member the identity provider manages with name, email and status locked, and lets an admin change the role', async () => {
    const ngaio = fakeMember(4, 'acme.nz', {
      name: 'Ngaio Marsh',
      email: 'ngaio@acme.nz',
      role: 'member',
      status: 'active',
      numbers: [],
      groups: [],
      managed_by: 'identity_provider',
    });
    const platform = world({ myRole: 'admin' });
    platform.world.teams.get(LOCAL_WORKSPACE.id)?.push(ngaio);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Ngaio Marsh');

    // Name and email are shown as they are, with who owns them.
    expect(within(sheet).getByRole('heading', { name: 'Ngaio Marsh' })).toBeInTheDocument();
    expect(within(sheet).getByText('ngaio@acme.nz')).toBeInTheDocument();
    expect(within(sheet).getByTestId('profile-managed')).toHaveTextContent(
      'Managed by your identity provider — their name, email and status change there; role, permissions, numbers and groups here.',
    );
    // The status is shown, locked, with no Deactivate to press.
    const status = within(sheet).getByTestId('profile-status-managed');
    expect(status).toHaveTextContent('Active');
    expect(status).toHaveTextContent('Managed by your identity provider — deactivate Ngaio Marsh there.');
    expect(within(sheet).queryByRole('button', { name: 'Deactivate' })).not.toBeInTheDocument();

    // The role is the team's to change.
    await user.selectOptions(within(sheet).getByRole('combobox', { name: 'Role' }), 'Admin');
    await waitFor(() => expect(within(sheet).getByText('Admin', { selector: '.badge' })).toBeInTheDocument());
    expect(serverMember(platform, 'Ngaio Marsh')).toMatchObject({ role: 'admin', name: 'Ngaio Marsh', managed_by: 'identity_provider' });
    // So are permissions.
    expect(within(sheet).getByRole('switch', { name: 'Manage members' })).toBeChecked();
  });

  it('on a 412 shows what someone else changed, and Reload shows their version', async () => {
    const platform = world();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const sheet = await openProfile(user, 'Jordan Lee');
    // Another admin makes Jordan an admin while this sheet is open.
    const jordan = serverMember(platform, 'Jordan Lee');
    await platform.updateMember(jordan?.id ?? '', '*', { role: 'admin' });

    await user.click(within(sheet).getByRole('switch', { name: 'Outgoing calls' }));

    const conflict = await screen.findByTestId('conflict-dialog');
    expect(conflict).toHaveTextContent('Someone else changed Jordan Lee');
    expect(conflict).toHaveTextContent('Role: Member → Admin');
    // Until the user chooses, the sheet shows what they were looking at, and their change wasn't made.
    expect(within(sheet).getByText('Member', { selector: '.badge' })).toBeInTheDocument();
    expect(serverMember(platform, 'Jordan Lee')?.recording.outbound.enabled).toBe(false);

    await user.click(within(conflict).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.queryByTestId('conflict-dialog')).not.toBeInTheDocument());
    expect(within(sheet).getByText('Admin', { selector: '.badge' })).toBeInTheDocument();
    expect(within(sheet).getByRole('combobox', { name: 'Role' })).toHaveValue('admin');
    expect(within(sheet).queryByRole('status')).not.toBeInTheDocument();
    // The list behind the sheet shows their version too.
    const row = screen.getAllByTestId('member-row', { suggest: false }).find((candidate) => candidate.textContent.includes('Jordan Lee'));
    await waitFor(() => expect(row).toHaveTextContent('Admin'));
  });
});
