import type { AppInfo } from './bindings';

// TODO(bindings): the types below mirror the Rust types (crates/switchboard-core/src/workspaces.rs and the
// wire types in crates/switchboard-api/src/*.rs) until `make bindings` generates them into bindings.ts;
// then they become re-exports of the generated ones. Field names are serde's: camelCase for the workspace
// types, snake_case for the wire types.

export type WorkspaceKind = 'remote' | 'local';

export interface Workspace {
  /** Stable local id (a UUID). */
  id: string;
  /** What the workspace switcher shows; defaults to the server's host. */
  displayName: string;
  serverUrl: string;
  userId: string;
  userEmail: string;
  userName: string;
  kind: WorkspaceKind;
}

export type Theme = 'system' | 'light' | 'dark';

export interface Preferences {
  theme: Theme;
}

export interface WorkspaceState {
  current: string | null;
  workspaces: Workspace[];
  preferences: Preferences;
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export type Role = 'owner' | 'admin' | 'member';
export type MemberStatus = 'active' | 'deactivated';
export type Permission =
  | 'manage_members'
  | 'manage_phone_numbers'
  | 'manage_call_flows'
  | 'view_analytics'
  | 'access_call_recordings'
  | 'make_outbound_calls';

export interface RecordingPreference {
  enabled: boolean;
  enforced: boolean;
}

export interface MemberRecording {
  inbound: RecordingPreference;
  outbound: RecordingPreference;
}

export interface NumberRef {
  id: string;
  e164: string;
  label: string;
}

export interface GroupRef {
  id: string;
  name: string;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Effective permissions: the role's defaults plus `grants`. */
  permissions: Permission[];
  /** Permissions given to this member beyond the role's defaults. */
  grants: Permission[];
  status: MemberStatus;
  avatar_url: string | null;
  numbers: NumberRef[];
  groups: GroupRef[];
  recording: MemberRecording;
  created_at: string;
  updated_at: string;
}

export interface ListMembers {
  cursor: string | null;
  limit: number | null;
  q: string | null;
  role: Role | null;
  status: MemberStatus | null;
  group_id: string | null;
}

export interface RecordingPatch {
  inbound?: boolean;
  outbound?: boolean;
}

export interface MemberPatch {
  name?: string;
  role?: Role;
  grants?: Permission[];
  status?: MemberStatus;
  recording?: RecordingPatch;
}

export interface SignInRequest {
  serverUrl: string;
  email: string;
  password: string;
}

/**
 * Everything the UI can ask of the desktop backend. Each method maps to one Tauri command and rejects
 * only with a `PlatformError` (`{code, message}`).
 */
export interface Platform {
  /** Version, commit and build profile of the running app (`app_info`). */
  appInfo(): Promise<AppInfo>;

  /** The workspaces this computer knows and which one is current (`workspaces`). */
  workspaces(): Promise<WorkspaceState>;
  /** Starts (and on first use seeds) the embedded server, signs in as its owner, makes it current. */
  openLocalWorkspace(): Promise<Workspace>;
  /** Signs in to a server and makes that workspace current (`sign_in`). */
  signIn(request: SignInRequest): Promise<Workspace>;
  switchWorkspace(workspaceId: string): Promise<WorkspaceState>;
  /** Signs out of one workspace: its credential leaves the keychain (`sign_out`). */
  signOut(workspaceId: string): Promise<WorkspaceState>;

  /** The signed-in member of the current workspace (`me`). */
  me(): Promise<Versioned<Member>>;
  listMembers(query: ListMembers): Promise<Page<Member>>;
  getMember(id: string): Promise<Versioned<Member>>;
  updateMember(id: string, etag: string, patch: MemberPatch): Promise<Versioned<Member>>;
}
