import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type OutboxEvent } from '../platform';
import { createFakePlatform, LOCAL_WORKSPACE } from '../platform/fake';
import { renderApp } from '../test/render';

describe('the frame', () => {
  it('renders the sidebar, with Settings and Admin at the bottom, and the account button', async () => {
    renderApp();

    expect(screen.getByTestId('app-frame')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByTestId('workspace-name')).toHaveTextContent('Local workspace');
    expect(within(nav).getByRole('button', { name: 'Home' })).toHaveAttribute('aria-current', 'page');

    // Settings then Admin are the last two items of the sidebar, followed by the connection state once
    // the server has answered.
    const buttons = within(nav).getAllByRole('button');
    expect(buttons.map((button) => button.textContent).slice(-2)).toEqual(['Settings', 'Admin']);
    expect(await within(nav).findByRole('status')).toHaveTextContent('Online');

    expect(screen.getByRole('button', { name: 'Account menu' })).toHaveTextContent('WO');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Home');
  });

  it('opens the Admin area on Members, with its tabs', async () => {
    const { user } = renderApp();
    const nav = screen.getByRole('navigation', { name: 'Main' });

    await user.click(within(nav).getByRole('button', { name: 'Admin' }));

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Members');
    const tabs = screen.getByRole('tablist', { name: 'Members' });
    expect(within(tabs).getAllByRole('tab').map((tab) => tab.textContent)).toEqual([
      'Members',
      'Invitations',
      'Groups',
    ]);
    expect(screen.getByRole('tab', { name: 'Members' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('grid', { name: 'Members' })).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Invitations' }));
    expect(screen.getByText('No invitations yet')).toBeInTheDocument();

    // The Admin pages are listed while in the Admin area.
    await user.click(within(nav).getByRole('button', { name: 'Configuration' }));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Configuration');
    expect(screen.getByRole('heading', { name: 'Call recording' })).toBeInTheDocument();
  });

  it('opens the account menu from the initials and leads to Settings', async () => {
    const { user } = renderApp();

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    const menu = await screen.findByRole('menu');
    expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Settings',
      'Account',
      'Switch workspace',
      'About Switchboard',
      'Sign out',
    ]);

    await user.click(within(menu).getByRole('menuitem', { name: 'Settings' }));

    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings');
    expect(screen.getByRole('tab', { name: 'Account' })).toHaveAttribute('aria-selected', 'true');
  });

  it('returns to the Settings tab used last', async () => {
    const { user } = renderApp();
    const nav = screen.getByRole('navigation', { name: 'Main' });

    await user.click(within(nav).getByRole('button', { name: 'Settings' }));
    await user.click(screen.getByRole('tab', { name: 'Appearance' }));
    await user.click(within(nav).getByRole('button', { name: 'Home' }));

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Settings' }));
    expect(screen.getByRole('tab', { name: 'Appearance' })).toHaveAttribute('aria-selected', 'true');

    await user.click(within(nav).getByRole('button', { name: 'Home' }));
    await user.click(within(nav).getByRole('button', { name: 'Settings' }));
    expect(screen.getByRole('tab', { name: 'Appearance' })).toHaveAttribute('aria-selected', 'true');
  });

  it('opens Account settings from the menu with the keyboard', async () => {
    const { user } = renderApp();

    screen.getByRole('button', { name: 'Account menu' }).focus();
    await user.keyboard('{Enter}');
    await screen.findByRole('menu');
    await user.keyboard('{ArrowDown}{Enter}');

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Settings');
    expect(screen.getByRole('tab', { name: 'Account' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('owner@localhost')).toBeInTheDocument();
  });

  it('shows the connection the app’s requests find: nothing until one answers, Offline, then Online again', async () => {
    let reachable = false;
    let answer: () => void = () => undefined;
    const base = createFakePlatform();
    const platform = createFakePlatform({
      // Unreachable, the first read hangs until the test lets it fail.
      me: () =>
        reachable
          ? base.me()
          : new Promise((_resolve, reject) => {
              answer = () => reject(new PlatformError('offline', 'Couldn’t reach the server.'));
            }),
    });
    const { queryClient } = renderApp({ platform });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('status')).not.toBeInTheDocument();

    answer();
    expect(await within(nav).findByRole('status')).toHaveTextContent('Offline');

    reachable = true;
    await queryClient.refetchQueries();
    await waitFor(() => expect(within(nav).getByRole('status')).toHaveTextContent('Online'));
  });

  it('takes the sender’s word: no answer is Offline, a busy server (it answered) is Online', async () => {
    let emit: (event: OutboxEvent) => void = () => undefined;
    const platform = createFakePlatform({
      watchOutbox: (listener) => {
        emit = listener;
        return () => undefined;
      },
    });
    renderApp({ platform });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await waitFor(() => expect(within(nav).getByRole('status')).toHaveTextContent('Online'));
    const workspaceId = LOCAL_WORKSPACE.id;

    act(() => emit({ kind: 'failed', workspace_id: workspaceId, reason: 'Couldn’t reach the server.', unanswered: true }));
    await waitFor(() => expect(within(nav).getByRole('status')).toHaveTextContent('Offline'));

    act(() => emit({ kind: 'failed', workspace_id: workspaceId, reason: 'The server couldn’t take it just then (503).', unanswered: false }));
    await waitFor(() => expect(within(nav).getByRole('status')).toHaveTextContent('Online'));
  });
});
