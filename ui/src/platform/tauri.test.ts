// The real adapter's own contract: which command it invokes and how rejections are normalised. This is
// the one place tests use Tauri's IPC mock; UI tests use the fake Platform instead.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';

import { INTERNAL, NOT_IN_APP, PlatformError } from './error';
import { tauriPlatform } from './tauri';

afterEach(() => {
  clearMocks();
  delete (window as { __TAURI_INTERNALS__?: unknown }).__TAURI_INTERNALS__;
});

describe('tauriPlatform', () => {
  it('says so when running outside the app', async () => {
    await expect(tauriPlatform.appInfo()).rejects.toMatchObject({ code: NOT_IN_APP });
  });

  it('invokes app_info and returns its payload', async () => {
    const commands: string[] = [];
    mockIPC((command) => {
      commands.push(command);
      return { version: '0.1.0', commit: 'abc1234', profile: 'release' };
    });

    await expect(tauriPlatform.appInfo()).resolves.toEqual({
      version: '0.1.0',
      commit: 'abc1234',
      profile: 'release',
    });
    expect(commands).toEqual(['app_info']);
  });

  it('keeps the code and message of an IPC error', async () => {
    mockIPC(() => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- Rust errors arrive as plain objects.
      throw { code: 'keychain_locked', message: 'Your keychain is locked.' };
    });

    const error: unknown = await tauriPlatform.appInfo().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ code: 'keychain_locked', message: 'Your keychain is locked.' });
  });

  it('turns an unknown rejection into an internal error', async () => {
    mockIPC(() => {
      throw new Error('boom');
    });

    await expect(tauriPlatform.appInfo()).rejects.toMatchObject({ code: INTERNAL });
  });

  it('imports a CSV through import_invitations_csv, with null for a cancelled dialog', async () => {
    const commands: [string, unknown][] = [];
    mockIPC((command, args) => {
      commands.push([command, args]);
      return null;
    });

    await expect(tauriPlatform.importInvitationsCsv()).resolves.toBeNull();
    expect(commands).toEqual([['import_invitations_csv', {}]]);
  });

  it('names each command as Rust does and passes its arguments as camelCase keys', async () => {
    const seen: [string, unknown][] = [];
    mockIPC((command, args) => {
      seen.push([command, args]);
      return null;
    });
    const query = { cursor: 'abc', limit: 100, q: 'jo', role: null, status: null, group_id: null };

    await tauriPlatform.workspaces();
    await tauriPlatform.openLocalWorkspace();
    await tauriPlatform.signIn({ serverUrl: 'https://acme.example', email: 'a@acme.example', password: 'pw' });
    await tauriPlatform.switchWorkspace('ws-1');
    await tauriPlatform.signOut('ws-1');
    await tauriPlatform.me();
    await tauriPlatform.listMembers(query);
    await tauriPlatform.getMember('m-1');
    await tauriPlatform.updateMember('m-1', '"e1"', { role: 'admin' });
    await tauriPlatform.listInvitations({ cursor: null, limit: 100, q: null, status: 'pending' });
    await tauriPlatform.listGroups({ cursor: null, limit: null, q: 'sales' });
    await tauriPlatform.listNumbers({ cursor: null, limit: null, q: null, assigned: false });
    await tauriPlatform.getConfiguration();
    await tauriPlatform.listRoles();

    expect(seen.map(([command]) => command)).toEqual([
      'workspaces',
      'open_local_workspace',
      'sign_in',
      'switch_workspace',
      'sign_out',
      'me',
      'list_members',
      'get_member',
      'update_member',
      'list_invitations',
      'list_groups',
      'list_numbers',
      'get_configuration',
      'list_roles',
    ]);
    expect(seen[2]?.[1]).toEqual({ serverUrl: 'https://acme.example', email: 'a@acme.example', password: 'pw' });
    expect(seen[3]?.[1]).toEqual({ workspaceId: 'ws-1' });
    expect(seen[4]?.[1]).toEqual({ workspaceId: 'ws-1' });
    expect(seen[6]?.[1]).toEqual({ query });
    expect(seen[7]?.[1]).toEqual({ id: 'm-1' });
    expect(seen[8]?.[1]).toEqual({ id: 'm-1', etag: '"e1"', patch: { role: 'admin' } });
    expect(seen[9]?.[1]).toEqual({ query: { cursor: null, limit: 100, q: null, status: 'pending' } });
    expect(seen[11]?.[1]).toEqual({ query: { cursor: null, limit: null, q: null, assigned: false } });
  });
});
