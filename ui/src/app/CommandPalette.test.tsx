import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type Group, type Member, type Platform, type Role } from '../platform';
import { createFakePlatform, FAKE_APP_INFO, fakeMember, LOCAL_WORKSPACE, type FakePlatform } from '../platform/fake';
import { accessibilityViolations } from '../test/axe';
import { paletteFilter } from './CommandPalette';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';

withViewport();

describe('the command palette', () => {
  it('opens with Ctrl+K and goes to a page', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    expect(within(palette).getByText('Open or close this palette')).toBeInTheDocument();

    await user.keyboard('invitations');
    await user.keyboard('{Enter}');

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Members');
    expect(screen.getByRole('tab', { name: 'Invitations' })).toHaveAttribute('aria-selected', 'true');
  });

  it('switches the theme', async () => {
    const { user } = renderApp();

    await user.click(screen.getByRole('button', { name: 'Command palette' }));
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('dark theme{Enter}');

    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  });

  it('adds a workspace', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('add work{Enter}');

    expect(await screen.findByRole('heading', { name: 'Add a workspace' })).toBeInTheDocument();
  });

  it('opens About Switchboard', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('about{Enter}');

    const about = await screen.findByRole('dialog', { name: 'About Switchboard' });
    expect(await within(about).findByTestId('about-version')).toHaveTextContent(FAKE_APP_INFO.version);
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('zzzzqqq');

    // Once the team has been searched too.
    expect(await screen.findByText(/Nothing matches/u)).toBeInTheDocument();
    expect(screen.getByTestId('palette-status')).toBeEmptyDOMElement();
  });
});

/**
 * The signed-in Aroha (an owner unless told), Jordan with a desk number and Mei; the groups Sales (Aroha
 * and Jordan) and Support (Jordan); and the fake's two spare Auckland numbers in reserve.
 */
function team(options: { myRole?: Role; overrides?: Partial<Platform> } = {}): FakePlatform {
  const sales = { id: 'g-sales', name: 'Sales' };
  const support = { id: 'g-support', name: 'Support' };
  const members: Member[] = [
    fakeMember(0, 'acme.nz', {
      id: LOCAL_WORKSPACE.userId,
      name: 'Aroha Ngata',
      email: 'aroha@acme.nz',
      role: options.myRole ?? 'owner',
      numbers: [],
      groups: [sales],
    }),
    fakeMember(1, 'acme.nz', {
      name: 'Jordan Lee',
      email: 'jordan@acme.nz',
      role: 'member',
      status: 'active',
      numbers: [{ id: 'n-jordan', e164: '+6495550101', label: 'Desk' }],
      groups: [sales, support],
    }),
    fakeMember(2, 'acme.nz', { name: 'Mei Chen', email: 'mei@acme.nz', role: 'admin', status: 'active', numbers: [], groups: [] }),
  ];
  const nightShift: Group = {
    id: 'g-night',
    name: 'Night shift',
    description: '',
    members: [],
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
  };
  return createFakePlatform(options.overrides ?? {}, {
    teams: { [LOCAL_WORKSPACE.id]: members },
    groups: { [LOCAL_WORKSPACE.id]: [nightShift] },
    reserveNumbers: 2,
  });
}

type User = ReturnType<typeof renderApp>['user'];

async function openPalette(user: User): Promise<HTMLElement> {
  await user.keyboard('{Control>}k{/Control}');
  return screen.findByRole('dialog', { name: 'Command palette' });
}

/** The found row of `section` ("Members", "Groups"…) labelled `label`, once the server has answered. */
async function found(palette: HTMLElement, section: string, label: string): Promise<HTMLElement> {
  const group = await within(palette).findByRole('group', { name: section });
  return within(group).getByRole('option', { name: new RegExp(`^${label.replace(/[+]/gu, '\\+')}`, 'u') });
}

