// @vitest-environment node
// Text must meet WCAG AA contrast in both themes. This reads the colour tokens straight from tokens.css
// and checks every text/background pairing the components use, in light and in dark; it also checks that
// the two copies of the dark palette (the OS media query and the manual override) stay identical.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');

function block(selector: string): string {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`tokens.css has no "${selector} {" block`);
  const end = css.indexOf('}', start);
  return css.slice(start, end);
}

function colours(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(/--(color-[a-z-]+):\s*(#[0-9a-f]{6})\s*;/giu)) {
    const [, name, value] = match;
    if (name !== undefined && value !== undefined) found.set(name, value.toLowerCase());
  }
  return found;
}

const light = colours(block(':root'));
const darkOverride = colours(block(':root[data-theme="dark"]'));
const darkMedia = colours(block(':root:not([data-theme="light"])'));

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

const SURFACES = ['bg', 'bg-sidebar', 'bg-subtle', 'bg-muted', 'bg-raised'];

/** [foreground, background, minimum ratio] — text needs 4.5:1, the focus ring (non-text) 3:1. */
const PAIRS: [string, string, number][] = [
  ...['text', 'text-muted', 'text-subtle'].flatMap((fg) => SURFACES.map((bg): [string, string, number] => [fg, bg, 4.5])),
  ['accent-fg', 'accent', 4.5],
  ['accent-fg', 'accent-hover', 4.5],
  ['accent-text', 'bg', 4.5],
  ['accent-text', 'bg-muted', 4.5],
  ['accent-text', 'accent-subtle', 4.5],
  ['success', 'bg', 4.5],
  ['success', 'success-subtle', 4.5],
  ['warning', 'bg', 4.5],
  ['warning', 'bg-sidebar', 4.5],
  ['warning', 'warning-subtle', 4.5],
  ['danger', 'bg', 4.5],
  ['danger', 'bg-raised', 4.5],
  ['danger', 'danger-subtle', 4.5],
  ...SURFACES.map((bg): [string, string, number] => ['focus', bg, 3]),
  ['focus', 'accent-subtle', 3],
];

describe.each([
  ['light', light],
  ['dark', darkOverride],
])('the %s theme', (_name, palette) => {
  it.each(PAIRS)('%s on %s meets %s:1', (fg, bg, minimum) => {
    const foreground = palette.get(`color-${fg}`);
    const background = palette.get(`color-${bg}`);
    expect(foreground, `--color-${fg}`).toBeDefined();
    expect(background, `--color-${bg}`).toBeDefined();
    expect(contrast(foreground ?? '', background ?? '')).toBeGreaterThanOrEqual(minimum);
  });
});

describe('the dark palette', () => {
  it('is the same whether it comes from the OS or from Settings', () => {
    expect(darkMedia.size).toBeGreaterThan(10);
    expect(Object.fromEntries(darkMedia)).toEqual(Object.fromEntries(darkOverride));
  });

  it('defines every colour the light palette defines', () => {
    const hexOnly = [...light.keys()].sort();
    expect([...darkOverride.keys()].sort()).toEqual(hexOnly);
  });
});
