import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type Group, type ImportedRows, type Invitation, type PhoneNumber, type Platform } from '../../platform';
import { createFakePlatform, FAKE_CONFIGURATION, fakeMember, LOCAL_WORKSPACE, type FakePlatform } from '../../platform/fake';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();

const MEMBERS = { page: 'members', tab: 'members' } as const;
const PLAYLIST = 'https://learn.acme.nz/new-starters';
const AT = '2026-11-01T09:00:00Z';

const SALES: Group = { id: 'g-sales', name: 'Sales', description: '', members: [], created_at: AT, updated_at: AT };
const SUPPORT: Group = { id: 'g-support', name: 'Support', description: '', members: [], created_at: AT, updated_at: AT };
const SHARED_LINE: PhoneNumber = {
  id: 'n-shared',
  e164: '+6495550199',
  label: 'Front desk',
  country: 'NZ',
  kind: 'geographic',
  sharing: 'shared',
  assignees: [],
  created_at: AT,
  updated_at: AT,
};

const PENDING: Invitation = {
  id: 'i-ana',
  email: 'ana@acme.nz',
  role: 'member',
  permissions: ['make_outbound_calls'],
  grants: [],
  numbers: [],
  groups: [],
  status: 'pending',
  expires_at: '2999-01-01T00:00:00Z',
  invited_by: LOCAL_WORKSPACE.userId,
  member_id: null,
  created_at: AT,
  updated_at: AT,
};

function acme(
  world: Parameters<typeof createFakePlatform>[1] = {},
  { onboarding = PLAYLIST }: { onboarding?: string | null } = {},
  overrides: Partial<Platform> = {},
): FakePlatform {
  const id = LOCAL_WORKSPACE.id;
  return createFakePlatform(
    overrides,
    {
      teams: {
        [id]: [
          fakeMember(0, 'acme.nz', { id: LOCAL_WORKSPACE.userId, name: 'Aroha Ngata', email: 'aroha@acme.nz', groups: [], numbers: [] }),
          fakeMember(1, 'acme.nz', { name: 'Jordan Lee', email: 'jordan@acme.nz', groups: [], numbers: [] }),
        ],
      },
      invitations: { [id]: [structuredClone(PENDING)] },
      groups: { [id]: [structuredClone(SALES), structuredClone(SUPPORT)] },
      numbers: { [id]: [structuredClone(SHARED_LINE)] },
      configurations: {
        [id]: { ...FAKE_CONFIGURATION, default_role: 'member', allowed_email_domains: ['acme.nz'], onboarding_url: onboarding },
      },
      ...world,
    },
  );
}

type User = ReturnType<typeof renderApp>['user'];

async function openInvite(user: User): Promise<HTMLElement> {
  await user.click(await screen.findByRole('button', { name: 'Invite People' }));
  return screen.findByRole('dialog', { name: 'Invite People' });
}

function chips(dialog: HTMLElement): string[] {
  const list = within(dialog).queryByRole('list', { name: 'Addresses to invite' });
  return list === null ? [] : within(list).getAllByRole('listitem').map((item) => item.textContent);
}

function rowOf(dialog: HTMLElement, email: string): HTMLElement {
  const row = within(dialog)
    .getAllByTestId('review-row')
    .find((candidate) => within(candidate).queryByText(email, { exact: true }) !== null);
  if (row === undefined) throw new Error(`no review row for ${email}`);
  return row;
}