// The machine these run on may be busy; each test is a few user steps against the fake.
describe('the command palette’s search of the team', { timeout: 15_000 }, () => {
  it('finds a member by name and opens their profile, on Members or from elsewhere, and Esc keeps it closed', async () => {
    const { user } = renderApp({ platform: team() });

    const palette = await openPalette(user);
    await user.keyboard('jord');
    const jordan = await found(palette, 'Members', 'Jordan Lee');
    expect(jordan).toHaveTextContent('jordan@acme.nz');
    expect(jordan).toHaveAttribute('aria-selected', 'true');
    expect(within(palette).queryByRole('option', { name: /Mei Chen/u })).not.toBeInTheDocument();
    await user.keyboard('{Enter}');

    const sheet = await screen.findByRole('dialog', { name: 'Jordan Lee' });
    expect(sheet).toHaveAttribute('data-testid', 'member-sheet');
    expect(within(sheet).getByText('+64 9 555 0101')).toBeInTheDocument();
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
    // Behind the sheet, which hides the rest of the window from assistive technology while it is open.
    expect(screen.getByRole('heading', { level: 1, hidden: true })).toHaveTextContent('Members');
    expect(screen.getByRole('tab', { name: 'Members', hidden: true })).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Rows of the list don't bring it back either.
    await screen.findAllByTestId('member-row');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // Already on Members: another member opens the same way.
    const again = await openPalette(user);
    await user.keyboard('mei');
    await found(again, 'Members', 'Mei Chen');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Mei Chen' })).toBeInTheDocument();
  });

  it('opens a group’s sheet', async () => {
    const { user } = renderApp({ platform: team() });

    const palette = await openPalette(user);
    await user.keyboard('sales');
    expect(await found(palette, 'Groups', 'Sales')).toHaveTextContent('2 members');
    await user.keyboard('{Enter}');

    const sheet = await screen.findByRole('dialog', { name: 'Sales' });
    expect(sheet).toHaveAttribute('data-testid', 'group-sheet');
    expect(await within(sheet).findByText('Jordan Lee')).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Groups', hidden: true })).toHaveAttribute('aria-selected', 'true');
  });

  it('finds a number typed in another format and opens its sheet', async () => {
    const { user } = renderApp({ platform: team() });

    const palette = await openPalette(user);
    // As people write it, not as the server holds it (+6495550101).
    await user.keyboard('09 555 0101');
    const number = await found(palette, 'Phone numbers', '+64 9 555 0101');
    expect(number).toHaveTextContent('Desk · Jordan Lee');
    await user.keyboard('{Enter}');

    const sheet = await screen.findByRole('dialog', { name: '+64 9 555 0101' });
    expect(sheet).toHaveAttribute('data-testid', 'number-sheet');
    expect(screen.getByRole('heading', { level: 1, hidden: true })).toHaveTextContent('Phone numbers');
  });

  it('says it is searching until the server answers, then shows what it found', async () => {
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const base = team();
    const { user } = renderApp({
      platform: team({ overrides: { listMembers: async (query) => answered.then(() => base.listMembers(query)) } }),
    });

    const palette = await openPalette(user);
    await user.keyboard('jordan');
    expect(await within(palette).findByRole('status')).toHaveTextContent('Searching…');
    expect(within(palette).queryByText(/Nothing matches/u)).not.toBeInTheDocument();
    answer();

    expect(await found(palette, 'Members', 'Jordan Lee')).toBeInTheDocument();
    expect(within(palette).getByRole('status')).toBeEmptyDOMElement();
  });

  it('says the search failed, and still goes to pages', async () => {
    const { user } = renderApp({
      platform: team({
        overrides: {
          listMembers: () => Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example.')),
        },
      }),
    });

    const palette = await openPalette(user);
    await user.keyboard('grou');
    await waitFor(() =>
      expect(within(palette).getByRole('status')).toHaveTextContent(
        'The search failed: Couldn’t reach acme.switchboard.example.',
      ),
    );
    // What the other searches found, and the pages, are still there.
    expect(await found(palette, 'Pages', 'Groups')).toBeInTheDocument();
    expect(within(palette).getByRole('option', { name: 'New group' })).toBeInTheDocument();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('tab', { name: 'Groups' })).toHaveAttribute('aria-selected', 'true');
  });

  it('has no accessibility violations with what it found', async () => {
    const { user } = renderApp({ platform: team() });
    const palette = await openPalette(user);
    await user.keyboard('s');
    await found(palette, 'Groups', 'Sales');
    expect(await accessibilityViolations()).toEqual([]);
  });
});

