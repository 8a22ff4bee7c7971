import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

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

  it('starts from the stored preference', () => {
    window.localStorage.setItem(THEME_STORAGE_KEY, 'dark');
    renderApp({ initialRoute: { page: 'settings', tab: 'appearance' } });
    expect(html).toHaveAttribute('data-theme', 'dark');
    expect(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
  });
});
