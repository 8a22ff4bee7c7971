import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderApp } from '../test/render';
import { TEXT_SIZE_STORAGE_KEY } from './textSize';

const APPEARANCE = { page: 'settings', tab: 'appearance' } as const;

function zooms(platform: ReturnType<typeof renderApp>['platform']): unknown[] {
  return platform.requests.filter((request) => request.method === 'setZoom').map((request) => request.args[0]);
}

describe('Settings → Appearance → Text size', () => {
  it('zooms the window to the size chosen, keeps it, and applies it again at the next start', async () => {
    const { platform, user, unmount } = renderApp({ initialRoute: APPEARANCE });
    await waitFor(() => expect(zooms(platform)).toEqual([1]));
    const sizes = screen.getByRole('radiogroup', { name: 'Text size' });
    expect(within(sizes).getByRole('radio', { name: '100%' })).toBeChecked();

    await user.click(within(sizes).getByRole('radio', { name: '200%' }));
    await waitFor(() => expect(zooms(platform)).toEqual([1, 2]));
    expect(within(sizes).getByRole('radio', { name: '200%' })).toBeChecked();
    expect(window.localStorage.getItem(TEXT_SIZE_STORAGE_KEY)).toBe('2');
    unmount();

    const again = renderApp({ initialRoute: APPEARANCE });
    await waitFor(() => expect(zooms(again.platform)).toEqual([2]));
  });
});
