import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakePlatform, LOCAL_WORKSPACE } from '../platform/fake';
import type { Workspace } from '../platform';
import { renderApp } from '../test/render';
import { pageOf, routeOfPage } from './pageMemory';

const REMOTE: Workspace = {
  id: 'ws-acme',
  displayName: 'Acme',
  serverUrl: 'https://acme.example',
  userId: '00000000-0000-4000-8000-0000000000aa',
  userEmail: 'owner@acme.example',
  userName: 'Acme Owner',
  kind: 'remote',
};

function remembered(platform: ReturnType<typeof createFakePlatform>) {
  return platform.requests.filter((request) => request.method === 'rememberPage').map((request) => request.args);
}

describe('the remembered page', () => {
  it('names a page and its tab, and nothing a page shows', () => {
    expect(pageOf({ page: 'members', tab: 'invitations', open: 'a-member-id', invite: true })).toBe('members/invitations');
    expect(pageOf({ page: 'directory', search: 'ana' })).toBe('directory');
    expect(pageOf({ page: 'numbers', open: 'n1' })).toBe('numbers');
    expect(pageOf({ page: 'numbers', shown: 'reserve' })).toBe('numbers/reserve');
    for (const name of ['home', 'directory', 'members/groups', 'numbers', 'numbers/assigned', 'configuration', 'activity', 'settings/appearance']) {
      const route = routeOfPage(name);
      expect(route === null ? null : pageOf(route), name).toBe(name);
    }
    // What a newer build (or a damaged file) may have written opens Home instead.
    for (const name of [undefined, '', 'reports', 'members', 'members/archive', 'home/x', 'numbers/all/x']) {
      expect(routeOfPage(name), String(name)).toBeNull();
    }
  });

  it('opens the page the workspace was on at launch, and remembers where the user goes', async () => {
    const platform = createFakePlatform({}, { workspaces: [{ ...LOCAL_WORKSPACE, lastPage: 'numbers/reserve' }] });
    const { user } = renderApp({ platform });

    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Phone numbers'));
    // Restoring writes nothing: it is what is on disk already.
    expect(remembered(platform)).toEqual([]);

    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('button', { name: 'Members' }));
    await user.click(screen.getByRole('tab', { name: 'Invitations' }));

    await waitFor(() =>
      expect(remembered(platform)).toEqual([
        ['ws-local', 'members/members'],
        ['ws-local', 'members/invitations'],
      ]),
    );
    expect(platform.world.state.workspaces[0]?.lastPage).toBe('members/invitations');
  });

  it('keeps a page per workspace: switching opens the other one’s, without writing it over', async () => {
    const platform = createFakePlatform(
      {},
      {
        workspaces: [
          { ...LOCAL_WORKSPACE, lastPage: 'activity' },
          { ...REMOTE, lastPage: 'settings/appearance' },
        ],
      },
    );
    const { user } = renderApp({ platform });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Activity'));

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    // By keyboard: jsdom has no geometry for Radix's pointer path into a submenu.
    (await screen.findByRole('menuitem', { name: 'Switch workspace' })).focus();
    await user.keyboard('{ArrowRight}');
    (await screen.findByRole('menuitemradio', { name: /Acme/u })).focus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings'));
    expect(screen.getByRole('tab', { name: 'Appearance' })).toHaveAttribute('aria-selected', 'true');
    // Neither workspace's page was written with the other's.
    expect(remembered(platform)).toEqual([]);
    expect(platform.world.state.workspaces.map((workspace) => workspace.lastPage)).toEqual(['activity', 'settings/appearance']);
  });

  it('opens Home for a workspace with no page remembered', async () => {
    renderApp();
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Home'));
  });
});
