import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type Platform, type Role } from '../../platform';
import { createFakePlatform, fakeMember, LOCAL_WORKSPACE, type FakePlatform } from '../../platform/fake';
import { accessibilityViolations } from '../../test/axe';
import { renderApp } from '../../test/render';

/** The signed-in Aroha with `role`, and a few others. */
function platformFor(role: Role = 'owner', overrides: Partial<Platform> = {}): FakePlatform {
  const me = fakeMember(0, 'acme.nz', { id: LOCAL_WORKSPACE.userId, name: 'Aroha Ngata', email: 'aroha@acme.nz', role });
  return createFakePlatform(overrides, { teams: { [LOCAL_WORKSPACE.id]: [me, fakeMember(1, 'acme.nz'), fakeMember(2, 'acme.nz')] } });
}

async function openSection(platform: FakePlatform) {
  const rendered = renderApp({ platform, initialRoute: { page: 'configuration' } });
  const section = await screen.findByRole('region', { name: 'Provisioning (SCIM)' });
  await within(section).findByTestId('scim-base-url');
  return { ...rendered, section };
}

/** Everything the query cache holds, as text. */
function cached(rendered: Awaited<ReturnType<typeof openSection>>): string {
  const queries = rendered.queryClient.getQueryCache().getAll().map((query) => query.state.data);
  const mutations = rendered.queryClient.getMutationCache().getAll().map((mutation) => [mutation.state.data, mutation.state.variables]);
  return JSON.stringify([queries, mutations]);
}

describe('Configuration → Provisioning (SCIM)', () => {
  it('shows the base URL to copy and, with no tokens yet, says what to do', async () => {
    const { section } = await openSection(platformFor());
    expect(within(section).getByRole('textbox', { name: 'SCIM base URL' })).toHaveValue(`${LOCAL_WORKSPACE.serverUrl}/scim/v2`);
    expect(within(section).getByRole('textbox', { name: 'SCIM base URL' })).toHaveAttribute('readonly');
    expect(within(section).getByRole('button', { name: 'Copy the SCIM base URL' })).toBeEnabled();
    expect(within(section).getByTestId('provisioning-empty')).toHaveTextContent(
      'No tokens yet — create one for your identity provider to start provisioning.',
    );
  });

  it('creates a token and shows its secret once; afterwards the list shows the token without it', async () => {
    const platform = platformFor();
    const rendered = await openSection(platform);
    const { user, section } = rendered;

    await user.click(within(section).getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('dialog', { name: 'Create a provisioning token' });
    // A name is needed: nothing is sent without one.
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      'Enter a name, such as the identity provider’s.',
    );
    expect(platform.calls.createProvisioningToken).toBe(0);

    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Okta');
    await user.click(within(dialog).getByRole('button', { name: 'Create token' }));

    const shown = await screen.findByRole('dialog', { name: 'Copy the token for Okta' });
    const secret = within(shown).getByTestId('provisioning-secret').textContent;
    expect(secret).toMatch(/^sbscim_/u);
    expect(within(shown).getByTestId('provisioning-once')).toHaveTextContent('You won’t see this token again.');
    expect(await accessibilityViolations({ root: shown })).toEqual([]);
    // The secret is in the dialog and nowhere in the query client.
    expect(cached(rendered)).not.toContain(secret);

    // It works for the identity provider.
    expect(platform.world.scimRequest(secret)).toBe(200);

    await user.click(within(shown).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(document.body).not.toHaveTextContent(secret);
    const row = await within(section).findByTestId('provisioning-token');
    expect(row).toHaveTextContent('Okta');
    expect(cached(rendered)).not.toContain(secret);

    // Opened again, the dialog starts from a name; the secret isn't shown a second time.
    await user.click(within(section).getByRole('button', { name: 'Create token' }));
    const again = await screen.findByRole('dialog', { name: 'Create a provisioning token' });
    expect(again).not.toHaveTextContent(secret);
    await user.click(within(again).getByRole('button', { name: 'Cancel' }));
  });

  it('says when a token was last used, or that it never was', async () => {
    const platform = platformFor();
    const created = await platform.createProvisioningToken({ name: 'Okta' });
    await platform.createProvisioningToken({ name: 'Entra ID' });
    platform.world.scimRequest(created.token);
    const { section } = await openSection(platform);

    const rows = await within(section).findAllByTestId('provisioning-token');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^Okta.*Last used just now/u),
      expect.stringMatching(/^Entra ID.*Never used/u),
    ]);
  });

  it('revokes a token after confirmation, and the identity provider is refused from then on', async () => {
    const platform = platformFor();
    const created = await platform.createProvisioningToken({ name: 'Okta' });
    const { user, section } = await openSection(platform);
    await within(section).findByTestId('provisioning-token');

    // Cancelling keeps it.
    await user.click(within(section).getByRole('button', { name: 'Revoke Okta' }));
    let confirm = await screen.findByRole('alertdialog', { name: 'Revoke “Okta”?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(section).getByTestId('provisioning-token')).toHaveTextContent('Okta');
    expect(platform.calls.revokeProvisioningToken).toBe(0);

    await user.click(within(section).getByRole('button', { name: 'Revoke Okta' }));
    confirm = await screen.findByRole('alertdialog', { name: 'Revoke “Okta”?' });
    expect(confirm).toHaveTextContent('Your identity provider’s requests with this token are refused from now on');
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(within(section).queryByTestId('provisioning-token')).not.toBeInTheDocument();
    expect(within(section).getByTestId('provisioning-empty')).toBeInTheDocument();
    expect(platform.world.scimRequest(created.token)).toBe(401);
  });

  it('shows a refusal in the confirmation and keeps the token listed', async () => {
    const refusal = new PlatformError('offline', 'Couldn’t reach 127.0.0.1:41234. Check your connection and try again.');
    const platform = platformFor('owner', { revokeProvisioningToken: () => Promise.reject(refusal) });
    await platform.createProvisioningToken({ name: 'Okta' });
    const { user, section } = await openSection(platform);
    await within(section).findByTestId('provisioning-token');

    await user.click(within(section).getByRole('button', { name: 'Revoke Okta' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Revoke “Okta”?' });
    await user.click(within(confirm).getByRole('button', { name: 'Revoke token' }));
    expect(await within(confirm).findByRole('alert')).toHaveTextContent('Couldn’t reach 127.0.0.1:41234');
    expect(within(section).getByTestId('provisioning-token')).toHaveTextContent('Okta');
  });

  it('lets admins see the tokens but not create or revoke them, and says why', async () => {
    const platform = platformFor();
    await platform.createProvisioningToken({ name: 'Okta' });
    // An owner made the token; Aroha is an admin now.
    const aroha = platform.world.teams.get(LOCAL_WORKSPACE.id)?.[0];
    if (aroha !== undefined) aroha.role = 'admin';
    const { section } = await openSection(platform);

    expect(await within(section).findByTestId('provisioning-token')).toHaveTextContent('Okta');
    const create = within(section).getByRole('button', { name: 'Create token' });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription('Only owners can create and revoke tokens.');
    expect(within(section).queryByRole('button', { name: /^Revoke/u })).not.toBeInTheDocument();
  });

  it('is empty for admins with a word on who can start', async () => {
    const { section } = await openSection(platformFor('admin'));
    expect(within(section).getByTestId('provisioning-empty')).toHaveTextContent(
      'No tokens yet — an owner can create one for your identity provider to start provisioning.',
    );
  });
});
