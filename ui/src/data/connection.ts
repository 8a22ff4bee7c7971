// Whether the open workspace's server can be reached, as the app's own requests and the outbox's sender
// find it: offline when a read or write just failed for want of the network or the sender got no answer,
// online when the server just answered (even with a refusal) or took an invite, and unknown until either
// has happened — never a state nothing has observed. Offline, it says how many invites wait to be sent.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';

import type { Connection } from '../app/session';
import { workspaceOfMutation, workspaceOfQuery } from '../app/queryClient';
import { hasCode, PlatformError, usePlatform, type ErrorCode } from '../platform';
import { followOutbox, queuedCount, useWorkspaceOutbox } from './outbox';
import { isLocal } from './workspace';

type Seen = 'unknown' | 'online' | 'offline';

/** Codes the app's own side reports, without an answer from the server. */
const LOCAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'internal',
  'no_workspace',
  'signed_out',
  'offline',
  'local_workspace_failed',
  'keychain_no_dbus',
  'keychain_no_secret_service',
  'keychain_locked',
  'keychain_no_collection',
  'keychain_access_denied',
  'keychain_value_too_long',
  'keychain_failed',
  'workspace_not_found',
  'invalid_server_url',
  'config_io',
  'config_corrupt',
  'outbox_failed',
  'outbox_entry_not_found',
  'import_too_large',
  'import_unreadable',
  'import_no_email_column',
  'photo_file_too_large',
  'photo_too_many_pixels',
  'photo_unsupported_format',
  'photo_not_an_image',
  'photo_damaged',
  'photo_unreadable',
  'photo_invalid_crop',
  'photo_not_open',
  'not_in_app',
]);

export function useReachability(workspaceId: string): Connection {
  const client = useQueryClient();
  const platform = usePlatform();
  const queued = queuedCount(useWorkspaceOutbox(workspaceId).data);
  // What was seen, and for which workspace: another workspace starts unknown.
  const [seen, setSeen] = useState<{ workspaceId: string; state: Seen }>({ workspaceId, state: 'unknown' });
  useEffect(() => {
    // The same state keeps its object, so the session (and everything that reads it) isn't rendered
    // again for every answer.
    const set = (state: Seen) =>
      setSeen((current) => (current.workspaceId === workspaceId && current.state === state ? current : { workspaceId, state }));
    const observe = (outcome: 'success' | 'error', error: unknown) => {
      if (outcome === 'success') set('online');
      else if (hasCode(error, 'offline')) set('offline');
      // A refusal is the server answering; a problem on this computer (the keychain, the workspace
      // list) says nothing about the server either way.
      else if (error instanceof PlatformError && !LOCAL_CODES.has(error.code)) set('online');
    };
    const queries = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || workspaceOfQuery(event.query) !== workspaceId || isLocal(event.query.meta)) return;
      if (event.action.type === 'success') observe('success', null);
      if (event.action.type === 'error') observe('error', event.action.error);
    });
    const mutations = client.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || workspaceOfMutation(event.mutation) !== workspaceId) return;
      if (isLocal(event.mutation.meta)) return;
      if (event.action.type === 'success') observe('success', null);
      if (event.action.type === 'error') observe('error', event.action.error);
    });
    // The sender tries the server in the background, also while no page reads anything.
    const sender = followOutbox(platform, (event) => {
      if (event.workspace_id !== workspaceId) return;
      // No answer at all is offline; "busy, later" (429, 5xx) is the server answering.
      if (event.kind === 'failed') set(event.unanswered ? 'offline' : 'online');
      // Delivered, or refused: either way the server answered.
      else if (event.kind === 'delivered' || event.kind === 'needs_attention') set('online');
    });
    return () => {
      queries();
      mutations();
      sender();
    };
  }, [client, platform, workspaceId]);
  const state = seen.workspaceId === workspaceId ? seen.state : 'unknown';
  return useMemo<Connection>(() => (state === 'offline' ? { state, queued } : { state }), [state, queued]);
}
