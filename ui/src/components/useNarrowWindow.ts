import { useSyncExternalStore } from 'react';

/**
 * The narrow window: below this width the components' styles reflow (each `@media (max-width: 840px)`
 * in their CSS), which is what a text size of 150 % and up leaves of the app's window.
 */
export const NARROW_WINDOW = '(max-width: 840px)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(NARROW_WINDOW);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(NARROW_WINDOW).matches;
}

/** Whether the window is narrow, kept current as the window or the text size changes. */
export function useNarrowWindow(): boolean {
  return useSyncExternalStore(subscribe, isNarrow);
}
