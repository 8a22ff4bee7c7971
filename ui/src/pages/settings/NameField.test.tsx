import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakePlatform, fakeMember, LOCAL_WORKSPACE } from '../../platform/fake';
import { renderApp } from '../../test/render';

const ACCOUNT = { page: 'settings', tab: 'account' } as const;

function platformWith(managed: boolean) {
  const me = fakeMember(0, 'acme.nz', {
    id: LOCAL_WORKSPACE.userId,
    name: LOCAL_WORKSPACE.userName,
    email: LOCAL_WORKSPACE.userEmail,
    role: 'admin',
    managed_by: managed ? 'identity_provider' : null,
  });
  return createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: [fakeMember(1, 'acme.nz', { role: 'owner' }), me] } });
}

describe('Settings → Account, name and email', () => {
  it('edits one’s own name when the team manages it', async () => {
    const { user } = renderApp({ platform: platformWith(false), initialRoute: ACCOUNT });
    await screen.findByText(LOCAL_WORKSPACE.userEmail);
    const edit = screen.getByRole('button', { name: /^Edit\s*name$/u });
    await waitFor(() => expect(edit).toBeEnabled());
    expect(screen.queryByText('Managed by your identity provider')).not.toBeInTheDocument();
    await user.click(edit);
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue(LOCAL_WORKSPACE.userName);
  });

  it('shows them locked, with who owns them, when an identity provider manages them', async () => {
    renderApp({ platform: platformWith(true), initialRoute: ACCOUNT });
    const name = await screen.findByTestId('name-managed');
    expect(name).toHaveTextContent('Managed by your identity provider');
    expect(name.parentElement).toHaveTextContent(LOCAL_WORKSPACE.userName);
    expect(screen.getByTestId('email-managed').parentElement).toHaveTextContent(LOCAL_WORKSPACE.userEmail);
    expect(screen.queryByRole('button', { name: /^Edit/u })).not.toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Profile' })).queryByRole('textbox')).not.toBeInTheDocument();
  });
});
