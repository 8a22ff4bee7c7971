// The session end to end against the fake platform: first launch, signing in, several workspaces,
// switching, signing out, and a session that ended.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type Workspace } from '../platform';
import { createFakePlatform, FAKE_PASSWORD, fakeMember, LOCAL_WORKSPACE } from '../platform/fake';
import { renderApp } from '../test/render';
import { withViewport } from '../test/viewport';

withViewport();

const ACME: Workspace = {
  id: 'ws-acme',
  displayName: 'Acme Ltd',
  serverUrl: 'https://acme.switchboard.example',
  userId: 'u-aroha',
  userEmail: 'aroha@acme.nz',
  userName: 'Aroha Ngata',
  kind: 'remote',
};

const ACME_TEAM = [
  fakeMember(0, 'acme.nz', { id: 'u-aroha', name: 'Aroha Ngata', email: 'aroha@acme.nz' }),
  fakeMember(1, 'acme.nz', { name: 'Jordan Lee', email: 'jordan@acme.nz' }),
];
const LOCAL_TEAM = [
  fakeMember(0, 'localhost', { id: LOCAL_WORKSPACE.userId, name: 'Workspace Owner', email: 'owner@localhost' }),
  fakeMember(1, 'localhost', { name: 'Demo Person', email: 'demo@localhost' }),
];

function noWorkspaces() {
  return createFakePlatform({}, { workspaces: [], current: null, localTeam: LOCAL_TEAM });
}

function twoWorkspaces() {
  return createFakePlatform(
    {},
    { workspaces: [LOCAL_WORKSPACE, ACME], current: LOCAL_WORKSPACE.id, teams: { [ACME.id]: ACME_TEAM, [LOCAL_WORKSPACE.id]: LOCAL_TEAM } },
  );
}

describe('first launch', () => {
  it('offers exactly the two choices; the local workspace opens on the Members page', async () => {
    const platform = noWorkspaces();
    const { user } = renderApp({ platform, startEmpty: true });

    const firstLaunch = await screen.findByTestId('first-launch');
    const choices = within(firstLaunch).getAllByRole('button');
    expect(choices.map((button) => button.querySelector('.choice-title')?.textContent)).toEqual([
      'Open a local workspace',
      'Sign in to a server',
    ]);

    await user.click(screen.getByRole('button', { name: /Open a local workspace/u }));

    expect(await screen.findByTestId('app-frame')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Members');
    expect(screen.getByTestId('workspace-name')).toHaveTextContent('Local workspace');
    const rows = await screen.findAllByTestId('member-row');
    // By name, as the server sorts.
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('Demo Person'),
      expect.stringContaining('Workspace Owner'),
    ]);
    expect(platform.calls.openLocalWorkspace).toBe(1);
  });

  it('signs in to a server with the labelled form and shows a wrong password inline', async () => {
    const platform = noWorkspaces();
    const { user } = renderApp({ platform, startEmpty: true });

    await user.click(await screen.findByRole('button', { name: /Sign in to a server/u }));
    await user.type(screen.getByLabelText('Server URL'), 'https://acme.switchboard.example');
    await user.type(screen.getByLabelText('Email'), 'aroha@acme.nz');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That email and password don’t match');
    expect(screen.queryByTestId('app-frame')).not.toBeInTheDocument();

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), FAKE_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByTestId('app-frame')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Members');
    expect(screen.getByTestId('workspace-name')).toHaveTextContent('acme.switchboard.example');
    expect(platform.requests.find((request) => request.method === 'signIn')?.args[0]).toEqual({
      serverUrl: 'https://acme.switchboard.example',
      email: 'aroha@acme.nz',
      password: 'wrong',
    });
  });

  it('shows an address the backend refuses under the Server URL field', async () => {
    const platform = createFakePlatform(
      { signIn: () => Promise.reject(new PlatformError('invalid_server_url', 'That address has no Switchboard server.')) },
      { workspaces: [], current: null },
    );
    const { user } = renderApp({ platform, startEmpty: true });

    await user.click(await screen.findByRole('button', { name: /Sign in to a server/u }));
    await user.type(screen.getByLabelText('Server URL'), 'https://example.com');
    await user.type(screen.getByLabelText('Email'), 'a@example.com');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(screen.getByLabelText('Server URL')).toHaveAccessibleDescription('That address has no Switchboard server.'));
  });

  it('shows a keychain problem in the backend’s words', async () => {
    const platform = createFakePlatform(
      {
        openLocalWorkspace: () =>
          Promise.reject(new PlatformError('keychain_locked', 'Your keychain is locked. Unlock it and try again.')),
      },
      { workspaces: [], current: null },
    );
    const { user } = renderApp({ platform, startEmpty: true });
    await user.click(await screen.findByRole('button', { name: /Open a local workspace/u }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your keychain is locked. Unlock it and try again.');
  });
});

