import type { AppInfo } from './bindings';

/**
 * Everything the UI can ask of the desktop backend. Each method maps to one Tauri command and rejects
 * only with a `PlatformError` (`{code, message}`).
 */
export interface Platform {
  /** Version, commit and build profile of the running app (`app_info`). */
  appInfo(): Promise<AppInfo>;
}
