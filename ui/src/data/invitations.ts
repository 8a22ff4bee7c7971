// Invitations: the list, one invitation, and the changes an admin makes before it is accepted. Numbers
// and groups can be given to an invitation, so its changes invalidate those too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import {
  usePlatform,
  type Invitation,
  type InvitationPatch,
  type InvitationStatus,
  type NewInvitation,
  type Versioned,
} from '../platform';
import { invalidate, workspaceKey } from './keys';
import { MAX_PAGE, readAll } from './pages';
import { useWorkspaceId, writeMeta } from './workspace';

export const invitationKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'invitations'),
  list: (workspaceId: string, status: InvitationStatus | null) =>
    workspaceKey(workspaceId, 'invitations', 'list', status),
  detail: (workspaceId: string, id: string) => workspaceKey(workspaceId, 'invitations', 'detail', id),
};

export function useInvitations(status: InvitationStatus | null = null) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: invitationKeys.list(workspaceId, status),
    queryFn: () => readAll((cursor) => platform.listInvitations({ cursor, limit: MAX_PAGE, q: null, status })),
  });
}

/** One invitation, fresh from the server, with the ETag a change needs. `row` shows at once meanwhile. */
export function useInvitation(id: string | null, row?: Invitation) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: invitationKeys.detail(workspaceId, id ?? ''),
    queryFn: () => platform.getInvitation(id ?? ''),
    enabled: id !== null,
    // The row the list already holds shows at once; its empty ETag can't be used for a change.
    placeholderData: () => (row === undefined ? undefined : { value: row, etag: '' }),
  });
}

/**
 * Reads invitations and what they hold again (after someone else changed one: the conflict dialog's
 * Reload), so the list behind the sheet doesn't keep the old copy.
 */
export function useReloadInvitation(): () => void {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return () => invalidate(client, workspaceId, ['invitations', 'numbers', 'groups']);
}

function useInvitationWrite<Variables>(write: (variables: Variables) => Promise<Versioned<Invitation>>) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: write,
    onSuccess: (invitation) => {
      client.setQueryData(invitationKeys.detail(workspaceId, invitation.value.id), invitation);
      invalidate(client, workspaceId, ['invitations', 'numbers', 'groups']);
    },
  });
}

/** `key` is the idempotency key: the same key never creates a second invitation. */
export function useCreateInvitation() {
  const platform = usePlatform();
  return useInvitationWrite(({ key, invitation }: { key: string; invitation: NewInvitation }) =>
    platform.createInvitation(key, invitation),
  );
}

export function useUpdateInvitation() {
  const platform = usePlatform();
  return useInvitationWrite(({ id, etag, patch }: { id: string; etag: string; patch: InvitationPatch }) =>
    platform.updateInvitation(id, etag, patch),
  );
}

export function useResendInvitation() {
  const platform = usePlatform();
  return useInvitationWrite((id: string) => platform.resendInvitation(id));
}

/**
 * Invite People's "Import CSV": the system's file dialog, then the file read and parsed on this computer
 * (nothing is sent); resolves to `null` when the user cancelled.
 */
export function useImportInvitationsCsv() {
  const platform = usePlatform();
  return useMutation({ mutationFn: () => platform.importInvitationsCsv() });
}

export function useRevokeInvitation() {
  const platform = usePlatform();
  return useInvitationWrite((id: string) => platform.revokeInvitation(id));
}
