// The UI's one door to the backend. Components call the typed `Platform` they get from
// `usePlatform()`; only this folder imports @tauri-apps/* (enforced by ESLint). Tests render the UI with
// a fake Platform (./fake.ts) instead of mocking Tauri.
export type { AppInfo, IpcError } from './bindings';
export { hasCode, INTERNAL, NOT_IN_APP, PlatformError, toPlatformError } from './error';
export type { ErrorCode, FieldErrors } from './error';
export type * from './platform';
export { tauriPlatform } from './tauri';
export { PlatformProvider, usePlatform } from './context';
export { enterKeyLabel, os, osOf, primaryShortcut } from './os';
export type { Os, Shortcut } from './os';
