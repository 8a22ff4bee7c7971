// Text size (Settings → Appearance): the whole window scaled, text and layout together, by the webview's
// own zoom — as a browser zooms a page — so a box grows with its words instead of cutting them, and the
// layout reflows into the narrower room. A display choice of this computer, so it is kept in
// localStorage (beside the theme's hint) and applied again at every start.
import { useEffect, useSyncExternalStore } from 'react';

import { usePlatform } from '../platform';

export const TEXT_SIZES = [1, 1.25, 1.5, 1.75, 2] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const TEXT_SIZE_STORAGE_KEY = 'switchboard.textSize';

function isTextSize(value: number): value is TextSize {
  return (TEXT_SIZES as readonly number[]).includes(value);
}

function readTextSize(): TextSize {
  try {
    const stored = Number(window.localStorage.getItem(TEXT_SIZE_STORAGE_KEY));
    return isTextSize(stored) ? stored : 1;
  } catch {
    // Storage can be unavailable; the usual size is a fine default.
    return 1;
  }
}

let current: TextSize | null = null;
const listeners = new Set<() => void>();

function snapshot(): TextSize {
  current ??= readTextSize();
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setTextSize(size: TextSize): void {
  try {
    window.localStorage.setItem(TEXT_SIZE_STORAGE_KEY, String(size));
  } catch {
    // Not kept this time; the choice still applies for this session.
  }
  current = size;
  for (const listener of listeners) listener();
}

export function useTextSize(): TextSize {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Zooms the window to the chosen text size, at start and whenever it changes. */
export function ApplyTextSize(): null {
  const platform = usePlatform();
  const size = useTextSize();
  useEffect(() => {
    platform.setZoom(size).catch((reason: unknown) => {
      // Outside the app (a plain browser) there is no webview to zoom; the browser zooms on its own.
      console.warn('Could not set the text size:', reason);
    });
  }, [platform, size]);
  return null;
}

/** "150%" */
export function textSizeLabel(size: TextSize): string {
  return `${String(Math.round(size * 100))}%`;
}

export function isTextSizeValue(value: string): TextSize | null {
  const size = Number(value);
  return isTextSize(size) ? size : null;
}
