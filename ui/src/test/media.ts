// Controllable media queries for tests (jsdom has no matchMedia): the OS's `prefers-color-scheme` and the
// narrow window (`NARROW_WINDOW`) that a large text size gives.
import { NARROW_WINDOW } from '../components/useNarrowWindow';

type Listener = (event: MediaQueryListEvent) => void;
type Condition = 'dark' | 'narrow';

const state: Record<Condition, boolean> = { dark: false, narrow: false };
const listeners: Record<Condition, Set<Listener>> = { dark: new Set(), narrow: new Set() };

function conditionOf(query: string): Condition | null {
  if (query.includes('prefers-color-scheme: dark')) return 'dark';
  if (query === NARROW_WINDOW) return 'narrow';
  return null;
}

function mediaQueryList(query: string): MediaQueryList {
  const condition = conditionOf(query);
  const add = (listener: Listener) => {
    if (condition !== null) listeners[condition].add(listener);
  };
  const remove = (listener: Listener) => {
    if (condition !== null) listeners[condition].delete(listener);
  };
  const list = {
    get matches() {
      return condition !== null && state[condition];
    },
    media: query,
    onchange: null,
    addEventListener: (_type: string, listener: Listener) => add(listener),
    removeEventListener: (_type: string, listener: Listener) => remove(listener),
    addListener: add,
    removeListener: remove,
    dispatchEvent: () => true,
  };
  return list as unknown as MediaQueryList;
}

/** Replaces window.matchMedia with the controllable stub (called once, from setup.ts). */
export function installMatchMedia(): void {
  Object.defineProperty(window, 'matchMedia', { value: mediaQueryList, writable: true });
}

function set(condition: Condition, matches: boolean, media: string): void {
  if (state[condition] === matches) return;
  state[condition] = matches;
  for (const listener of listeners[condition]) listener({ matches, media } as MediaQueryListEvent);
}

/** Sets the OS colour scheme and notifies listeners, as a real system-theme change would. */
export function setSystemPrefersDark(dark: boolean): void {
  set('dark', dark, '(prefers-color-scheme: dark)');
}

/** Makes the window narrow (as a large text size does) or wide again, and notifies listeners. */
export function setNarrowWindow(narrow: boolean): void {
  set('narrow', narrow, NARROW_WINDOW);
}
