// The real adapter's own contract: which command it invokes and how rejections are normalised. This is
// the one place tests use Tauri's IPC mock; UI tests use the fake Platform instead.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';

import { INTERNAL, NOT_IN_APP, PlatformError } from './error';
import { tauriPlatform } from './tauri';

afterEach(() => {
  clearMocks();
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
});

describe('tauriPlatform', () => {
  it('says so when running outside the app', async () => {
    await expect(tauriPlatform.appInfo()).rejects.toMatchObject({ code: NOT_IN_APP });
  });

  it('invokes app_info and returns its payload', async () => {
    const commands: string[] = [];
    mockIPC((command) => {
      commands.push(command);
      return { version: '0.1.0', commit: 'abc1234', profile: 'release' };
    });

    await expect(tauriPlatform.appInfo()).resolves.toEqual({
      version: '0.1.0',
      commit: 'abc1234',
      profile: 'release',
    });
    expect(commands).toEqual(['app_info']);
  });

  it('keeps the code and message of an IPC error', async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- Rust errors arrive as plain objects.
      throw { code: 'keychain_locked', message: 'Your keychain is locked.' };
    });

    const error: unknown = await tauriPlatform.appInfo().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'keychain_locked', message: 'Your keychain is locked.' });
  });

  it('turns an unknown rejection into an internal error', async () => {
    mockIPC(() => {
      throw new Error('boom');
    });

    await expect(tauriPlatform.appInfo()).rejects.toMatchObject({ code: INTERNAL });
  });
});
