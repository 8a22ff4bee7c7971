// An in-memory Platform for component tests and for rendering the UI outside the app. It never touches
// @tauri-apps; each method can be replaced to script successes and failures.
import type { AppInfo } from './bindings';
import type { Platform } from './platform';

export const FAKE_APP_INFO: AppInfo = {
  version: '9.8.7-test',
  commit: 'abc1234def56',
  profile: 'debug',
};

export interface FakePlatform extends Platform {
  /** How many times each method was called. */
  readonly calls: { appInfo: number };
}

export function createFakePlatform(overrides: Partial<Platform> = {}): FakePlatform {
  const calls = { appInfo: 0 };
  const appInfo = overrides.appInfo ?? (() => Promise.resolve({ ...FAKE_APP_INFO }));
  return {
    calls,
    appInfo: () => {
      calls.appInfo += 1;
      return appInfo();
    },
  };
}
