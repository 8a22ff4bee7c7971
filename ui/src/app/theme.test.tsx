import { act, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { createFakePlatform } from '../platform/fake';
import { setSystemPrefersDark } from '../test/media';
import { renderApp } from '../test/render';
import { THEME_STORAGE_KEY } from './theme';

const html = document.documentElement;

describe('the theme', () => {
  it('follows the system by default, live', () => {
    renderApp();
    expect(html).toHaveAttribute('data-theme', 'light');

    act(() => setSystemPrefersDark(true));
    expect(html).toHaveAttribute('data-theme', 'dark');
  });

  it('is switched in Settings → Appearance and remembered', async () => {
    const { user } = renderApp({ initialRoute: { page: 'settings', tab: 'appearance' } });
    expect(screen.getByRole('radio', { name: 'System' })).toBeChecked();

    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    expect(html).toHaveAttribute('data-theme', 'dark');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    // A manual choice ignores the OS.
    act(() => setSystemPrefersDark(false));
    expect(html).toHaveAttribute('data-theme', 'dark');

    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(html).toHaveAttribute('data-theme', 'light');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });

  it('is kept by the core, so the next start uses it', async () => {
    const { user, platform } = renderApp({ initialRoute: { page: 'settings', tab: 'appearance' } });
    await user.click(screen.getByRole('radio', { name: 'Dark' }));
    await waitFor(() => expect(platform.world.state.preferences.theme).toBe('dark'));
  });

  it('starts from the first-paint hint, then follows the core’s copy', async () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    const platform = createFakePlatform();
    platform.world.state.preferences.theme = 'light';
    renderApp({ platform, initialRoute: { page: 'settings', tab: 'appearance' } });
    await waitFor(() => expect(html).toHaveAttribute('data-theme', 'light'));
    expect(screen.getByRole('radio', { name: 'Light' })).toBeChecked();
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });
});