describe('the command palette’s admin actions', { timeout: 15_000 }, () => {
  it('New group opens the Groups tab with the New group dialog, which stays closed once cancelled', async () => {
    const { user } = renderApp({ platform: team() });

    await openPalette(user);
    await user.keyboard('new group{Enter}');

    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    expect(dialog).toHaveAttribute('data-testid', 'new-group-dialog');
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveFocus();
    expect(screen.getByRole('tab', { name: 'Groups', hidden: true })).toHaveAttribute('aria-selected', 'true');

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findAllByTestId('group-row')).toHaveLength(3);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('Assign a number lists the numbers in reserve', async () => {
    const { user } = renderApp({ platform: team() });

    await openPalette(user);
    await user.keyboard('assign{Enter}');

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Phone numbers');
    expect(screen.getByRole('radio', { name: 'In reserve' })).toBeChecked();
    const rows = await screen.findAllByTestId('number-row');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toHaveTextContent('Unassigned — held in reserve');
  });
});

describe('the command palette for the member role', { timeout: 15_000 }, () => {
  it('offers no admin pages, actions, groups or numbers, and finds people in the Directory', async () => {
    const platform = team({ myRole: 'member' });
    const { user } = renderApp({ platform });

    let palette = await openPalette(user);
    await user.keyboard('new group');
    await waitFor(() => expect(within(palette).getByRole('status')).toBeEmptyDOMElement());
    expect(within(palette).queryByRole('option', { name: 'New group' })).not.toBeInTheDocument();
    await user.clear(within(palette).getByRole('combobox'));
    await user.keyboard('assign');
    await waitFor(() => expect(within(palette).getByRole('status')).toBeEmptyDOMElement());
    expect(within(palette).queryByRole('option', { name: /Assign/u })).not.toBeInTheDocument();
    await user.clear(within(palette).getByRole('combobox'));
    await user.keyboard('sales');
    await waitFor(() => expect(within(palette).getByRole('status')).toBeEmptyDOMElement());
    expect(within(palette).queryByRole('group', { name: 'Groups' })).not.toBeInTheDocument();
    expect(platform.calls.listGroups).toBe(0);
    expect(platform.calls.listNumbers).toBe(0);
    await user.keyboard('{Escape}');

    palette = await openPalette(user);
    await user.keyboard('jordan');
    await found(palette, 'People', 'Jordan Lee');
    await user.keyboard('{Enter}');

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Directory');
    expect(screen.getByRole('searchbox', { name: 'Search the directory' })).toHaveValue('jordan@acme.nz');
    await waitFor(() => expect(screen.getAllByTestId('directory-row')).toHaveLength(1));
    expect(screen.getByTestId('directory-row')).toHaveTextContent('Jordan Lee');
  });
});

describe('paletteFilter', () => {
  const score = (search: string, label: string, ...keywords: string[]) =>
    paletteFilter('id', search, [label, ...keywords]);

  it('matches the start of the label best, then words of the label, then keywords', () => {
    expect(score('inv', 'Invitations')).toBe(1);
    expect(score('dark th', 'Use dark theme')).toBe(0.8);
    expect(score('policy', 'Configuration', 'admin', 'policy')).toBe(0.5);
    expect(score('', 'Home')).toBe(1);
  });

  it('does not match scattered letters', () => {
    expect(score('set', 'Use system theme', 'theme', 'appearance', 'system')).toBe(0);
    expect(score('zzz', 'Home')).toBe(0);
  });
});
