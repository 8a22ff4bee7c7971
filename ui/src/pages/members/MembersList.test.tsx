import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { memberKeys } from '../../data/members';
import { PlatformError, type ListMembers } from '../../platform';
import { createFakePlatform, fakeMember, fakeTeam, LOCAL_WORKSPACE, type FakePlatform } from '../../platform/fake';
import { renderApp } from '../../test/render';
import { withViewport } from '../../test/viewport';

withViewport();


const MEMBERS = { page: 'members', tab: 'members' } as const;

function listQueries(platform: FakePlatform): ListMembers[] {
  return platform.requests.filter((request) => request.method === 'listMembers').map((request) => request.args[0] as ListMembers);
}

function withTeam(count: number, overrides: Parameters<typeof createFakePlatform>[0] = {}) {
  return createFakePlatform(overrides, { teams: { [LOCAL_WORKSPACE.id]: fakeTeam(count) } });
}

describe('the Members list', () => {
  it('shows skeleton rows, then a 40 px row per member with role, status, number and groups', async () => {
    const team = [
      fakeMember(0, 'acme.test', { name: 'Aroha Ngata', email: 'aroha@acme.nz', role: 'owner' }),
      fakeMember(1, 'acme.test', {
        name: 'Jordan Lee',
        email: 'jordan@acme.nz',
        role: 'member',
        status: 'deactivated',
        numbers: [{ id: 'n1', e164: '+6125550123', label: 'Direct' }],
        groups: ['Sales', 'Support', 'Billing', 'Night shift'].map((name, index) => ({ id: `g${index}`, name })),
      }),
    ];
    const platform = createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: team } });
    renderApp({ platform, initialRoute: MEMBERS });

    expect(screen.getByRole('grid', { name: 'Members' })).toHaveAttribute('aria-busy', 'true');
    const rows = await screen.findAllByTestId('member-row');
    expect(rows).toHaveLength(2);
    expect(screen.getByTestId('member-count')).toHaveTextContent('2 members');

    const jordan = rows[1];
    if (jordan === undefined) throw new Error('no second row');
    expect(jordan).toHaveTextContent('JL');
    expect(jordan).toHaveTextContent('Jordan Lee');
    expect(jordan).toHaveTextContent('jordan@acme.nz');
    expect(within(jordan).getByText('Member')).toHaveClass('badge');
    expect(within(jordan).getByText('Deactivated')).toHaveClass('badge');
    expect(within(jordan).getByText('+6125550123')).toHaveClass('tabular');
    // Two group chips and the rest counted.
    expect(within(jordan).getByText('Sales').closest('.chip')).not.toBeNull();
    expect(within(jordan).getByText('Support').closest('.chip')).not.toBeNull();
    expect(within(jordan).queryByText('Billing')).not.toBeInTheDocument();
    expect(within(jordan).getByText('+2').closest('.chip')).toHaveAttribute('title', 'Billing, Night shift');

    expect(listQueries(platform)).toEqual([
      { cursor: null, limit: 100, q: null, role: null, status: null, group_id: null, sort: 'name', order: 'asc' },
    ]);
  });

  it('reads the first window only, and shows the server’s count of every member', async () => {
    const platform = withTeam(250);
    renderApp({ platform, initialRoute: MEMBERS });

    await waitFor(() => expect(screen.getByTestId('member-count')).toHaveTextContent('250 members'));
    expect(listQueries(platform).map((query) => [query.cursor, query.limit, query.sort, query.order])).toEqual([
      [null, 100, 'name', 'asc'],
    ]);
    // The scroll height covers all 250; only the rows in view are in the DOM.
    expect(screen.getByRole('grid', { name: 'Members' })).toHaveAttribute('aria-rowcount', '251');
    expect(screen.getAllByTestId('member-row').length).toBeLessThan(60);
  });

  it('reads the next windows as the table scrolls to the end', async () => {
    const platform = withTeam(250);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const [first] = await screen.findAllByTestId('member-row');
    (first as HTMLElement).focus();

    await user.keyboard('{End}');

    await waitFor(() => expect(listQueries(platform).map((query) => query.cursor)).toEqual([null, '100', '200']));
  });

  it('never stalls: leaving the page while windows are read and coming back still reaches the end', async () => {
    // Answers take a moment, so the list is still refetching its windows when the user asks for more.
    const base = withTeam(2_000);
    const platform = withTeam(2_000, {
      listMembers: async (query) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return base.listMembers(query);
      },
    });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const [first] = await screen.findAllByTestId('member-row');
    (first as HTMLElement).focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(listQueries(platform).length).toBeGreaterThanOrEqual(3));

    // Home and back: the query remounts while it refetches the windows it had.
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('button', { name: 'Home' }));
    await user.click(within(nav).getByRole('button', { name: 'Admin' }));
    const [again] = await screen.findAllByTestId('member-row');
    (again as HTMLElement).focus();
    await user.keyboard('{End}');

    // Every window up to the last is read (jsdom doesn't scroll, so the rows themselves aren't drawn).
    await waitFor(() => expect(listQueries(platform).some((query) => query.cursor === '1900')).toBe(true), {
      timeout: 10_000,
    });
    expect(screen.getByTestId('member-count')).toHaveTextContent('2,000 members');
  }, 20_000);

  it('lets the windows past the first go when the page is left, and reads one window on coming back', async () => {
    const platform = withTeam(250);
    const { user, queryClient } = renderApp({ platform, initialRoute: MEMBERS });
    const [first] = await screen.findAllByTestId('member-row');
    (first as HTMLElement).focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(listQueries(platform).map((query) => query.cursor)).toEqual([null, '100', '200']));
    const held = () =>
      queryClient
        .getQueryCache()
        .findAll({ queryKey: memberKeys.lists(LOCAL_WORKSPACE.id) })
        .map((query) => (query.state.data as { pages: unknown[] } | undefined)?.pages.length);
    expect(held()).toEqual([3]);

    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('button', { name: 'Home' }));
    await waitFor(() => expect(held()).toEqual([1]));

    const before = listQueries(platform).length;
    await user.click(within(nav).getByRole('button', { name: 'Admin' }));
    await waitFor(() => expect(screen.getByTestId('member-count')).toHaveTextContent('250 members'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listQueries(platform).slice(before).map((query) => query.cursor)).toEqual([null]);
  });

  it('starts a new order at the top, reading only its first window', async () => {
    const platform = withTeam(250);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const [first] = await screen.findAllByTestId('member-row');
    (first as HTMLElement).focus();
    await user.keyboard('{End}');
    await waitFor(() => expect(listQueries(platform).map((query) => query.cursor)).toEqual([null, '100', '200']));

    await user.click(screen.getByRole('button', { name: 'Email' }));
    await waitFor(() => expect(listQueries(platform).at(-1)).toMatchObject({ sort: 'email', cursor: null }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(listQueries(platform).filter((query) => query.sort === 'email').map((query) => query.cursor)).toEqual([null]);
  });

  it('sorts on the server when a column header is clicked', async () => {
    const platform = withTeam(30);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    await screen.findAllByTestId('member-row');

    await user.click(screen.getByRole('button', { name: 'Email' }));
    await waitFor(() => expect(listQueries(platform).at(-1)).toMatchObject({ sort: 'email', order: 'asc', cursor: null }));
    await user.click(screen.getByRole('button', { name: 'Email' }));
    await waitFor(() => expect(listQueries(platform).at(-1)).toMatchObject({ sort: 'email', order: 'desc' }));
    expect(screen.getByRole('columnheader', { name: /Email/u })).toHaveAttribute('aria-sort', 'descending');
  });

  it('keeps the windows it has when a later one fails, and reads the rest on request', async () => {
    let failSecond = true;
    const base = withTeam(150);
    const platform = withTeam(150, {
      listMembers: (query) =>
        query.cursor !== null && failSecond
          ? Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example.'))
          : base.listMembers(query),
    });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const [first] = await screen.findAllByTestId('member-row');
    (first as HTMLElement).focus();
    await user.keyboard('{End}');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Only 100 members are shown: Couldn’t reach acme.switchboard.example.',
    );
    expect(screen.getAllByTestId('member-row').length).toBeGreaterThan(0);
    failSecond = false;
    await user.click(screen.getByRole('button', { name: 'Load the rest' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
    await waitFor(() => expect(listQueries(platform).filter((query) => query.cursor === '100').length).toBe(2));
    expect(screen.getByTestId('member-count')).toHaveTextContent('150 members');
  });

  it('sends the search as q after a short pause, and filters the loaded rows meanwhile', async () => {
    const platform = withTeam(40);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    await screen.findAllByTestId('member-row');

    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'priya');

    await waitFor(() => expect(listQueries(platform).at(-1)).toMatchObject({ q: 'priya', cursor: null }));
    // Debounced: not one request per keystroke.
    expect(listQueries(platform).filter((query) => query.q !== null).length).toBeLessThanOrEqual(2);
    await waitFor(() => expect(screen.getByTestId('member-count')).toHaveTextContent(/^\d+ match/u));
    for (const row of screen.getAllByTestId('member-row')) expect(row).toHaveTextContent(/priya/iu);
  });

  it('filters by role and status', async () => {
    const platform = withTeam(40);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    await screen.findAllByTestId('member-row');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'Admin');
    await waitFor(() => expect(listQueries(platform).at(-1)).toMatchObject({ role: 'admin', status: null }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Deactivated');
    await waitFor(() => expect(listQueries(platform).at(-1)).toMatchObject({ role: 'admin', status: 'deactivated' }));
  });

  it('says when nothing matches, and clears the search', async () => {
    const platform = withTeam(10);
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    await screen.findAllByTestId('member-row');

    await user.type(screen.getByRole('searchbox', { name: 'Search members' }), 'nobody-by-this-name');
    expect(await screen.findByText('No one matches “nobody-by-this-name”.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(await screen.findAllByTestId('member-row')).toHaveLength(10);
  });

  it('offers Invite People when the team is empty, which opens the dialog', async () => {
    const platform = createFakePlatform({ listMembers: () => Promise.resolve({ data: [], next_cursor: null }) });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });
    const empty = (await screen.findByText('No members yet')).closest('.empty-state');
    if (!(empty instanceof HTMLElement)) throw new Error('no empty state');
    await user.click(within(empty).getByRole('button', { name: 'Invite People' }));
    expect(await screen.findByRole('dialog', { name: 'Invite People' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Members', hidden: true })).toHaveAttribute('aria-selected', 'true');
  });

  it('says when the rows shown couldn’t be brought up to date, keeps them, and tries again', async () => {
    let fail = false;
    const base = withTeam(5);
    const platform = withTeam(5, {
      listMembers: (query) =>
        fail ? Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example.')) : base.listMembers(query),
    });
    const { user, queryClient } = renderApp({ platform, initialRoute: MEMBERS });
    expect(await screen.findAllByTestId('member-row')).toHaveLength(5);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    // Someone's change elsewhere marks the list stale; reading it again fails.
    fail = true;
    await queryClient.invalidateQueries({ queryKey: memberKeys.all(LOCAL_WORKSPACE.id) });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Couldn’t bring the list up to date, so it may be out of date: Couldn’t reach acme.switchboard.example.',
    );
    expect(screen.getAllByTestId('member-row')).toHaveLength(5);

    fail = false;
    await user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('shows the backend’s words when the list can’t be loaded, and tries again', async () => {
    let fail = true;
    const base = withTeam(5);
    const platform = withTeam(5, {
      listMembers: (query) =>
        fail
          ? Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example. Check your connection.'))
          : base.listMembers(query),
    });
    const { user } = renderApp({ platform, initialRoute: MEMBERS });

    expect(await screen.findByText('Couldn’t load the members')).toBeInTheDocument();
    expect(screen.getByText('Couldn’t reach acme.switchboard.example. Check your connection.')).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('member-row')).toHaveLength(5);
  });

  it('focuses the search with /, and ↓ goes on to the rows', async () => {
    const { user } = renderApp({ platform: withTeam(3), initialRoute: MEMBERS });
    await screen.findAllByTestId('member-row');
    await user.keyboard('/');
    expect(screen.getByRole('searchbox', { name: 'Search members' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getAllByTestId('member-row')[0]).toHaveFocus();
  });
});
