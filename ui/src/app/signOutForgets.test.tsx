// Signing out of a workspace keeps nothing of it in the UI: no query, no finished write's answer or
// arguments, nothing on screen — and the workspace shown next shows only its own data.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { type Workspace } from '../platform';
import { createFakePlatform, fakeMember, LOCAL_WORKSPACE } from '../platform/fake';
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

/** Acme's data, as it could be kept anywhere (its workspace id is an opaque local name, not its data). */
const ACME_TRACES = ['acme.nz', 'Jordan Lee', 'Aroha Ngata', 'acme.switchboard.example'];

describe('signing out of a workspace', () => {
  it('drops every query and write of it, and the next workspace shows none of it', async () => {
    const platform = createFakePlatform(
      {},
      { workspaces: [ACME, LOCAL_WORKSPACE], current: ACME.id, teams: { [ACME.id]: ACME_TEAM, [LOCAL_WORKSPACE.id]: LOCAL_TEAM } },
    );
    const { user, queryClient } = renderApp({ platform, initialRoute: { page: 'members', tab: 'members' } });

    // Acme's members are read, and the cache holds them.
    await waitFor(() => expect(screen.getAllByTestId('member-row').map((row) => row.textContent).join()).toContain('Jordan Lee'));
    const cached = () =>
      JSON.stringify([
        queryClient.getQueryCache().getAll().map((query) => [query.queryKey, query.state.data]),
        queryClient.getMutationCache().getAll().map((mutation) => [mutation.state.variables, mutation.state.data]),
      ]);
    expect(cached()).toContain('Jordan Lee');

    await user.click(screen.getByRole('button', { name: 'Account menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Sign out' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Sign out of Acme Ltd?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    await waitFor(() => expect(screen.getByTestId('workspace-name')).toHaveTextContent('Local workspace'));
    await waitFor(() => expect(screen.getAllByTestId('member-row').map((row) => row.textContent).join()).toContain('Demo Person'));
    expect(queryClient.getQueryCache().findAll({ queryKey: ['workspace', ACME.id] })).toEqual([]);
    const kept = cached();
    for (const trace of ACME_TRACES) {
      expect(kept, `the cache still holds “${trace}”`).not.toContain(trace);
      expect(document.body.textContent, `the page still shows “${trace}”`).not.toContain(trace);
    }
  });
});
