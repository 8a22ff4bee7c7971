// The real adapter's own contract: which command it invokes and how rejections are normalised. This is
// the one place tests use Tauri's IPC mock; UI tests use the fake Platform instead.
import { Channel } from '@tauri-apps/api/core';
import { clearMocks, mockConvertFileSrc, mockIPC } from '@tauri-apps/api/mocks';
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
    await tauriPlatform.getProvisioning();
    await tauriPlatform.createProvisioningToken({ name: 'Okta' });
    await tauriPlatform.revokeProvisioningToken('t-1');

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
      'get_provisioning',
      'create_provisioning_token',
      'revoke_provisioning_token',
    ]);
    expect(seen[2]?.[1]).toEqual({ serverUrl: 'https://acme.example', email: 'a@acme.example', password: 'pw' });
    expect(seen[3]?.[1]).toEqual({ workspaceId: 'ws-1' });
    expect(seen[4]?.[1]).toEqual({ workspaceId: 'ws-1' });
    expect(seen[6]?.[1]).toEqual({ query });
    expect(seen[7]?.[1]).toEqual({ id: 'm-1' });
    expect(seen[8]?.[1]).toEqual({ id: 'm-1', etag: '"e1"', patch: { role: 'admin' } });
    expect(seen[9]?.[1]).toEqual({ query: { cursor: null, limit: 100, q: null, status: 'pending' } });
    expect(seen[11]?.[1]).toEqual({ query: { cursor: null, limit: null, q: null, assigned: false } });
    expect(seen[15]?.[1]).toEqual({ token: { name: 'Okta' } });
    expect(seen[16]?.[1]).toEqual({ id: 't-1' });
  });

  it('picks, saves and closes photos with the core’s argument names, progress through a Channel', async () => {
    const seen: [string, Record<string, unknown>][] = [];
    mockIPC((command, args) => {
      seen.push([command, args as Record<string, unknown>]);
      return command === 'pick_photo' ? { id: 'p1', width: 4000, height: 3000 } : null;
    });
    const crop = { x: 500, y: 0, width: 3000, height: 3000 };

    await expect(tauriPlatform.pickPhoto()).resolves.toEqual({ id: 'p1', width: 4000, height: 3000 });
    await tauriPlatform.savePhoto('p1', crop, 'm-1', '"e1"', () => undefined);
    await tauriPlatform.removePhoto('m-1', '"e2"');
    await tauriPlatform.closePhoto('p1');

    expect(seen.map(([command]) => command)).toEqual(['pick_photo', 'save_photo', 'remove_photo', 'close_photo']);
    const save = seen[1]?.[1] ?? {};
    expect(save).toMatchObject({ photo: 'p1', crop, memberId: 'm-1', etag: '"e1"' });
    expect(save['onProgress']).toBeInstanceOf(Channel);
    expect(seen[2]?.[1]).toEqual({ memberId: 'm-1', etag: '"e2"' });
    expect(seen[3]?.[1]).toEqual({ photo: 'p1' });
  });

  it('serves previews and avatars from the picture scheme, the avatar’s version in the source', () => {
    mockConvertFileSrc('linux');
    expect(tauriPlatform.photoPreviewSrc('p 1')).toBe('picture://localhost/preview/p%201');
    expect(tauriPlatform.avatarSrc('m-1', '/v1/members/m-1/avatar?v=7', 128)).toBe('picture://localhost/member/m-1?size=128&v=7');
  });
});
