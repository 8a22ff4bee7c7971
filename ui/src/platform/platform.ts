// The IPC types are generated from the Rust types into bindings.ts (`make bindings`); field names are
// serde's: camelCase for the workspace types, snake_case for the API's wire types.
import type {
  AppInfo,
  Configuration,
  Group,
  Invitation,
  ListGroups,
  ListInvitations,
  ListMembers,
  ListNumbers,
  Member,
  MemberPatch,
  Number as PhoneNumber,
  Page,
  RoleInfo,
  Versioned,
  Workspace,
  WorkspaceState,
} from './bindings';

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
  Preferences,
  RecordingPatch,
  RecordingPreference,
  Role,
  RoleInfo,
  Theme,
  Versioned,
  Workspace,
  WorkspaceKind,
  WorkspaceState,
} from './bindings';
/** A phone number of the account (`Number` in Rust; renamed so it doesn't shadow the global). */
export type { PhoneNumber };

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

  listInvitations(query: ListInvitations): Promise<Page<Invitation>>;
  listGroups(query: ListGroups): Promise<Page<Group>>;
  listNumbers(query: ListNumbers): Promise<Page<PhoneNumber>>;
  getConfiguration(): Promise<Versioned<Configuration>>;
  /** Each role and its default permissions (`list_roles`). */
  listRoles(): Promise<RoleInfo[]>;
}
