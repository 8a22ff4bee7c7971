// The UI's one door to the backend. Components call the typed `Platform` they get from
// `usePlatform()`; only this folder imports @tauri-apps/* (enforced by ESLint). Tests render the UI with
// a fake Platform (./fake.ts) instead of mocking Tauri.
export type { AppInfo, IpcError } from './bindings';
export { INTERNAL, NOT_IN_APP, PlatformError, toPlatformError } from './error';
export type {
  Configuration,
  Group,
  GroupRef,
  Invitation,
  InvitationStatus,
  ListGroups,
  ListInvitations,
  ListMembers,
  ListNumbers,
  Member,
  MemberPatch,
  MemberRecording,
  MemberStatus,
  NumberRef,
  Page,
  Permission,
  PhoneNumber,
  Platform,
  Preferences,
  RecordingPatch,
  RecordingPreference,
  Role,
  RoleInfo,
  SignInRequest,
  Theme,
  Versioned,
  Workspace,
  WorkspaceKind,
  WorkspaceState,
} from './platform';
export { tauriPlatform } from './tauri';
export { PlatformProvider, usePlatform } from './context';
