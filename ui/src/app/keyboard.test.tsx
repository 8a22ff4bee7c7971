import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderApp } from '../test/render';
import { offlineMessage } from './OfflineBanner';

function focusedName(): string {
  const element = document.activeElement;
  if (!(element instanceof HTMLElement)) return '';
  // A control named by aria-label, or by visually hidden text beside a decorative picture (the account
  // menu's initials), or by its text.
  const hidden = element.querySelector(':scope > .visually-hidden');
  return element.getAttribute('aria-label') ?? (hidden ?? element).textContent.trim();
}

describe('keyboard and states', () => {
  it('reaches every control of the frame with Tab, in reading order', async () => {
    const { user } = renderApp();
    const names: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await user.tab();
      names.push(focusedName());
    }
    expect(names.slice(0, 7)).toEqual([
      'Workspace: Local workspace',
      'Home',
      'Directory',
      'Settings',
      'Admin',
      'Command palette',
      'Account menu',
    ]);
    // Then the page itself.
    expect(names[7]).toContain('Invite people');
  });

  it('goes to a page with Enter on a sidebar item', async () => {
    const { user } = renderApp();
    within(screen.getByRole('navigation', { name: 'Main' }))
      .getByRole('button', { name: 'Admin' })
      .focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Members');
  });

  it('shows the offline state and the queued invites', () => {
    renderApp({ connection: { state: 'offline', queued: 3 } });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('status')).toHaveTextContent('Offline · 3 queued');
    expect(screen.getByText('3 invites queued — they will be sent when you’re back online.')).toBeInTheDocument();
  });

  it('words the offline message for one, many and no queued invites', () => {
    expect(offlineMessage(1)).toBe('1 invite queued — it will be sent when you’re back online.');
    expect(offlineMessage(1204)).toMatch(/^1,204 invites queued/u);
    expect(offlineMessage(0)).toMatch(/^Can’t reach the server/u);
  });
});
