// @vitest-environment node
// The architecture rule "only src/platform/ imports @tauri-apps/*" is enforced by ESLint; this proves the
// rule is wired up, so deleting it from eslint.config.js fails a test.
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const SOURCE = "import { invoke } from '@tauri-apps/api/core';\nexport const call = () => invoke('app_info');\n";

async function restrictedImportErrors(filePath: string): Promise<number> {
  // A path, not the URL's pathname: on Windows that is `/D:/…`, and anywhere it keeps spaces as `%20`.
  const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  const [result] = await eslint.lintText(SOURCE, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').length;
}

describe('the platform boundary', () => {
  it('forbids @tauri-apps imports outside src/platform/', async () => {
    expect(await restrictedImportErrors('src/app/Frame.tsx')).toBe(1);
  }, 30_000);

  it('allows them inside src/platform/', async () => {
    expect(await restrictedImportErrors('src/platform/tauri.ts')).toBe(0);
  }, 30_000);
});
