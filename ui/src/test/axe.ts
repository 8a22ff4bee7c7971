// Accessibility checks with axe-core on what a test has rendered. jsdom does no layout, so the rules that
// need it (colour contrast — checked from the tokens instead, see styles/tokens.test.ts) are off.
import axe from 'axe-core';

/** axe's impacts, least to most severe. */
const IMPACTS = ['minor', 'moderate', 'serious', 'critical'] as const;
type Impact = (typeof IMPACTS)[number];

export async function accessibilityViolations(
  options: {
    root?: Element;
    ignore?: string[];
    /** Report only violations at least this severe (every one by default). */
    atLeast?: Impact;
  } = {},
): Promise<string[]> {
  const rules: Record<string, { enabled: boolean }> = { 'color-contrast': { enabled: false } };
  for (const id of options.ignore ?? []) rules[id] = { enabled: false };
  const results = await axe.run(options.root ?? document.body, {
    rules,
    resultTypes: ['violations'],
  });
  const floor = IMPACTS.indexOf(options.atLeast ?? 'minor');
  return results.violations
    .filter((violation) => IMPACTS.indexOf(violation.impact ?? 'minor') >= floor)
    .map(
      (violation) =>
        `${violation.id} (${violation.impact ?? 'no impact'}): ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
}

/** The violations a release may not have: those axe rates serious or critical. */
export function seriousViolations(options: { root?: Element; ignore?: string[] } = {}): Promise<string[]> {
  return accessibilityViolations({ ...options, atLeast: 'serious' });
}
