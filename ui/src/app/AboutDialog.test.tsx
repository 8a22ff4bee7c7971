import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { PlatformError } from '../platform';
import { createFakePlatform, FAKE_APP_INFO } from '../platform/fake';
import { renderApp } from '../test/render';

async function openAbout(user: ReturnType<typeof renderApp>['user']) {
  await user.click(screen.getByRole('button', { name: 'Account menu' }));
  await user.click(await screen.findByRole('menuitem', { name: 'About Switchboard' }));
  return screen.findByRole('dialog', { name: 'About Switchboard' });
}

describe('the About panel', () => {
  it('shows the version, commit and build profile from the platform', async () => {
    const { user, platform } = renderApp();
    expect(platform.calls.appInfo).toBe(0);

    const dialog = await openAbout(user);

    expect(await within(dialog).findByTestId('about-version')).toHaveTextContent(/^9\.8\.7-test$/);
    expect(within(dialog).getByTestId('about-commit')).toHaveTextContent(FAKE_APP_INFO.commit);
    expect(within(dialog).getByTestId('about-profile')).toHaveTextContent(FAKE_APP_INFO.profile);
    expect(platform.calls.appInfo).toBe(1);
  });

  it('shows a skeleton while loading', async () => {
    let resolve: (value: typeof FAKE_APP_INFO) => void = () => undefined;
    const platform = createFakePlatform({
      appInfo: () =>
        new Promise((r) => {
          resolve = r;
        }),
    });
    const { user } = renderApp({ platform });

    const dialog = await openAbout(user);
    expect(within(dialog).queryByTestId('about-version')).not.toBeInTheDocument();
    expect(dialog.querySelector('[aria-busy="true"]')).not.toBeNull();

    resolve({ ...FAKE_APP_INFO, version: '1.2.3' });
    expect(await within(dialog).findByTestId('about-version')).toHaveTextContent(/^1\.2\.3$/);
  });

  it('shows the error message, and Retry asks again', async () => {
    let fail = true;
    const platform = createFakePlatform({
      appInfo: () =>
        fail
          ? Promise.reject(new PlatformError('internal', 'The app’s backend did not answer.'))
          : Promise.resolve({ ...FAKE_APP_INFO }),
    });
    const { user } = renderApp({ platform });

    const dialog = await openAbout(user);
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The app’s backend did not answer.');
    expect(within(dialog).queryByTestId('about-version')).not.toBeInTheDocument();

    fail = false;
    await user.click(within(dialog).getByRole('button', { name: 'Retry' }));

    expect(await within(dialog).findByTestId('about-version')).toHaveTextContent(FAKE_APP_INFO.version);
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(platform.calls.appInfo).toBe(2);
  });

  it('closes with Escape and gives focus back to the account button', async () => {
    const { user } = renderApp();
    await openAbout(user);

    await user.keyboard('{Escape}');

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Account menu' })).toHaveFocus();
  });
});