describe('several workspaces', () => {
  it('lists every workspace with its host, marks the current one, and switches', async () => {
    const platform = twoWorkspaces();
    const { user } = renderApp({ platform, initialRoute: { page: 'members', tab: 'members' } });
    expect(await screen.findByText('Demo Person')).toBeInTheDocument();

    await user.click(screen.getByTestId('workspace-switcher'));
    const items = await screen.findAllByTestId('workspace-item');
    expect(items.map((item) => item.textContent)).toEqual([
      expect.stringContaining('Local workspace'),
      expect.stringContaining('Acme Ltd'),
    ]);
    expect(items[0]).toHaveTextContent('This computer');
    expect(items[1]).toHaveTextContent('acme.switchboard.example');
    expect(items[0]).toHaveAttribute('aria-checked', 'true');
    expect(items[1]).toHaveAttribute('aria-checked', 'false');

    await user.click(items[1] as HTMLElement);

    await waitFor(() => expect(screen.getByTestId('workspace-name')).toHaveTextContent('Acme Ltd'));
    expect(await screen.findByText('Jordan Lee')).toBeInTheDocument();
    expect(screen.queryByText('Demo Person')).not.toBeInTheDocument();
    expect(platform.requests.find((request) => request.method === 'switchWorkspace')?.args).toEqual([ACME.id]);
    // The account menu shows the other workspace's user.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Account menu' })).toHaveTextContent('AN'));
  });

  it('switches from the account menu too', async () => {
    const { user } = renderApp({ platform: twoWorkspaces() });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    // By keyboard: jsdom has no geometry for Radix's pointer path into a submenu.
    (await screen.findByRole('menuitem', { name: 'Switch workspace' })).focus();
    await user.keyboard('{ArrowRight}');
    (await screen.findByRole('menuitemradio', { name: /Acme Ltd/u })).focus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(screen.getByTestId('workspace-name')).toHaveTextContent('Acme Ltd'));
  });

  it('lists the workspaces in Settings → Account, and switches there', async () => {
    const { user } = renderApp({ platform: twoWorkspaces(), initialRoute: { page: 'settings', tab: 'account' } });

    const section = screen.getByRole('region', { name: 'Workspaces' });
    expect(within(section).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'Local workspaceThis computerCurrent',
      'Acme Ltdacme.switchboard.exampleSwitch',
    ]);
    await user.click(within(section).getByRole('button', { name: 'Switch to Acme Ltd' }));
    await waitFor(() => expect(screen.getByTestId('workspace-name')).toHaveTextContent('Acme Ltd'));
  });

  it('shows the user’s role in Settings → Account, and a workspace named after its host only once', async () => {
    const unnamed: Workspace = { ...ACME, displayName: 'acme.switchboard.example' };
    const platform = createFakePlatform(
      {},
      { workspaces: [unnamed], current: unnamed.id, teams: { [unnamed.id]: ACME_TEAM } },
    );
    renderApp({ platform, initialRoute: { page: 'settings', tab: 'account' } });

    const profile = screen.getByRole('region', { name: 'Profile' });
    await waitFor(() => expect(within(profile).getByText('Role').nextElementSibling).toHaveTextContent(/^Owner$/u));
    const section = screen.getByRole('region', { name: 'Workspaces' });
    expect(within(section).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'acme.switchboard.exampleCurrent',
    ]);
  });

  it('adds a workspace from the switcher, and can go back', async () => {
    const { user } = renderApp({ platform: twoWorkspaces() });

    await user.click(screen.getByTestId('workspace-switcher'));
    await user.click(await screen.findByRole('menuitem', { name: 'Add a workspace' }));
    expect(screen.getByRole('heading', { name: 'Add a workspace' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Open a local workspace/u })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Sign in to a server/u })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByTestId('app-frame')).toBeInTheDocument();
  });
});

