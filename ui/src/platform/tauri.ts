// The real Platform: Tauri commands over IPC.
import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core';

import type { AppInfo } from './bindings';
import { NOT_IN_APP, PlatformError, toPlatformError } from './error';
import type { Platform } from './platform';

/** True inside the app's webview (`isTauri` is set by the runtime; the internals object is what invoke uses). */
function insideTauri(): boolean {
  return isTauri() || '__TAURI_INTERNALS__' in window;
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  if (!insideTauri()) {
    // e.g. `vite preview` in an ordinary browser: say so instead of failing on a missing global.
    throw new PlatformError(
      NOT_IN_APP,
      'This page is running outside the Switchboard app, so it cannot reach the app’s backend.',
    );
  }
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toPlatformError(reason);
  }
}

export const tauriPlatform: Platform = {
  appInfo: () => call<AppInfo>('app_info'),
};