describe('Invite People', () => {
  it('takes typed and pasted addresses as chips, reviews them with the server, fixes and removes rows, and sends the ready ones', async () => {
    const platform = acme();
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const dialog = await openInvite(user);

    const review = within(dialog).getByRole('button', { name: 'Review invitation' });
    expect(review).toBeDisabled();
    const input = within(dialog).getByRole('textbox', { name: 'Email addresses' });
    expect(input).toHaveFocus();

    // Enter makes a chip; it doesn't submit the step.
    await user.type(input, 'mei@acme.nz{Enter}');
    expect(chips(dialog)).toEqual(['mei@acme.nz']);
    expect(input).toHaveValue('');
    expect(review).toBeEnabled();
    expect(within(dialog).getByRole('list', { name: 'Steps' })).toHaveTextContent('1Who2Review3Send');

    // A pasted list is split; a comma or a space after an address ends it too.
    await user.paste('Tui Rangi <tui@acme.nz>, jordan@acme.nz; ana@acme.nz\nbob@gmail.com');
    await user.type(input, 'kiri@acme.nz,oops ');
    expect(chips(dialog)).toEqual(['mei@acme.nz', 'tui@acme.nz', 'jordan@acme.nz', 'ana@acme.nz', 'bob@gmail.com', 'kiri@acme.nz']);
    expect(input).toHaveValue('oops ');
    await user.type(input, '{Enter}');
    expect(chips(dialog)).toContain('oops');
    expect(within(dialog).getByText(/1 isn’t an email address/u)).toBeInTheDocument();
    // Backspace in the empty box takes the last chip back; a chip's × removes it.
    await user.type(input, '{Backspace}');
    expect(chips(dialog)).not.toContain('oops');
    await user.click(within(dialog).getByRole('button', { name: 'Remove kiri@acme.nz' }));
    expect(chips(dialog)).toHaveLength(5);

    // The same for all of them: Admin, and the Sales group.
    expect(within(dialog).getByRole('radio', { name: 'Member' })).toBeChecked();
    await user.click(within(dialog).getByRole('radio', { name: 'Admin' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add to group' }));
    await user.click(await screen.findByRole('option', { name: /Sales/u }));
    expect(within(within(dialog).getByRole('list', { name: 'Groups to join' })).getByText('Sales')).toBeInTheDocument();

    await user.click(review);
    const summary = await within(dialog).findByTestId('review-summary');
    await waitFor(() => expect(summary).toHaveTextContent('2 ready, 3 need attention'));
    expect(summary).toHaveFocus();
    expect(within(rowOf(dialog, 'mei@acme.nz')).getByText('Ready')).toBeInTheDocument();
    expect(within(rowOf(dialog, 'tui@acme.nz')).getByText('Tui Rangi')).toBeInTheDocument();
    expect(rowOf(dialog, 'jordan@acme.nz')).toHaveTextContent('Already a member');
    expect(rowOf(dialog, 'ana@acme.nz')).toHaveTextContent('Already invited');
    expect(rowOf(dialog, 'bob@gmail.com')).toHaveTextContent('Domain not allowed — invitations may only go to @acme.nz');
    expect(platform.calls.validateInvitations).toBe(1);

    await user.click(within(dialog).getByRole('button', { name: 'Remove bob@gmail.com' }));
    expect(within(dialog).queryByText('bob@gmail.com')).not.toBeInTheDocument();
    expect(summary).toHaveTextContent('2 ready, 2 need attention');

    // Fixed in place, and checked again.
    await user.click(within(dialog).getByRole('button', { name: 'Edit jordan@acme.nz' }));
    const fix = within(dialog).getByRole('textbox', { name: 'Fix jordan@acme.nz' });
    await user.clear(fix);
    await user.type(fix, 'jordan.lee@acme.nz{Enter}');
    await waitFor(() => expect(summary).toHaveTextContent('3 ready, 1 needs attention'));
    expect(within(rowOf(dialog, 'jordan.lee@acme.nz')).getByText('Ready')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Edit jordan.lee@acme.nz' })).toHaveFocus();
    expect(platform.calls.validateInvitations).toBe(2);
    expect(platform.world.invitations()).toHaveLength(1);

    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByTestId('send-title')).toHaveTextContent('3 invitations sent');
    expect(within(dialog).getByTestId('send-count')).toHaveTextContent('Sent 3 of 3');
    expect(within(dialog).getByRole('progressbar', { name: 'Invitations sent' })).toHaveAttribute('aria-valuenow', '3');
    const summaryList = within(dialog).getByRole('list', { name: 'Summary' });
    expect(summaryList).toHaveTextContent('3 sent');
    expect(summaryList).toHaveTextContent('1 address not sent — it needed attention at review.');

    const invited = platform.world.invitations().filter((invitation) => invitation.id !== PENDING.id);
    expect(invited.map((invitation) => invitation.email).sort()).toEqual(['jordan.lee@acme.nz', 'mei@acme.nz', 'tui@acme.nz']);
    expect(invited.every((invitation) => invitation.role === 'admin')).toBe(true);
    expect(invited.every((invitation) => invitation.groups.some((group) => group.id === SALES.id))).toBe(true);

    // The onboarding link, to pass on.
    expect(within(dialog).getByTestId('onboarding-link')).toHaveTextContent(PLAYLIST);
    expect(within(dialog).getByText(/Share your team’s training playlist with the new people/u)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(await within(dialog).findByText('Copied.')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(PLAYLIST);

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog', { name: 'Invite People' })).not.toBeInTheDocument();
    // Back where it was opened from.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Invite People' })).toHaveFocus());
  }, 15_000); // A long walk through the dialog: over 3 s on a busy 2-core machine.

  it('reviews on this computer when the server can’t be reached, queues the invitations, and sends them once it can', async () => {
    const platform = acme({ offline: true });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const dialog = await openInvite(user);

    await user.type(within(dialog).getByRole('textbox', { name: 'Email addresses' }), 'mei@acme.nz tui@acme.nz bob@gmail.com not-an-address');
    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));

    const summary = await within(dialog).findByTestId('review-summary');
    await waitFor(() => expect(summary).toHaveTextContent('2 ready, 2 need attention'));
    expect(within(dialog).getByTestId('review-unchecked')).toHaveTextContent(
      /Will be checked when sent.*Couldn’t reach the server, so only the addresses and your team’s allowed domains were checked/u,
    );
    expect(rowOf(dialog, 'bob@gmail.com')).toHaveTextContent('Domain not allowed — invitations may only go to @acme.nz');
    expect(rowOf(dialog, 'not-an-address')).toHaveTextContent('Not an email address');

    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    const title = await within(dialog).findByTestId('send-title');
    expect(title).toHaveTextContent('Queued — will be sent when you’re back online');
    expect(within(dialog).getByTestId('send-count')).toHaveTextContent('Sent 0 of 2');
    await waitFor(() => expect(within(dialog).getByRole('list', { name: 'Summary' })).toHaveTextContent(/2 queued — kept on this computer/u));
    expect(platform.world.outbox()).toHaveLength(2);
    expect(platform.world.invitations().map((invitation) => invitation.email)).not.toContain('mei@acme.nz');

    platform.world.setOffline(false);
    await waitFor(() => expect(title).toHaveTextContent('2 invitations sent'));
    expect(within(dialog).getByTestId('send-count')).toHaveTextContent('Sent 2 of 2');
    // The dialog says so as it happens: no toast repeats it (a burst's toast comes 400 ms after the last).
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(screen.queryByText(/delivered/u)).not.toBeInTheDocument();
    expect(within(dialog).getByRole('list', { name: 'Summary' })).not.toHaveTextContent('queued');
    expect(platform.world.invitations().map((invitation) => invitation.email)).toEqual(
      expect.arrayContaining(['mei@acme.nz', 'tui@acme.nz']),
    );
  });

  it('imports people from a CSV file, with the rows it left out and the names it didn’t know', async () => {
    const rows: ImportedRows = {
      header: true,
      ignoredColumns: ['Department'],
      rows: [
        { status: 'parsed', line: 2, invitee: { email: 'mei@acme.nz', name: 'Mei Chen', role: 'admin', groups: ['sales', 'Night shift'], numbers: [] } },
        { status: 'rejected', line: 3, problems: ['line 3: “bob@” isn’t an email address'] },
        {
          status: 'parsed',
          line: 4,
          invitee: { email: 'tui@acme.nz', name: null, role: null, groups: [], numbers: ['+6495550199', '+6495550000'] },
        },
      ],
    };
    const platform = acme({ csvImport: rows });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const dialog = await openInvite(user);

    // Once the account's groups and numbers are read, which the rows' names are matched against.
    const importButton = within(dialog).getByRole('button', { name: 'Import CSV' });
    await waitFor(() => expect(importButton).toBeEnabled());
    await user.click(importButton);
    const imported = await within(dialog).findByTestId('import-summary');
    expect(imported).toHaveTextContent('Imported 2 people from the file. Not used: Department.');
    expect(imported).toHaveTextContent('line 3: “bob@” isn’t an email address');
    expect(imported).toHaveTextContent('line 2: no group named “Night shift” — invited without it');
    expect(imported).toHaveTextContent('line 4: the account has no number “+6495550000” — invited without it');
    expect(chips(dialog)).toEqual(['mei@acme.nz', 'tui@acme.nz']);

    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));
    await waitFor(() => expect(within(dialog).getByTestId('review-summary')).toHaveTextContent('2 ready, 0 need attention'));
    expect(rowOf(dialog, 'mei@acme.nz')).toHaveTextContent('line 2 · Admin · Sales');
    expect(rowOf(dialog, 'tui@acme.nz')).toHaveTextContent('line 4 · +64 9 555 0199');

    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByTestId('send-title')).toHaveTextContent('2 invitations sent');
    const mei = platform.world.invitations().find((invitation) => invitation.email === 'mei@acme.nz');
    expect(mei?.role).toBe('admin');
    expect(mei?.groups.map((group) => group.id)).toEqual([SALES.id]);
    const tui = platform.world.invitations().find((invitation) => invitation.email === 'tui@acme.nz');
    expect(tui?.role).toBe('member');
    expect(tui?.numbers.map((number) => number.id)).toEqual([SHARED_LINE.id]);
  });

  it('says when the team has no onboarding link, and leads to Configuration; Invite more starts again', async () => {
    const platform = acme({}, { onboarding: null });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    let dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Email addresses' }), 'mei@acme.nz{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByTestId('send-title')).toHaveTextContent('Invitation sent');
    expect(within(dialog).getByText(/Your team has no onboarding link yet/u)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Copy' })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Invite more' }));
    expect(chips(dialog)).toEqual([]);
    expect(within(dialog).getByRole('textbox', { name: 'Email addresses' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Invite People' })).not.toBeInTheDocument();

    dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Email addresses' }), 'tui@acme.nz{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Send invitation' }));
    await user.click(await within(dialog).findByRole('button', { name: 'Open Configuration' }));
    expect(screen.queryByRole('dialog', { name: 'Invite People' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Configuration');
  });

  it('doesn’t claim the team has no onboarding link, nor that domains were checked, when the configuration couldn’t be read', async () => {
    const platform = acme(
      { offline: true },
      {},
      { getConfiguration: () => Promise.reject(new PlatformError('offline', 'Couldn’t reach the server.')) },
    );
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Email addresses' }), 'mei@gmail.com{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));
    expect(await within(dialog).findByTestId('review-unchecked')).toHaveTextContent(
      /only the addresses were checked on this computer\. Whether each domain is allowed/u,
    );
    await user.click(await within(dialog).findByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByText(/The team’s onboarding link hasn’t been read from the server yet/u)).toBeInTheDocument();
    expect(within(dialog).queryByText(/no onboarding link yet/u)).not.toBeInTheDocument();
  });

  it('gives a direct number to one person only, and shows what the server refused when sending', async () => {
    const direct: PhoneNumber = { ...SHARED_LINE, id: 'n-direct', e164: '+6495550188', label: 'Direct', sharing: 'direct' };
    const platform = acme({ numbers: { [LOCAL_WORKSPACE.id]: [structuredClone(direct)] } });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const dialog = await openInvite(user);
    await user.type(within(dialog).getByRole('textbox', { name: 'Email addresses' }), 'mei@acme.nz tui@acme.nz{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Add number' }));
    await user.click(await screen.findByRole('option', { name: /\+64 9 555 0188/u }));
    await user.click(within(dialog).getByRole('button', { name: 'Review invitation' }));

    await waitFor(() => expect(within(dialog).getByTestId('review-summary')).toHaveTextContent('1 ready, 1 needs attention'));
    expect(rowOf(dialog, 'tui@acme.nz')).toHaveTextContent('+64 9 555 0188 is a direct number, and goes to mei@acme.nz already');
    // Only what needs attention, on request.
    await user.click(within(dialog).getByRole('radio', { name: 'Need attention 1' }));
    expect(within(dialog).getAllByTestId('review-row')).toHaveLength(1);

    // Someone took the number meanwhile: the server refuses the invitation when it is sent.
    const number = await platform.getNumber(direct.id);
    await platform.assignNumber(direct.id, number.etag, LOCAL_WORKSPACE.userId);
    await user.click(within(dialog).getByRole('button', { name: 'Send invitation' }));
    expect(await within(dialog).findByTestId('send-title')).toHaveTextContent('0 of 1 sent — 1 needs attention');
    const summary = within(dialog).getByRole('list', { name: 'Summary' });
    expect(summary).toHaveTextContent(/1 needs attention — the server refused it:\s*mei@acme.nz — \+6495550188 is a direct number/u);
    await user.click(within(dialog).getByRole('button', { name: 'Fix them on Invitations' }));
    expect(screen.queryByRole('dialog', { name: 'Invite People' })).not.toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Invitations' })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens from the command palette on any page', async () => {
    const { user } = renderApp({ platform: acme(), initialRoute: { page: 'home' } });
    await user.keyboard('{Control>}k{/Control}');
    await user.type(await screen.findByRole('combobox'), 'invite people');
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Invite People' });
    expect(within(dialog).getByRole('textbox', { name: 'Email addresses' })).toHaveFocus();
    expect(screen.getByRole('heading', { level: 1, hidden: true })).toHaveTextContent('Members');
  });
});
