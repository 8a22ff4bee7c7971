// The real Platform: Tauri commands over IPC.
import { invoke, isTauri, type InvokeArgs } from '@tauri-apps/api/core';

import type { AppInfo } from './bindings';
import { NOT_IN_APP, PlatformError, toPlatformError } from './error';
import type {
  Configuration,
  Group,
  Invitation,
  ListMembers,
  Member,
  MemberPatch,
  Page,
  PhoneNumber,
  Platform,
  RoleInfo,
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

export const tauriPlatform: Platform = {
  appInfo: () => call<AppInfo>('app_info'),

  // Tauri takes a command's arguments as camelCase keys.
  workspaces: () => call<WorkspaceState>('workspaces'),
  openLocalWorkspace: () => call<Workspace>('open_local_workspace'),
  signIn: ({ serverUrl, email, password }) => call<Workspace>('sign_in', { serverUrl, email, password }),
  switchWorkspace: (workspaceId) => call<WorkspaceState>('switch_workspace', { workspaceId }),
  signOut: (workspaceId) => call<WorkspaceState>('sign_out', { workspaceId }),

  me: () => call<Versioned<Member>>('me'),
  listMembers: (query: ListMembers) => call<Page<Member>>('list_members', { query }),
  getMember: (id) => call<Versioned<Member>>('get_member', { id }),
  updateMember: (id, etag, patch: MemberPatch) => call<Versioned<Member>>('update_member', { id, etag, patch }),

  listInvitations: (query) => call<Page<Invitation>>('list_invitations', { query }),
  listGroups: (query) => call<Page<Group>>('list_groups', { query }),
  listNumbers: (query) => call<Page<PhoneNumber>>('list_numbers', { query }),
  getConfiguration: () => call<Versioned<Configuration>>('get_configuration'),
  listRoles: () => call<RoleInfo[]>('list_roles'),
};
