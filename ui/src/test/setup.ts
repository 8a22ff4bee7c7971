// Vitest setup: jest-dom matchers, cleanup between tests, and the browser APIs jsdom lacks that Radix
// and the theme module use. Test files marked `@vitest-environment node` have no window; skip it there.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

import { installMatchMedia, setNarrowWindow, setSystemPrefersDark } from './media';

class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

if (typeof window !== 'undefined') {
  installMatchMedia();

  if (!('ResizeObserver' in window)) {
    Object.defineProperty(window, 'ResizeObserver', { value: ResizeObserverStub, writable: true });
  }

  // Pointer capture and scrollIntoView are called by Radix menus and selects.
  const stubs: Record<string, () => unknown> = {
    hasPointerCapture: () => false,
    setPointerCapture: () => undefined,
    releasePointerCapture: () => undefined,
    scrollIntoView: () => undefined,
  };
  for (const [name, stub] of Object.entries(stubs)) {
    if (!(name in Element.prototype)) {
      Object.defineProperty(Element.prototype, name, { value: stub, writable: true, configurable: true });
    }
  }

  beforeEach(() => {
    setSystemPrefersDark(false);
    setNarrowWindow(false);
  });

  afterEach(() => {
    cleanup();
    window.localStorage.clear();
    delete document.documentElement.dataset['theme'];
    delete document.documentElement.dataset['themePreference'];
  });
}
