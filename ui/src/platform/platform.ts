// The IPC types are generated from the Rust types into bindings.ts (`make bindings`); field names are
// serde's: camelCase for the workspace types, snake_case for the API's wire types.
import type {
  AppInfo,
  AuditEvent,
  Configuration,
  ConfigurationPatch,
  CreatedProvisioningToken,
  CropRect,
  FileDrop,
  Group,
  GroupPatch,
  ImportedRows,
  Invitation,
  InvitationPatch,
  ListAuditEvents,
  ListGroups,
  ListInvitations,
  ListMembers,
  ListNumbers,
  Member,
  MemberPatch,
  MePatch,
  NewGroup,
  NewInvitation,
  NewProvisioningToken,
  NumberPatch,
  Number as PhoneNumber,
  OpenedPhoto,
  OutboxEntry,
  OutboxEvent,
  Page,
  Preferences,
  Provisioning,
  QuitAnswer,
  QuitRequest,
  RemoveMember,
  RoleInfo,
  SaveProgress,
  ValidationResult,
  Versioned,
  Workspace,
  WorkspaceState,
} from './bindings';

export type {
  ActorKind,
  AuditEvent,
  BusyWork,
  Configuration,
  ConfigurationPatch,
  CreatedProvisioningToken,
  CropRect,
  FileDrop,
  Group,
  GroupPatch,
  GroupRef,
  ImportedRow,
  ImportedRows,
  Invitation,
  InvitationPatch,
  InvitationStatus,
  Invitee,
  ListAuditEvents,
  ListGroups,
  ListInvitations,
  ListMembers,
  ListNumbers,
  ManagedBy,
  Member,
  MemberPatch,
  MemberRecording,
  MemberSort,
  MemberStatus,
  MePatch,
  NewGroup,
  NewInvitation,
  NewProvisioningToken,
  NumberKind,
  NumberPatch,
  NumberRef,
  OpenedPhoto,
  OutboxEntry,
  OutboxEvent,
  OutboxState,
  Page,
  Permission,
  Preferences,
  Principal,
  PrincipalKind,
  Problem,
  Provisioning,
  ProvisioningToken,
  QuitAnswer,
  QuitRequest,
  RecordingPatch,
  RecordingPolicies,
  RecordingPolicy,
  RecordingPreference,
  RemoveMember,
  Role,
  RoleInfo,
  SaveProgress,
  Sharing,
  SortOrder,
  Theme,
  UnassignedNumbers,
  ValidationItem,
  ValidationResult,
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
  /** Keeps the app's preferences (the theme) with the workspace list (`set_preferences`). */
  setPreferences(preferences: Preferences): Promise<WorkspaceState>;
  /**
   * Scales the window — text and layout together, as a browser zooms a page — by `scale` (1 is the usual
   * size, 2 twice it): Settings → Appearance → Text size.
   */
  setZoom(scale: number): Promise<void>;
  /**
   * Remembers the page the user is on in a workspace — a route's name such as `members/invitations`,
   * nothing a page shows — so the next launch opens there (`remember_page`).
   */
  rememberPage(workspaceId: string, page: string): Promise<void>;
  /** Starts (and on first use seeds) the embedded server, signs in as its owner, makes it current. */
  openLocalWorkspace(): Promise<Workspace>;
  /** Signs in to a server and makes that workspace current (`sign_in`). */
  signIn(request: SignInRequest): Promise<Workspace>;
  switchWorkspace(workspaceId: string): Promise<WorkspaceState>;
  /** Signs out of one workspace: its credential leaves the keychain (`sign_out`). */
  signOut(workspaceId: string): Promise<WorkspaceState>;

  /** The signed-in member of the current workspace (`me`). */
  me(): Promise<Versioned<Member>>;
  /** Changes the signed-in member's own name or recording choices (`update_me`). */
  updateMe(etag: string, patch: MePatch): Promise<Versioned<Member>>;
  listMembers(query: ListMembers): Promise<Page<Member>>;
  getMember(id: string): Promise<Versioned<Member>>;
  updateMember(id: string, etag: string, patch: MemberPatch): Promise<Versioned<Member>>;
  /** Removes a member; `how` says where their numbers go when they hold any. */
  removeMember(id: string, etag: string, how: RemoveMember): Promise<void>;

  listInvitations(query: ListInvitations): Promise<Page<Invitation>>;
  getInvitation(id: string): Promise<Versioned<Invitation>>;
  /** `key` is the idempotency key: the same key never creates a second invitation. */
  createInvitation(key: string, invitation: NewInvitation): Promise<Versioned<Invitation>>;
  updateInvitation(id: string, etag: string, patch: InvitationPatch): Promise<Versioned<Invitation>>;
  resendInvitation(id: string): Promise<Versioned<Invitation>>;
  revokeInvitation(id: string): Promise<Versioned<Invitation>>;
  /**
   * Invite People's "Import CSV": the native file dialog, then the file read and parsed in Rust, row by
   * row; `null` when the user cancelled (`import_invitations_csv`).
   */
  importInvitationsCsv(): Promise<ImportedRows | null>;
  /** Whether each invitation could be sent now, by the server's rules; creates nothing (`validate_invitations`). */
  validateInvitations(invitations: NewInvitation[]): Promise<ValidationResult>;
  /**
   * Queues invitations for the current workspace: they are on disk when this resolves, and the app sends
   * them in the background, exactly once, whenever the server can be reached (`invite`).
   */
  invite(invitations: NewInvitation[]): Promise<OutboxEntry[]>;
  /** The current workspace's invitations not yet delivered: queued, or refused and waiting (`outbox_entries`). */
  outboxEntries(): Promise<OutboxEntry[]>;
  /** Edit and retry: a refused invitation, corrected, queued again (`retry_outbox_entry`). */
  retryOutboxEntry(id: string, invitation: NewInvitation): Promise<OutboxEntry>;
  discardOutboxEntry(id: string): Promise<void>;
  /**
   * Calls `listener` with what the background sender does (delivered, refused, no answer, signed out),
   * for every workspace; returns the unsubscribe (`watch_outbox`).
   */
  watchOutbox(listener: (event: OutboxEvent) => void): () => void;

  listGroups(query: ListGroups): Promise<Page<Group>>;
  getGroup(id: string): Promise<Versioned<Group>>;
  createGroup(key: string, group: NewGroup): Promise<Versioned<Group>>;
  updateGroup(id: string, etag: string, patch: GroupPatch): Promise<Versioned<Group>>;
  deleteGroup(id: string, etag: string): Promise<void>;
  /** Adds a member (or a pending invitation) to a group. */
  addGroupMember(id: string, etag: string, principalId: string): Promise<Versioned<Group>>;
  removeGroupMember(id: string, etag: string, principalId: string): Promise<Versioned<Group>>;

  listNumbers(query: ListNumbers): Promise<Page<PhoneNumber>>;
  getNumber(id: string): Promise<Versioned<PhoneNumber>>;
  updateNumber(id: string, etag: string, patch: NumberPatch): Promise<Versioned<PhoneNumber>>;
  /** Assigns a number to a member (or a pending invitation). */
  assignNumber(id: string, etag: string, principalId: string): Promise<Versioned<PhoneNumber>>;
  unassignNumber(id: string, etag: string, principalId: string): Promise<Versioned<PhoneNumber>>;

  getConfiguration(): Promise<Versioned<Configuration>>;
  updateConfiguration(etag: string, patch: ConfigurationPatch): Promise<Versioned<Configuration>>;
  /** Each role and its default permissions (`list_roles`). */
  listRoles(): Promise<RoleInfo[]>;
  /** The account's change history, newest first (`list_audit_events`). */
  listAuditEvents(query: ListAuditEvents): Promise<Page<AuditEvent>>;
  /** The SCIM base URL for the identity provider and its tokens, without secrets (`get_provisioning`). */
  getProvisioning(): Promise<Provisioning>;
  /**
   * A provisioning token for the identity provider (owners). The answer holds its secret, which is never
   * shown again: keep it only while it is on screen (`create_provisioning_token`).
   */
  createProvisioningToken(token: NewProvisioningToken): Promise<CreatedProvisioningToken>;
  /** Revokes a provisioning token (owners): the identity provider's next request with it is refused. */
  revokeProvisioningToken(id: string): Promise<void>;

  /**
   * Profile photos. The native file dialog, filtered to JPEG, PNG and WebP; the photo is opened and
   * previewed in Rust and stays there under its id. `null` when the user cancelled (`pick_photo`).
   */
  pickPhoto(): Promise<OpenedPhoto | null>;
  /**
   * Calls `listener` while files are dragged over the window (where, in CSS pixels) and when they are
   * dropped; returns the unsubscribe (`watch_file_drops`). The paths never reach the webview.
   */
  watchFileDrops(listener: (event: FileDrop) => void): () => void;
  /** Opens the file of the last drop, like a picked photo (`open_dropped_photo`). */
  openDroppedPhoto(): Promise<OpenedPhoto>;
  /** An `<img>` source for an opened photo's upright preview (1,400 to 1,600 px on its long side for a large photo). */
  photoPreviewSrc(photoId: string): string;
  /**
   * Crops the opened photo to `crop` (a square in its upright pixels), makes the 512×512 avatar natively
   * and uploads it as the member's photo, reporting progress (`save_photo`). The photo stays open, so a
   * failed save can be tried again as framed.
   */
  savePhoto(
    photoId: string,
    crop: CropRect,
    memberId: string,
    etag: string,
    onProgress: (progress: SaveProgress) => void,
  ): Promise<Versioned<Member>>;
  /** Removes the member's photo (`remove_photo`). */
  removePhoto(memberId: string, etag: string): Promise<Versioned<Member>>;
  /** Lets go of an opened photo when the dialog closes (`close_photo`). */
  closePhoto(photoId: string): Promise<void>;
  /**
   * An `<img>` source for a member's avatar at 64, 128 or 512 pixels. `avatarUrl` is the member's (its
   * version changes with each new photo, so the source does too).
   */
  avatarSrc(memberId: string, avatarUrl: string, size: 64 | 128 | 512): string;

  /**
   * Calls `listener` when the user closed the window (or quit) while work is under way — invites on their
   * way, a photo uploading — and again whenever that work changes; the app closes by itself once it is
   * done. Returns the unsubscribe (`watch_quit`).
   */
  watchQuit(listener: (request: QuitRequest) => void): () => void;
  /** The answer to a request to quit: `now` quits at once, `stay` keeps the app open (`answer_quit`). */
  answerQuit(request: number, answer: QuitAnswer): Promise<void>;
}
