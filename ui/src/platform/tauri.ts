// The real Platform: Tauri commands over IPC.
import { Channel, convertFileSrc, invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core';
import { getCurrentWebview } from '@tauri-apps/api/webview';

import type { AppInfo } from './bindings';
import { NOT_IN_APP, PlatformError, toPlatformError } from './error';
import type {
  AuditEvent,
  Configuration,
  CreatedProvisioningToken,
  FileDrop,
  Group,
  ImportedRows,
  Invitation,
  ListMembers,
  Member,
  MemberPatch,
  OutboxEntry,
  OpenedPhoto,
  Page,
  PhoneNumber,
  Platform,
  Provisioning,
  QuitRequest,
  RoleInfo,
  SaveProgress,
  ValidationResult,
  Versioned,
  Workspace,
  WorkspaceState,
} from './platform';

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

/**
 * The `picture:` scheme's base: `picture://localhost/` on Linux and macOS, `http://picture.localhost/` on
 * Windows; Tauri knows which.
 */
function pictureSrc(path: string): string {
  if (!insideTauri()) return '';
  return convertFileSrc('', 'picture') + path;
}

/**
 * Hears a command's events over a `Channel` until the returned unsubscribe; `subscribe` hands the channel
 * to the command.
 */
function follow<T>(
  what: string,
  subscribe: (channel: Channel<T>) => Promise<unknown>,
  listener: (event: T) => void,
): () => void {
  let listening = true;
  const channel = new Channel<T>();
  channel.onmessage = (event) => {
    if (listening) listener(event);
  };
  // Outside the app there is nothing to hear; the rejection says so to whoever calls, not here.
  subscribe(channel).catch((reason: unknown) => {
    console.warn(`Could not follow ${what}:`, reason);
  });
  return () => {
    listening = false;
  };
}

const fileDropListeners = new Set<(event: FileDrop) => void>();
let followingFileDrops = false;

export const tauriPlatform: Platform = {
  appInfo: () => call<AppInfo>('app_info'),

  // Tauri takes a command's arguments as camelCase keys.
  workspaces: () => call<WorkspaceState>('workspaces'),
  setPreferences: (preferences) => call<WorkspaceState>('set_preferences', { preferences }),
  setZoom: async (scale) => {
    if (!insideTauri()) throw new PlatformError(NOT_IN_APP, 'Only the app’s window can be zoomed.');
    try {
      await getCurrentWebview().setZoom(scale);
    } catch (reason) {
      throw toPlatformError(reason);
    }
  },
  rememberPage: (workspaceId, page) => call<undefined>('remember_page', { workspaceId, page }),
  openLocalWorkspace: () => call<Workspace>('open_local_workspace'),
  signIn: ({ serverUrl, email, password }) => call<Workspace>('sign_in', { serverUrl, email, password }),
  switchWorkspace: (workspaceId) => call<WorkspaceState>('switch_workspace', { workspaceId }),
  signOut: (workspaceId) => call<WorkspaceState>('sign_out', { workspaceId }),

  me: () => call<Versioned<Member>>('me'),
  updateMe: (etag, patch) => call<Versioned<Member>>('update_me', { etag, patch }),
  listMembers: (query: ListMembers) => call<Page<Member>>('list_members', { query }),
  getMember: (id) => call<Versioned<Member>>('get_member', { id }),
  updateMember: (id, etag, patch: MemberPatch) => call<Versioned<Member>>('update_member', { id, etag, patch }),
  removeMember: (id, etag, how) => call<undefined>('remove_member', { id, etag, how }),

  listInvitations: (query) => call<Page<Invitation>>('list_invitations', { query }),
  getInvitation: (id) => call<Versioned<Invitation>>('get_invitation', { id }),
  createInvitation: (key, invitation) => call<Versioned<Invitation>>('create_invitation', { key, invitation }),
  updateInvitation: (id, etag, patch) => call<Versioned<Invitation>>('update_invitation', { id, etag, patch }),
  resendInvitation: (id) => call<Versioned<Invitation>>('resend_invitation', { id }),
  revokeInvitation: (id) => call<Versioned<Invitation>>('revoke_invitation', { id }),
  importInvitationsCsv: () => call<ImportedRows | null>('import_invitations_csv'),
  validateInvitations: (invitations) => call<ValidationResult>('validate_invitations', { invitations }),
  invite: (invitations) => call<OutboxEntry[]>('invite', { invitations }),
  outboxEntries: () => call<OutboxEntry[]>('outbox_entries'),
  retryOutboxEntry: (id, invitation) => call<OutboxEntry>('retry_outbox_entry', { id, invitation }),
  discardOutboxEntry: (id) => call<undefined>('discard_outbox_entry', { id }),
  watchOutbox: (listener) => follow('the outbox', (onEvent) => call<undefined>('watch_outbox', { onEvent }), listener),

  listGroups: (query) => call<Page<Group>>('list_groups', { query }),
  getGroup: (id) => call<Versioned<Group>>('get_group', { id }),
  createGroup: (key, group) => call<Versioned<Group>>('create_group', { key, group }),
  updateGroup: (id, etag, patch) => call<Versioned<Group>>('update_group', { id, etag, patch }),
  deleteGroup: (id, etag) => call<undefined>('delete_group', { id, etag }),
  addGroupMember: (id, etag, principalId) => call<Versioned<Group>>('add_group_member', { id, etag, principalId }),
  removeGroupMember: (id, etag, principalId) =>
    call<Versioned<Group>>('remove_group_member', { id, etag, principalId }),

  listNumbers: (query) => call<Page<PhoneNumber>>('list_numbers', { query }),
  getNumber: (id) => call<Versioned<PhoneNumber>>('get_number', { id }),
  updateNumber: (id, etag, patch) => call<Versioned<PhoneNumber>>('update_number', { id, etag, patch }),
  assignNumber: (id, etag, principalId) => call<Versioned<PhoneNumber>>('assign_number', { id, etag, principalId }),
  unassignNumber: (id, etag, principalId) =>
    call<Versioned<PhoneNumber>>('unassign_number', { id, etag, principalId }),

  getConfiguration: () => call<Versioned<Configuration>>('get_configuration'),
  updateConfiguration: (etag, patch) => call<Versioned<Configuration>>('update_configuration', { etag, patch }),
  listRoles: () => call<RoleInfo[]>('list_roles'),
  listAuditEvents: (query) => call<Page<AuditEvent>>('list_audit_events', { query }),
  getProvisioning: () => call<Provisioning>('get_provisioning'),
  createProvisioningToken: (token) => call<CreatedProvisioningToken>('create_provisioning_token', { token }),
  revokeProvisioningToken: (id) => call<undefined>('revoke_provisioning_token', { id }),

  pickPhoto: () => call<OpenedPhoto | null>('pick_photo'),
  watchFileDrops: (listener) => {
    // One channel per page, shared by every dialog that listens: Rust keeps a channel until sending on it
    // fails, so one per dialog would pile up for as long as the page lives.
    if (fileDropListeners.size === 0 && !followingFileDrops) {
      followingFileDrops = true;
      follow(
        'dropped files',
        (onEvent) => call<undefined>('watch_file_drops', { onEvent }),
        (event: FileDrop) => {
          for (const hear of fileDropListeners) hear(event);
        },
      );
    }
    fileDropListeners.add(listener);
    return () => {
      fileDropListeners.delete(listener);
    };
  },
  openDroppedPhoto: () => call<OpenedPhoto>('open_dropped_photo'),
  photoPreviewSrc: (photoId) => pictureSrc(`preview/${encodeURIComponent(photoId)}`),
  savePhoto: (photoId, crop, memberId, etag, onProgress) => {
    const channel = new Channel<SaveProgress>();
    channel.onmessage = onProgress;
    return call<Versioned<Member>>('save_photo', { photo: photoId, crop, memberId, etag, onProgress: channel });
  },
  removePhoto: (memberId, etag) => call<Versioned<Member>>('remove_photo', { memberId, etag }),
  closePhoto: (photoId) => call<undefined>('close_photo', { photo: photoId }),
  avatarSrc: (memberId, avatarUrl, size) => {
    const version = new URL(avatarUrl, 'http://server').searchParams.get('v') ?? '';
    return pictureSrc(`member/${encodeURIComponent(memberId)}?size=${size}&v=${encodeURIComponent(version)}`);
  },

  watchQuit: (listener) =>
    follow('requests to quit', (onEvent) => call<undefined>('watch_quit', { onEvent }), (event: QuitRequest) => {
      listener(event);
    }),
  answerQuit: (request, answer) => call<undefined>('answer_quit', { request, answer }),
};
