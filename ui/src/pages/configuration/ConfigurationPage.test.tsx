import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError, type ConfigurationPatch } from '../../platform';
import {
  createFakePlatform,
  FAKE_CONFIGURATION,
  fakeMember,
  LOCAL_WORKSPACE,
  type FakePlatform,
} from '../../platform/fake';
import { accessibilityViolations } from '../../test/axe';
import { renderApp } from '../../test/render';

const CONFIGURATION = { page: 'configuration' } as const;

/** The patches the page sent, in order. */
function patches(platform: FakePlatform): ConfigurationPatch[] {
  return platform.requests
    .filter((request) => request.method === 'updateConfiguration')
    .map((request) => request.args[1] as ConfigurationPatch);
}

async function openPage(platform = createFakePlatform()) {
  const rendered = renderApp({ platform, initialRoute: CONFIGURATION });
  await screen.findByRole('radiogroup', { name: 'Incoming calls' });
  return rendered;
}

function radio(group: string, option: string): HTMLElement {
  return within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name: option });
}

function preview(): HTMLElement {
  return screen.getByTestId('recording-preview');
}

function saveBar(): HTMLElement | null {
  return screen.queryByRole('region', { name: 'Unsaved changes' });
}

describe('the Configuration page', () => {
  it('shows the recording policy as a sentence that follows the choices, and the save bar once something changed', async () => {
    const { user } = await openPage();
    expect(preview()).toHaveTextContent('Each member decides whether their incoming and outgoing calls are recorded.');
    expect(saveBar()).not.toBeInTheDocument();

    await user.click(radio('Incoming calls', 'Always'));
    expect(radio('Incoming calls', 'Always')).toBeChecked();
    expect(preview()).toHaveTextContent(
      'Incoming calls are always recorded; each member decides whether their outgoing calls are recorded.',
    );
    expect(saveBar()).toHaveTextContent('You have unsaved changes');

    await user.click(radio('Outgoing calls', 'Never'));
    expect(preview()).toHaveTextContent('Incoming calls are always recorded; outgoing calls are never recorded.');

    // Back where it started: nothing left to save.
    await user.click(radio('Incoming calls', 'Member’s choice'));
    await user.click(radio('Outgoing calls', 'Member’s choice'));
    expect(saveBar()).not.toBeInTheDocument();
  });

  it('saves only the changed fields with the ETag; the server holds them and the bar goes', async () => {
    const platform = createFakePlatform();
    const { etag } = await platform.getConfiguration();
    const { user } = await openPage(platform);

    await user.click(radio('Incoming calls', 'Always'));
    await user.click(radio('Default role', 'Admin'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(saveBar()).not.toBeInTheDocument());
    const update = platform.requests.find((request) => request.method === 'updateConfiguration');
    expect(update?.args).toEqual([etag, { recording: { inbound: 'always' }, default_role: 'admin' }]);
    expect(platform.world.configuration()).toMatchObject({
      recording: { inbound: 'always', outbound: 'member_choice' },
      default_role: 'admin',
      allowed_email_domains: [],
      invitation_lifetime_hours: 168,
      unassigned_numbers: 'reject',
    });
    // The page now shows what was saved.
    expect(radio('Incoming calls', 'Always')).toBeChecked();
    expect(radio('Default role', 'Admin')).toBeChecked();
  });

  it('names the team, and the workspace switcher follows; an empty name goes back to the workspace’s own', async () => {
    const platform = createFakePlatform();
    const { user } = await openPage(platform);
    expect(screen.getByRole('button', { name: 'Workspace: Local workspace' })).toBeInTheDocument();

    const field = screen.getByRole('textbox', { name: 'Team name' });
    await user.type(field, '  Harbour Dental ');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('button', { name: 'Workspace: Harbour Dental' })).toBeInTheDocument();
    expect(patches(platform)).toEqual([{ team_name: 'Harbour Dental' }]);
    expect(platform.world.configuration().team_name).toBe('Harbour Dental');

    await user.clear(field);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('button', { name: 'Workspace: Local workspace' })).toBeInTheDocument();
    expect(patches(platform)[1]).toEqual({ team_name: '' });
    expect(platform.world.configuration().team_name).toBeNull();
  });

  it('shows the name another admin gave the team in the switcher once the page has read it', async () => {
    const platform = createFakePlatform(
      {},
      { configurations: { [LOCAL_WORKSPACE.id]: { ...FAKE_CONFIGURATION, team_name: 'Kauri Clinic' } } },
    );
    await openPage(platform);
    expect(screen.getByRole('textbox', { name: 'Team name' })).toHaveValue('Kauri Clinic');
    expect(await screen.findByRole('button', { name: 'Workspace: Kauri Clinic' })).toBeInTheDocument();
  });

  it('has no accessibility violations while editing', async () => {
    const { user } = await openPage();
    await user.click(radio('Unassigned numbers', 'Divert to another number'));
    await user.type(screen.getByRole('textbox', { name: 'Allowed email domains' }), 'acme.nz{Enter}');
    expect(saveBar()).toBeInTheDocument();
    expect(await accessibilityViolations()).toEqual([]);
  });

  it('Discard puts every field back the way the server has it', async () => {
    const platform = createFakePlatform();
    const { user } = await openPage(platform);
    const lifetime = screen.getByRole('textbox', { name: 'Invitation lifetime' });
    expect(lifetime).toHaveValue('7');
    expect(radio('Lifetime unit', 'Days')).toBeChecked();

    await user.clear(lifetime);
    await user.type(lifetime, '36');
    await user.click(radio('Lifetime unit', 'Hours'));
    await user.type(screen.getByRole('textbox', { name: 'Allowed email domains' }), 'acme.nz{Enter}');
    await user.click(radio('Unassigned numbers', 'Divert to another number'));
    expect(screen.getByRole('list', { name: 'Allowed email domains' })).toHaveTextContent('acme.nz');

    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(saveBar()).not.toBeInTheDocument();
    // The bar took the focus with it; the keyboard carries on from the page.
    await waitFor(() => expect(screen.getByRole('form', { name: 'Configuration' })).toHaveFocus());
    expect(screen.getByRole('textbox', { name: 'Invitation lifetime' })).toHaveValue('7');
    expect(radio('Lifetime unit', 'Days')).toBeChecked();
    expect(screen.queryByRole('list', { name: 'Allowed email domains' })).not.toBeInTheDocument();
    expect(radio('Unassigned numbers', 'Reject calls')).toBeChecked();
    expect(screen.queryByRole('textbox', { name: 'Divert calls to' })).not.toBeInTheDocument();
    expect(platform.calls.updateConfiguration).toBe(0);
  });

  it('adds a domain chip with Enter, refuses what isn’t a domain, and removes a chip with its ×', async () => {
    const platform = createFakePlatform();
    const { user } = await openPage(platform);
    const box = screen.getByRole('textbox', { name: 'Allowed email domains' });
    expect(screen.getByText(/Any email domain can be invited/u)).toBeInTheDocument();

    await user.type(box, '@Acme.NZ{Enter}');
    await user.type(box, 'example.com{Enter}');
    const list = screen.getByRole('list', { name: 'Allowed email domains' });
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['acme.nz', 'example.com']);
    expect(screen.getByText('Only addresses at these domains can be invited.')).toBeInTheDocument();
    expect(box).toHaveValue('');

    await user.type(box, 'not_a_domain{Enter}');
    expect(box).toHaveAttribute('aria-invalid', 'true');
    expect(box).toHaveAccessibleDescription(expect.stringContaining('“not_a_domain” isn’t a domain name such as example.com.'));
    expect(box).toHaveValue('not_a_domain');
    await user.clear(box);
    expect(box).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByRole('button', { name: 'Remove example.com' }));
    expect(within(list).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['acme.nz']);
    expect(box).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saveBar()).not.toBeInTheDocument());
    expect(patches(platform)).toEqual([{ allowed_email_domains: ['acme.nz'] }]);
    expect(platform.world.configuration().allowed_email_domains).toEqual(['acme.nz']);
  });

  it('marks an invalid lifetime, link and divert number, and doesn’t save until they are fixed', async () => {
    const platform = createFakePlatform();
    const { user } = await openPage(platform);
    const lifetime = screen.getByRole('textbox', { name: 'Invitation lifetime' });
    const link = screen.getByRole('textbox', { name: 'Onboarding link' });

    await user.clear(lifetime);
    await user.type(lifetime, '400');
    await user.click(link);
    await user.paste('not a link');
    await user.click(radio('Unassigned numbers', 'Divert to another number'));
    const divert = screen.getByRole('textbox', { name: 'Divert calls to' });
    await user.type(divert, '+6412');
    // Problems show once the user moves on from a field.
    expect(lifetime).toHaveAccessibleDescription(expect.stringContaining('Choose between 1 hour and 365 days (8760 hours).'));
    expect(link).toHaveAccessibleDescription(expect.stringContaining('Enter a web address starting with https://'));
    expect(divert).not.toHaveAttribute('aria-invalid');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(divert).toHaveAccessibleDescription(expect.stringContaining('This isn’t a valid phone number.'));
    expect(saveBar()).toHaveTextContent('Fix the 3 highlighted fields to save your changes.');
    expect(lifetime).toHaveFocus();
    expect(platform.calls.updateConfiguration).toBe(0);

    await user.clear(lifetime);
    await user.type(lifetime, '14');
    expect(lifetime).not.toHaveAttribute('aria-invalid');
    expect(saveBar()).toHaveTextContent('Fix the 2 highlighted fields to save your changes.');
  });

  it('saves a fixed lifetime in hours, an https link and the divert number in E.164', async () => {
    const platform = createFakePlatform();
    const { user } = await openPage(platform);
    const lifetime = screen.getByRole('textbox', { name: 'Invitation lifetime' });
    const link = screen.getByRole('textbox', { name: 'Onboarding link' });

    await user.clear(lifetime);
    await user.type(lifetime, '14');
    // An address without its scheme is taken as https once the user moves on.
    await user.click(link);
    await user.paste('training.example.com/start');
    await user.click(radio('Unassigned numbers', 'Divert to another number'));
    const divert = screen.getByRole('textbox', { name: 'Divert calls to' });
    await user.click(divert);
    await user.paste('+6495550123');
    await user.tab();
    expect(link).toHaveValue('https://training.example.com/start');
    expect(divert).toHaveValue('+64 9 555 0123');
    expect(saveBar()).toHaveTextContent('You have unsaved changes');

    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saveBar()).not.toBeInTheDocument());
    expect(patches(platform)).toEqual([
      {
        invitation_lifetime_hours: 336,
        onboarding_url: 'https://training.example.com/start',
        unassigned_numbers: 'divert',
        divert_to: '+6495550123',
      },
    ]);
    expect(platform.world.configuration()).toMatchObject({
      invitation_lifetime_hours: 336,
      onboarding_url: 'https://training.example.com/start',
      unassigned_numbers: 'divert',
      divert_to: '+6495550123',
    });
  });

  it('asks for a number before diverting calls', async () => {
    const platform = createFakePlatform();
    const { user } = await openPage(platform);
    await user.click(radio('Unassigned numbers', 'Divert to another number'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const divert = screen.getByRole('textbox', { name: 'Divert calls to' });
    expect(divert).toHaveAccessibleDescription(expect.stringContaining('Enter the number to divert calls to.'));
    expect(divert).toHaveFocus();
    expect(platform.calls.updateConfiguration).toBe(0);
  });

  it('marks the field the server refused, and clears the mark when the field is edited', async () => {
    const platform = createFakePlatform({
      updateConfiguration: () =>
        Promise.reject(
          new PlatformError('validation_failed', 'That link can’t be used.', {
            fields: { onboarding_url: ['That link can’t be used for onboarding.'] },
          }),
        ),
    });
    const { user } = await openPage(platform);
    const link = screen.getByRole('textbox', { name: 'Onboarding link' });
    await user.click(link);
    await user.paste('https://example.com/welcome');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(link).toHaveAttribute('aria-invalid', 'true'));
    expect(link).toHaveAccessibleDescription(expect.stringContaining('That link can’t be used for onboarding.'));
    expect(saveBar()).toHaveTextContent('Fix the highlighted field to save your changes.');

    await user.type(link, '2');
    expect(link).not.toHaveAttribute('aria-invalid');
    expect(saveBar()).toHaveTextContent('You have unsaved changes');
  });

  it('says why a save failed when it wasn’t about a field, and keeps the edits', async () => {
    const platform = createFakePlatform({
      updateConfiguration: () =>
        Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example. Check your connection and try again.')),
    });
    const { user } = await openPage(platform);
    await user.click(radio('Incoming calls', 'Never'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(saveBar()).toHaveTextContent('Couldn’t reach acme.switchboard.example.'));
    expect(radio('Incoming calls', 'Never')).toBeChecked();
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeEnabled();
  });

  describe('when someone else saved first (412)', () => {
    /** The user changes incoming recording; meanwhile someone else changes the default role and outgoing. */
    async function conflicted() {
      const platform = createFakePlatform();
      const rendered = await openPage(platform);
      await rendered.user.click(radio('Incoming calls', 'Always'));
      const { etag } = await platform.getConfiguration();
      await platform.updateConfiguration(etag, { default_role: 'admin', recording: { outbound: 'never' } });
      await rendered.user.click(screen.getByRole('button', { name: 'Save changes' }));
      const dialog = await screen.findByRole('alertdialog', { name: 'Someone else changed the configuration' });
      return { ...rendered, dialog };
    }

    it('lists what they changed, and Reload takes their configuration', async () => {
      const { platform, user, dialog } = await conflicted();
      expect(within(dialog).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
        'Outgoing calls: Member’s choice → Never',
        'Default role: Member → Admin',
      ]);

      await user.click(within(dialog).getByRole('button', { name: 'Reload' }));
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(saveBar()).not.toBeInTheDocument();
      expect(radio('Incoming calls', 'Member’s choice')).toBeChecked();
      expect(radio('Outgoing calls', 'Never')).toBeChecked();
      expect(radio('Default role', 'Admin')).toBeChecked();
      expect(platform.world.configuration().recording).toEqual({ inbound: 'member_choice', outbound: 'never' });
    });

    it('Keep editing keeps the edit on top of their change, and the next Save succeeds', async () => {
      const { platform, user, dialog } = await conflicted();
      await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
      expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
      expect(radio('Incoming calls', 'Always')).toBeChecked();
      // Fields the user didn't touch show the newer values.
      expect(radio('Outgoing calls', 'Never')).toBeChecked();
      expect(radio('Default role', 'Admin')).toBeChecked();
      expect(saveBar()).toHaveTextContent('You have unsaved changes');

      await user.click(screen.getByRole('button', { name: 'Save changes' }));
      await waitFor(() => expect(saveBar()).not.toBeInTheDocument());
      expect(patches(platform).at(-1)).toEqual({ recording: { inbound: 'always' } });
      expect(platform.world.configuration()).toMatchObject({
        recording: { inbound: 'always', outbound: 'never' },
        default_role: 'admin',
      });
    });
  });

  it('is for owners and admins: a member is told who can change it', async () => {
    const member = fakeMember(3, 'acme.test', {
      id: LOCAL_WORKSPACE.userId,
      name: 'Mei Chen',
      email: 'mei@acme.test',
      role: 'member',
    });
    const platform = createFakePlatform(
      {},
      {
        teams: { [LOCAL_WORKSPACE.id]: [fakeMember(0), member] },
        configurations: {
          [LOCAL_WORKSPACE.id]: {
            ...FAKE_CONFIGURATION,
            recording: { inbound: 'always', outbound: 'never' },
            allowed_email_domains: ['acme.nz'],
          },
        },
      },
    );
    renderApp({ platform, initialRoute: { page: 'configuration' } });

    // Members don't administer: the Admin pages say who does, and show no form.
    expect(await screen.findByText('For owners and admins')).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
    expect(platform.calls.updateConfiguration).toBe(0);
  });

  it('says when the configuration couldn’t be read, and reads it again on Try again', async () => {
    let failures = 1;
    const healthy = createFakePlatform();
    const platform = createFakePlatform({
      getConfiguration: () =>
        failures-- > 0
          ? Promise.reject(new PlatformError('offline', 'Couldn’t reach acme.switchboard.example.'))
          : healthy.getConfiguration(),
    });
    const { user } = renderApp({ platform, initialRoute: CONFIGURATION });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Couldn’t load the configuration. Couldn’t reach acme.switchboard.example.');

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('radiogroup', { name: 'Incoming calls' })).toBeInTheDocument();
  });
});
