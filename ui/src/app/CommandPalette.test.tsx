import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { FAKE_APP_INFO } from '../platform/fake';
import { paletteFilter } from './CommandPalette';
import { renderApp } from '../test/render';

describe('the command palette', () => {
  it('opens with Ctrl+K and goes to a page', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    expect(within(palette).getByText('Open or close this palette')).toBeInTheDocument();

    await user.keyboard('invitations');
    await user.keyboard('{Enter}');

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Members');
    expect(screen.getByRole('tab', { name: 'Invitations' })).toHaveAttribute('aria-selected', 'true');
  });

  it('switches the theme', async () => {
    const { user } = renderApp();

    await user.click(screen.getByRole('button', { name: 'Command palette' }));
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('dark theme{Enter}');

    expect(document.documentElement).toHaveAttribute('data-theme', 'dark');
  });

  it('adds a workspace', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('add work{Enter}');

    expect(await screen.findByRole('heading', { name: 'Add a workspace' })).toBeInTheDocument();
  });

  it('opens About Switchboard', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('about{Enter}');

    const about = await screen.findByRole('dialog', { name: 'About Switchboard' });
    expect(await within(about).findByTestId('about-version')).toHaveTextContent(FAKE_APP_INFO.version);
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).not.toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    const { user } = renderApp();

    await user.keyboard('{Control>}k{/Control}');
    await screen.findByRole('dialog', { name: 'Command palette' });
    await user.keyboard('zzzzqqq');

    expect(screen.getByText(/Nothing matches/u)).toBeInTheDocument();
  });
});

describe('paletteFilter', () => {
  const score = (search: string, label: string, ...keywords: string[]) =>
    paletteFilter('id', search, [label, ...keywords]);

  it('matches the start of the label best, then words of the label, then keywords', () => {
    expect(score('inv', 'Invitations')).toBe(1);
    expect(score('dark th', 'Use dark theme')).toBe(0.8);
    expect(score('policy', 'Configuration', 'admin', 'policy')).toBe(0.5);
    expect(score('', 'Home')).toBe(1);
  });

  it('does not match scattered letters', () => {
    expect(score('set', 'Use system theme', 'theme', 'appearance', 'system')).toBe(0);
    expect(score('zzz', 'Home')).toBe(0);
  });
});
