import { describe, expect, it } from 'vitest';

import { enterKeyLabel, osOf, primaryShortcut } from './os';

// The user agents the three webviews send (WebView2 on Windows 11, WKWebView on macOS, WebKitGTK 4.1).
const WEBVIEW2 =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0';
const WKWEBVIEW = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const WEBKITGTK = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  altKey: mods.alt ?? false,
  shiftKey: mods.shift ?? false,
});

describe('the platform the UI runs on', () => {
  it('is told by the webview’s user agent', () => {
    expect(osOf(WEBVIEW2)).toBe('windows');
    expect(osOf(WKWEBVIEW)).toBe('macos');
    expect(osOf(WEBKITGTK)).toBe('linux');
  });

  it('names and matches the primary modifier as each platform does', () => {
    const mac = primaryShortcut('k', 'macos');
    expect([mac.label, mac.aria]).toEqual(['⌘K', 'Meta+K']);
    expect(mac.matches(press('k', { meta: true }))).toBe(true);
    expect(mac.matches(press('k', { ctrl: true }))).toBe(false);

    for (const on of ['windows', 'linux'] as const) {
      const shortcut = primaryShortcut('k', on);
      expect([shortcut.label, shortcut.aria]).toEqual(['Ctrl+K', 'Control+K']);
      expect(shortcut.matches(press('K', { ctrl: true }))).toBe(true);
      expect(shortcut.matches(press('k', { meta: true }))).toBe(false);
      expect(shortcut.matches(press('k', { ctrl: true, shift: true }))).toBe(false);
      expect(shortcut.matches(press('k', { ctrl: true, alt: true }))).toBe(false);
      expect(shortcut.matches(press('j', { ctrl: true }))).toBe(false);
    }
  });

  it('calls Enter Return on a Mac', () => {
    expect(enterKeyLabel('macos')).toBe('Return');
    expect(enterKeyLabel('windows')).toBe('Enter');
    expect(enterKeyLabel('linux')).toBe('Enter');
  });
});
