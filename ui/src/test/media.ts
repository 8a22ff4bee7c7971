// A controllable `prefers-color-scheme` for tests: jsdom has no matchMedia.
type Listener = (event: MediaQueryListEvent) => void;

let prefersDark = false;
const listeners = new Set<Listener>();

function mediaQueryList(query: string): MediaQueryList {
  const isDarkQuery = query.includes('prefers-color-scheme: dark');
  const list = {
    get matches() {
      return isDarkQuery && prefersDark;
    },
    media: query,
    onchange: null,
    addEventListener: (_type: string, listener: Listener) => {
      if (isDarkQuery) listeners.add(listener);
    },
    removeEventListener: (_type: string, listener: Listener) => {
      listeners.delete(listener);
    },
    addListener: (listener: Listener) => {
      if (isDarkQuery) listeners.add(listener);
    },
    removeListener: (listener: Listener) => {
      listeners.delete(listener);
    },
    dispatchEvent: () => true,
  };
  return list as unknown as MediaQueryList;
}

/** Replaces window.matchMedia with the controllable stub (called once, from setup.ts). */
export function installMatchMedia(): void {
  Object.defineProperty(window, 'matchMedia', { value: mediaQueryList, writable: true });
}

/** Sets the OS colour scheme and notifies listeners, as a real system-theme change would. */
export function setSystemPrefersDark(dark: boolean): void {
  if (prefersDark === dark) return;
  prefersDark = dark;
  for (const listener of listeners) {
    listener({ matches: dark, media: '(prefers-color-scheme: dark)' } as MediaQueryListEvent);
  }
}