describe('signing out', () => {
  it('confirms naming the workspace, then shows the next workspace', async () => {
    const platform = twoWorkspaces();
    const { user } = renderApp({ platform });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Sign out of Local workspace?' });
    expect(dialog).toHaveTextContent('Acme Ltd will be shown next.');

    await user.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(screen.getByTestId('workspace-name')).toHaveTextContent('Acme Ltd'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(platform.requests.find((request) => request.method === 'signOut')?.args).toEqual([LOCAL_WORKSPACE.id]);
  });

  it('returns to the first-launch screen when no workspace is left', async () => {
    const platform = createFakePlatform();
    const { user } = renderApp({ platform });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByTestId('first-launch')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Welcome to Switchboard' })).toBeInTheDocument();
    expect(screen.queryByTestId('app-frame')).not.toBeInTheDocument();
  });

  it('treats a workspace already forgotten as signed out', async () => {
    const base = twoWorkspaces();
    const platform = createFakePlatform(
      {
        signOut: async (workspaceId) => {
          await base.signOut(workspaceId);
          throw new PlatformError('workspace_not_found', 'That workspace is no longer on this computer.');
        },
        workspaces: () => base.workspaces(),
      },
      { workspaces: [LOCAL_WORKSPACE, ACME], current: LOCAL_WORKSPACE.id },
    );
    const { user } = renderApp({ platform });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(screen.getByTestId('workspace-name')).toHaveTextContent('Acme Ltd'));
  });

  it('keeps the workspace when Cancel is chosen', async () => {
    const platform = createFakePlatform();
    const { user } = renderApp({ platform });

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));

    expect(platform.calls.signOut).toBe(0);
    expect(screen.getByTestId('app-frame')).toBeInTheDocument();
  });
});

describe('a session that ended', () => {
  it('asks to sign in again with the server and email filled in', async () => {
    let ended = true;
    const base = createFakePlatform({}, { workspaces: [ACME], teams: { [ACME.id]: ACME_TEAM } });
    const platform = createFakePlatform(
      {
        listMembers: (query) =>
          ended ? Promise.reject(new PlatformError('signed_out', 'Your session has ended.')) : base.listMembers(query),
        signIn: (request) => {
          ended = false;
          return base.signIn(request);
        },
      },
      { workspaces: [ACME], teams: { [ACME.id]: ACME_TEAM } },
    );
    const { user } = renderApp({ platform, initialRoute: { page: 'members', tab: 'members' } });

    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeInTheDocument();
    expect(screen.getByText('Your session in Acme Ltd has ended. Sign in again to continue.')).toBeInTheDocument();
    expect(screen.getByLabelText('Server URL')).toHaveValue('https://acme.switchboard.example');
    expect(screen.getByLabelText('Email')).toHaveValue('aroha@acme.nz');
    expect(screen.getByLabelText('Password')).toHaveFocus();

    await user.type(screen.getByLabelText('Password'), FAKE_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Jordan Lee')).toBeInTheDocument();
  });
});

describe('a session that ended, with other workspaces on this computer', () => {
  it('offers to switch to another workspace instead of signing in', async () => {
    const base = twoWorkspaces();
    const platform = createFakePlatform(
      {
        listMembers: async (query) => {
          const { current } = await base.workspaces();
          if (current === ACME.id) throw new PlatformError('signed_out', 'Your session has ended.');
          return base.listMembers(query);
        },
        workspaces: () => base.workspaces(),
        switchWorkspace: (id) => base.switchWorkspace(id),
        me: () => base.me(),
      },
      { workspaces: [ACME, LOCAL_WORKSPACE], current: ACME.id },
    );
    await base.switchWorkspace(ACME.id);
    const { user } = renderApp({ platform, initialRoute: { page: 'members', tab: 'members' } });

    expect(await screen.findByRole('heading', { name: 'Sign in again' })).toBeInTheDocument();
    const elsewhere = screen.getByRole('navigation', { name: 'Other workspaces' });
    await user.click(within(elsewhere).getByRole('button', { name: 'Switch to Local workspace' }));

    expect(await screen.findByText('Demo Person')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Workspace: Local workspace' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign in again' })).not.toBeInTheDocument();
  });
});

describe('starting', () => {
  it('shows the frame with the user from me()', async () => {
    const platform = createFakePlatform(
      {},
      { workspaces: [ACME], teams: { [ACME.id]: [fakeMember(0, 'acme.nz', { id: 'u-aroha', name: 'Mere Tapu', email: 'aroha@acme.nz' })] } },
    );
    renderApp({ platform, startEmpty: true });
    expect(await screen.findByTestId('app-frame')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: 'Account menu' })).toHaveTextContent('MT'));
    expect(platform.calls.me).toBe(1);
  });

  it('says what went wrong when the workspaces can’t be read', async () => {
    const platform = createFakePlatform({
      workspaces: () => Promise.reject(new PlatformError('keychain_no_secret_service', 'No keychain service is running. Start one and try again.')),
    });
    renderApp({ platform, startEmpty: true });
    expect(await screen.findByRole('alert')).toHaveTextContent('No keychain service is running.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
