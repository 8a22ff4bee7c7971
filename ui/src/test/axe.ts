// Accessibility checks with axe-core on what a test has rendered. jsdom does no layout, so the rules that
// need it (colour contrast — checked from the tokens instead, see styles/tokens.test.ts) are off.
import axe from 'axe-core';

export async function accessibilityViolations(
  options: { root?: Element; ignore?: string[] } = {},
): Promise<string[]> {
  const rules: Record<string, { enabled: boolean }> = { 'color-contrast': { enabled: false } };
  for (const id of options.ignore ?? []) rules[id] = { enabled: false };
  const results = await axe.run(options.root ?? document.body, {
    rules,
    resultTypes: ['violations'],
  });
  return results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}
