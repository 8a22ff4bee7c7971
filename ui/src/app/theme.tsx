// Light / dark theme: the user's preference (System, Light, Dark) is kept by the core with the workspace
// list (`set_preferences`) and applied as <html data-theme="light|dark">; with System the resolved value
// follows prefers-color-scheme live. A copy in localStorage is only a hint for the first paint — the core
// answers asynchronously, and a dark-theme user must not see a white flash before it does.
import {
  createContext,
  useCallback,
  useEffect,
  useContext,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';

import { useSetPreferences, useWorkspaceState } from '../data/workspaces';
import type { Theme } from '../platform';

export type ThemePreference = Theme;
export type ResolvedTheme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'switchboard.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isThemePreference(value: unknown): value is ThemePreference {
  return value === 'system' || value === 'light' || value === 'dark';
}

export function readThemePreference(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    return isThemePreference(stored) ? stored : 'system';
  } catch {
    // Storage can be unavailable (private mode, quota); the OS setting is a fine default.
    return 'system';
  }
}

function writeThemePreference(preference: ThemePreference): void {
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not persisted this time; the choice still applies for this session.
  }
}

function hasMatchMedia(): boolean {
  return typeof window.matchMedia === 'function';
}

function systemPrefersDark(): boolean {
  return hasMatchMedia() && window.matchMedia(DARK_QUERY).matches;
}

function subscribeToSystemTheme(onChange: () => void): () => void {
  if (!hasMatchMedia()) return () => undefined;
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

function resolve(preference: ThemePreference, systemDark: boolean): ResolvedTheme {
  if (preference === 'system') return systemDark ? 'dark' : 'light';
  return preference;
}

function writeToDocument(preference: ThemePreference, resolved: ResolvedTheme): void {
  const root = document.documentElement;
  root.dataset['theme'] = resolved;
  root.dataset['themePreference'] = preference;
}

/** Writes the stored theme onto <html> before React renders, so a dark-theme user sees no white flash. */
export function applyTheme(preference: ThemePreference): ResolvedTheme {
  const resolved = resolve(preference, systemPrefersDark());
  writeToDocument(preference, resolved);
  return resolved;
}

interface ThemeContextValue {
  preference: ThemePreference;
  resolved: ResolvedTheme;
  setPreference: (preference: ThemePreference) => void;
}

const ThemeContext = createContext<ThemeContextValue | null>(null);

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(readThemePreference);
  const systemDark = useSyncExternalStore(subscribeToSystemTheme, systemPrefersDark);
  const resolved = resolve(preference, systemDark);
  const stored = useWorkspaceState().data?.preferences.theme;
  const { mutate: keep } = useSetPreferences();

  // The core's copy wins whenever it is read or changes (a first-paint hint that is out of date).
  const [adopted, setAdopted] = useState<ThemePreference | undefined>(undefined);
  if (stored !== undefined && stored !== adopted) {
    setAdopted(stored);
    setPreferenceState(stored);
  }
  useEffect(() => {
    if (stored !== undefined) writeThemePreference(stored);
  }, [stored]);

  useLayoutEffect(() => {
    writeToDocument(preference, resolved);
  }, [preference, resolved]);

  const setPreference = useCallback(
    (next: ThemePreference) => {
      writeThemePreference(next);
      setPreferenceState(next);
      keep({ theme: next });
    },
    [keep],
  );

  const value = useMemo(() => ({ preference, resolved, setPreference }), [preference, resolved, setPreference]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext);
  if (value === null) throw new Error('useTheme must be used inside <ThemeProvider>');
  return value;
}
