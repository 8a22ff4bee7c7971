import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type Group, type Invitation, type NewGroup } from '../../platform';
import { createFakePlatform, fakeMember, LOCAL_WORKSPACE, type FakePlatform } from '../../platform/fake';
import { accessibilityViolations } from '../../test/axe';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();

const GROUPS = { page: 'members', tab: 'groups' } as const;
const SALES = { id: 'g-sales', name: 'Sales' };
const SUPPORT = { id: 'g-support', name: 'Support' };

const TEAM = [
  fakeMember(0, 'acme.test', { id: 'm-aroha', name: 'Aroha Ngata', email: 'aroha@acme.nz', groups: [SALES] }),
  fakeMember(1, 'acme.test', { id: 'm-jordan', name: 'Jordan Lee', email: 'jordan@acme.nz', groups: [SALES, SUPPORT] }),
  fakeMember(2, 'acme.test', { id: 'm-mei', name: 'Mei Chen', email: 'mei@acme.nz', groups: [] }),
];

const ANA: Invitation = {
  id: 'i-ana',
  email: 'ana@acme.nz',
  role: 'member',
  permissions: ['make_outbound_calls'],
  grants: [],
  numbers: [],
  groups: [SALES],
  status: 'pending',
  expires_at: '2999-01-01T00:00:00Z',
  invited_by: LOCAL_WORKSPACE.userId,
  member_id: null,
  created_at: '2026-11-01T09:00:00Z',
  updated_at: '2026-11-01T09:00:00Z',
};

const NIGHT_SHIFT: Group = {
  id: 'g-night',
  name: 'Night shift',
  description: 'Answers after 10 pm',
  members: [],
  created_at: '2026-11-01T09:00:00Z',
  updated_at: '2026-11-01T09:00:00Z',
};

function withGroups(overrides: Parameters<typeof createFakePlatform>[0] = {}): FakePlatform {
  return createFakePlatform(overrides, {
    teams: { [LOCAL_WORKSPACE.id]: TEAM.map((member) => structuredClone(member)) },
    invitations: { [LOCAL_WORKSPACE.id]: [structuredClone(ANA)] },
    groups: { [LOCAL_WORKSPACE.id]: [structuredClone(NIGHT_SHIFT)] },
  });
}

function held(platform: FakePlatform, name: string): Group | undefined {
  return platform.world.groups().find((group) => group.name === name);
}

async function rowOf(name: string): Promise<HTMLElement> {
  const rows = await screen.findAllByTestId('group-row');
  const row = rows.find((candidate) => within(candidate).queryByText(name, { exact: true }) !== null);
  if (row === undefined) throw new Error(`no row for ${name}`);
  return row;
}

async function openGroup(user: ReturnType<typeof renderApp>['user'], name: string): Promise<HTMLElement> {
  await user.click(await rowOf(name));
  return screen.findByRole('dialog', { name });
}

