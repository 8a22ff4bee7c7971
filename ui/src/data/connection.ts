// Whether the open workspace's server can be reached, as the app's own requests find it: offline when a
// read or write just failed for want of the network, online when the server just answered (even with a
// refusal), and unknown until either has happened — never a state nothing has observed.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import type { Connection } from '../app/session';
import { workspaceOfMutation, workspaceOfQuery } from '../app/queryClient';
import { hasCode, PlatformError, type ErrorCode } from '../platform';

const UNKNOWN: Connection = { state: 'unknown' };
const ONLINE: Connection = { state: 'online' };
// Nothing is queued offline yet: invitations are sent at once or not at all.
const OFFLINE: Connection = { state: 'offline', queued: 0 };

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
  'not_in_app',
]);

export function useReachability(workspaceId: string): Connection {
  const client = useQueryClient();
  // What was seen, and for which workspace: another workspace starts unknown.
  const [seen, setSeen] = useState<{ workspaceId: string; connection: Connection }>({ workspaceId, connection: UNKNOWN });
  useEffect(() => {
    // The same state keeps its object, so the session (and everything that reads it) isn't rendered
    // again for every answer.
    const set = (connection: Connection) =>
      setSeen((current) =>
        current.workspaceId === workspaceId && current.connection.state === connection.state
          ? current
          : { workspaceId, connection },
      );
    const online = () => set(ONLINE);
    const offline = () => set(OFFLINE);
    const observe = (outcome: 'success' | 'error', error: unknown) => {
      if (outcome === 'success') online();
      else if (hasCode(error, 'offline')) offline();
      // A refusal is the server answering; a problem on this computer (the keychain, the workspace
      // list) says nothing about the server either way.
      else if (error instanceof PlatformError && !LOCAL_CODES.has(error.code)) online();
    };
    const queries = client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || workspaceOfQuery(event.query) !== workspaceId) return;
      if (event.action.type === 'success') observe('success', null);
      if (event.action.type === 'error') observe('error', event.action.error);
    });
    const mutations = client.getMutationCache().subscribe((event) => {
      if (event.type !== 'updated' || workspaceOfMutation(event.mutation) !== workspaceId) return;
      if (event.action.type === 'success') observe('success', null);
      if (event.action.type === 'error') observe('error', event.action.error);
    });
    return () => {
      queries();
      mutations();
    };
  }, [client, workspaceId]);
  return seen.workspaceId === workspaceId ? seen.connection : UNKNOWN;
}