describe('the Groups tab', () => {
  it('lists every group with its members and invitees counted, and searches by name', async () => {
    const { user } = renderApp({ platform: withGroups(), initialRoute: GROUPS });

    expect(screen.getByRole('grid', { name: 'Groups' })).toHaveAttribute('aria-busy', 'true');
    expect(await screen.findAllByTestId('group-row')).toHaveLength(3);
    expect(screen.getByTestId('group-count')).toHaveTextContent('3 groups');
    expect(within(await rowOf('Sales')).getByTestId('group-member-count')).toHaveTextContent('2 + 1 invited');
    expect(within(await rowOf('Support')).getByTestId('group-member-count')).toHaveTextContent(/^1$/u);
    expect(await rowOf('Night shift')).toHaveTextContent('Answers after 10 pm');

    await user.type(screen.getByRole('searchbox', { name: 'Search groups' }), 'sup');
    expect(screen.getAllByTestId('group-row')).toHaveLength(1);
    expect(screen.getByTestId('group-count')).toHaveTextContent('1 match');

    await user.clear(screen.getByRole('searchbox', { name: 'Search groups' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search groups' }), 'marketing');
    expect(screen.getByText('No groups match')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(screen.getAllByTestId('group-row')).toHaveLength(3);
  });

  it('offers New group when there are none, and creates one the server holds', async () => {
    const platform = createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: [fakeMember(2, 'acme.test', { groups: [] })] } });
    const { user } = renderApp({ platform, initialRoute: GROUPS });

    expect(await screen.findByText('No groups yet')).toBeInTheDocument();
    await user.click(within(screen.getByRole('grid', { name: 'Groups' })).getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), '  Front desk ');
    await user.type(within(dialog).getByRole('textbox', { name: /Description/u }), 'Reception and walk-ins');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));

    // The new group opens, ready for people to be added.
    const sheet = await screen.findByRole('dialog', { name: 'Front desk' });
    expect(within(sheet).getByText('Reception and walk-ins')).toBeInTheDocument();
    expect(within(sheet).getByTestId('group-headcount')).toHaveTextContent('No one yet');
    expect(held(platform, 'Front desk')).toMatchObject({ description: 'Reception and walk-ins', members: [] });
    const [create] = platform.requests.filter((request) => request.method === 'createGroup');
    expect(create?.args[0]).toMatch(/^[0-9a-f-]{36}$/u);
    expect(create?.args[1]).toEqual({ name: 'Front desk', description: 'Reception and walk-ins' } satisfies NewGroup);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await rowOf('Front desk')).toHaveTextContent('Reception and walk-ins');
    expect(screen.getByTestId('group-count')).toHaveTextContent('1 group');
  });

  it('shows a taken name on the name field, and creates the group once the name is changed', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    await screen.findAllByTestId('group-row');

    await user.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await user.type(name, 'sales');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));

    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription(/already a group called “sales”/u);
    expect(platform.world.groups()).toHaveLength(3);

    // Changed details go under a new idempotency key: the server keeps its refusal for the first.
    await user.type(name, ' team');
    expect(name).not.toHaveAttribute('aria-invalid');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));
    expect(await screen.findByRole('dialog', { name: 'sales team' })).toBeInTheDocument();
    const keys = platform.requests.filter((request) => request.method === 'createGroup').map((request) => request.args[0]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).not.toBe(keys[1]);
    expect(held(platform, 'sales team')).toBeDefined();
  });

  it('shows the server’s field problem on the field', async () => {
    const platform = withGroups({
      createGroup: () =>
        Promise.reject(
          new PlatformError('validation_failed', 'Keep the description to 1000 characters.', {
            fields: { description: ['Keep the description to 1000 characters.'] },
          }),
        ),
    });
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    await screen.findAllByTestId('group-row');

    await user.click(screen.getByRole('button', { name: 'New group' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Escalations');
    await user.click(within(dialog).getByRole('button', { name: 'Create group' }));

    const description = within(dialog).getByRole('textbox', { name: /Description/u });
    await waitFor(() => expect(description).toHaveAttribute('aria-invalid', 'true'));
    expect(description).toHaveAccessibleDescription(/Keep the description to 1000 characters\./u);
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).not.toHaveAttribute('aria-invalid');
  });

  it('opens a group with its members and invitees, and adds someone found by the server’s search', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });

    const sheet = await openGroup(user, 'Sales');
    const people = within(sheet).getAllByTestId('group-person');
    expect(people.map((person) => person.textContent)).toEqual([
      expect.stringContaining('Aroha Ngata'),
      expect.stringContaining('Jordan Lee'),
      expect.stringContaining('ana@acme.nz'),
    ]);
    expect(people[2]).toHaveTextContent('Invited');
    expect(within(sheet).getByTestId('group-headcount')).toHaveTextContent('2 members · 1 invited');

    await user.click(within(sheet).getByRole('button', { name: 'Add people' }));
    await user.keyboard('mei');
    await waitFor(() =>
      expect(platform.requests.some((request) => request.method === 'listMembers' && (request.args[0] as { q: string | null }).q === 'mei')).toBe(true),
    );
    await user.click(await screen.findByRole('option', { name: /Mei Chen/u }));

    await waitFor(() => expect(within(sheet).getByTestId('group-headcount')).toHaveTextContent('3 members · 1 invited'));
    expect(within(sheet).getByText('Mei Chen')).toBeInTheDocument();
    expect(held(platform, 'Sales')?.members.map((principal) => principal.id)).toContain('m-mei');
    expect(platform.world.members().find((member) => member.id === 'm-mei')?.groups).toEqual([SALES]);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(within(await rowOf('Sales')).getByTestId('group-member-count')).toHaveTextContent('3 + 1 invited');
  });

  it('marks people already in the group as not addable', async () => {
    const { user } = renderApp({ platform: withGroups(), initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Sales');
    await user.click(within(sheet).getByRole('button', { name: 'Add people' }));
    const jordan = await screen.findByRole('option', { name: /Jordan Lee/u });
    expect(jordan).toHaveAttribute('aria-disabled', 'true');
    expect(jordan).toHaveTextContent('Already in this group');
    expect(screen.getByRole('option', { name: /Mei Chen/u })).not.toHaveAttribute('aria-disabled', 'true');
  });

  it('removes a member from the group, keeping them in the team', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Sales');

    await user.click(within(sheet).getByRole('button', { name: 'Remove Jordan Lee from Sales' }));

    await waitFor(() => expect(within(sheet).queryByText('Jordan Lee')).not.toBeInTheDocument());
    expect(within(sheet).getByTestId('group-headcount')).toHaveTextContent('1 member · 1 invited');
    // Focus moves to the person now in that place, not off the sheet.
    expect(within(sheet).getByRole('button', { name: 'Remove ana@acme.nz from Sales' })).toHaveFocus();
    expect(held(platform, 'Sales')?.members.map((principal) => principal.id)).toEqual(['i-ana', 'm-aroha']);
    expect(platform.world.members().find((member) => member.id === 'm-jordan')?.groups).toEqual([SUPPORT]);
  });

  it('renames a group and changes its description in place', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Support');

    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));
    const name = within(sheet).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveFocus();
    await user.clear(name);
    await user.type(name, 'Customer care');
    await user.type(within(sheet).getByRole('textbox', { name: 'Description' }), 'First line for customers');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('dialog', { name: 'Customer care' })).toBeInTheDocument();
    expect(within(sheet).getByText('First line for customers')).toBeInTheDocument();
    expect(within(sheet).queryByRole('textbox', { name: 'Name' })).not.toBeInTheDocument();
    expect(within(sheet).getByRole('button', { name: 'Edit name and description' })).toHaveFocus();
    expect(held(platform, 'Customer care')).toMatchObject({ id: 'g-support', description: 'First line for customers' });
    expect(platform.world.members().find((member) => member.id === 'm-jordan')?.groups).toContainEqual({
      id: 'g-support',
      name: 'Customer care',
    });

    // Cancel leaves it as it was.
    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));
    await user.type(within(sheet).getByRole('textbox', { name: 'Name' }), ' team');
    await user.click(within(sheet).getByRole('button', { name: 'Cancel' }));
    expect(held(platform, 'Customer care')).toBeDefined();
    expect(screen.getByRole('dialog', { name: 'Customer care' })).toBeInTheDocument();

    // So does Esc, which cancels the edit and leaves the sheet open.
    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));
    await user.type(within(sheet).getByRole('textbox', { name: 'Name' }), ' team');
    await user.keyboard('{Escape}');
    expect(within(sheet).queryByRole('textbox', { name: 'Name' })).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Customer care' })).toBeInTheDocument();
    expect(within(sheet).getByRole('button', { name: 'Edit name and description' })).toBeInTheDocument();
    // The next Esc closes the sheet.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Customer care' })).not.toBeInTheDocument());
  });

  it('shows a taken name on the rename field', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Support');

    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));
    const name = within(sheet).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Night Shift');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription(/already a group called “Night Shift”/u);
    expect(held(platform, 'Support')).toBeDefined();
  });

  it('deletes a group after saying who loses it; the people stay in the team', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Sales');

    await user.click(within(sheet).getByRole('button', { name: 'Delete group' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete Sales?' });
    expect(confirm).toHaveTextContent('2 members and 1 invited person will no longer be in Sales; they stay in the team.');

    // Cancel keeps it.
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(held(platform, 'Sales')).toBeDefined();

    await user.click(within(sheet).getByRole('button', { name: 'Delete group' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete group' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getAllByTestId('group-row')).toHaveLength(2));
    expect(screen.queryByText('Sales', { exact: true })).not.toBeInTheDocument();
    expect(held(platform, 'Sales')).toBeUndefined();
    expect(platform.world.members().map((member) => member.id)).toEqual(['m-aroha', 'm-jordan', 'm-mei']);
    expect(platform.world.members().find((member) => member.id === 'm-aroha')?.groups).toEqual([]);
  });

  it('says what someone else changed when a save is refused with 412, and reloads theirs', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Support');
    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));

    // Another admin renames the group meanwhile.
    const theirs = await platform.getGroup('g-support');
    await platform.updateGroup('g-support', theirs.etag, { name: 'Helpdesk' });

    const name = within(sheet).getByRole('textbox', { name: 'Name' });
    await user.clear(name);
    await user.type(name, 'Customer care');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));

    const conflict = await screen.findByTestId('conflict-dialog');
    expect(conflict).toHaveTextContent('Someone else changed Support');
    await waitFor(() => expect(conflict).toHaveTextContent('Name: Support → Helpdesk'));
    await user.click(within(conflict).getByRole('button', { name: 'Reload' }));

    expect(await screen.findByRole('dialog', { name: 'Helpdesk' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Name' })).not.toBeInTheDocument();
    expect(held(platform, 'Helpdesk')).toBeDefined();
    expect(held(platform, 'Customer care')).toBeUndefined();
  });

  it('keeps the user’s edits after a 412 when they choose Keep editing, and saves them over the new copy', async () => {
    const platform = withGroups();
    const { user } = renderApp({ platform, initialRoute: GROUPS });
    const sheet = await openGroup(user, 'Support');
    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));

    const theirs = await platform.getGroup('g-support');
    await platform.updateGroup('g-support', theirs.etag, { description: 'Tier 1' });

    await user.type(within(sheet).getByRole('textbox', { name: 'Name' }), ' desk');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));
    const conflict = await screen.findByTestId('conflict-dialog');
    await waitFor(() => expect(conflict).toHaveTextContent('Description: None → Tier 1'));
    await user.click(within(conflict).getByRole('button', { name: 'Keep editing' }));

    const name = within(sheet).getByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Support desk');
    // The field the user didn't touch now shows theirs.
    expect(within(sheet).getByRole('textbox', { name: 'Description' })).toHaveValue('Tier 1');
    await user.click(within(sheet).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('dialog', { name: 'Support desk' })).toBeInTheDocument();
    // Only what the user changed was sent: their description stays.
    expect(held(platform, 'Support desk')).toMatchObject({ description: 'Tier 1' });
  });

  it('says why the groups couldn’t be loaded, and tries again', async () => {
    let fail = true;
    const base = withGroups();
    const platform = withGroups({
      listGroups: (query) =>
        fail ? Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example.')) : base.listGroups(query),
    });
    const { user } = renderApp({ platform, initialRoute: GROUPS });

    expect(await screen.findByText('Couldn’t load the groups')).toBeInTheDocument();
    expect(screen.getByText('Couldn’t reach acme.switchboard.example.')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('group-row')).toHaveLength(3);
  });

  it('has no accessibility violations in the list, a group’s sheet with its forms, and New group', async () => {
    const { user } = renderApp({ platform: withGroups(), initialRoute: GROUPS });
    await screen.findAllByTestId('group-row');
    expect(await accessibilityViolations()).toEqual([]);

    const sheet = await openGroup(user, 'Sales');
    await user.click(within(sheet).getByRole('button', { name: 'Edit name and description' }));
    expect(await accessibilityViolations()).toEqual([]);
    // The first Esc leaves the edit, the second the sheet.
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'New group' }));
    await screen.findByRole('dialog', { name: 'New group' });
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('focuses the search with /, and ↓ goes on to the rows, where Enter opens a group', async () => {
    const { user } = renderApp({ platform: withGroups(), initialRoute: GROUPS });
    await screen.findAllByTestId('group-row');
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search groups' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByTestId('group-row')[0]).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Night shift' })).toBeInTheDocument();
  });
});
