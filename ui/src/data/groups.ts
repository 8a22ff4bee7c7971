// Groups: the whole list (teams have tens of groups, not thousands), one group, and every change. A
// group's members are members seen from the group's side, so changes invalidate members as well.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { usePlatform, type Group, type GroupPatch, type NewGroup, type Versioned } from '../platform';
import { invalidate, workspaceKey } from './keys';
import { MAX_PAGE, readAll } from './pages';
import { useWorkspaceId, writeMeta } from './workspace';

export const groupKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'groups'),
  list: (workspaceId: string) => workspaceKey(workspaceId, 'groups', 'list'),
  detail: (workspaceId: string, id: string) => workspaceKey(workspaceId, 'groups', 'detail', id),
  search: (workspaceId: string, q: string, limit: number) => workspaceKey(workspaceId, 'groups', 'search', q, limit),
};

/** Every group, in the server's order (by name). */
export function useGroups() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: groupKeys.list(workspaceId),
    queryFn: () => readAll((cursor) => platform.listGroups({ cursor, limit: MAX_PAGE, q: null })),
  });
}

/**
 * The first `limit` groups, by name, whose name holds `q` (the server's match), for a quick look-up such
 * as the command palette's; lists read every group with `useGroups`. While another search is answered,
 * the previous answer stays (`isPlaceholderData`).
 */
export function useGroupSearch(q: string, limit: number, { enabled = true } = {}) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: groupKeys.search(workspaceId, q, limit),
    queryFn: async () => (await platform.listGroups({ cursor: null, limit, q: q === '' ? null : q })).data,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One group with the ETag a change needs. */
export function useGroup(id: string | null) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: groupKeys.detail(workspaceId, id ?? ''),
    queryFn: () => platform.getGroup(id ?? ''),
    enabled: id !== null,
  });
}

/** Reads a group as the server holds it now, with its ETag, for a change made straight after (lists carry none). */
export function useReadGroup(): (id: string) => Promise<Versioned<Group>> {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useCallback(
    (id: string) =>
      client.query({ queryKey: groupKeys.detail(workspaceId, id), queryFn: () => platform.getGroup(id), staleTime: 0 }),
    [client, platform, workspaceId],
  );
}

/** Members list and show their groups; invitations carry groups too. */
const GROUP_READERS = ['groups', 'members', 'me', 'invitations'] as const;

function useGroupWrite<Variables>(write: (variables: Variables) => Promise<Versioned<Group>>) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: write,
    onSuccess: (group) => {
      client.setQueryData(groupKeys.detail(workspaceId, group.value.id), group);
      invalidate(client, workspaceId, GROUP_READERS);
    },
  });
}

/** `key` makes a retried create create one group: pass the same key for the same form submission. */
export function useCreateGroup() {
  const platform = usePlatform();
  return useGroupWrite(({ key, group }: { key: string; group: NewGroup }) => platform.createGroup(key, group));
}

export function useUpdateGroup() {
  const platform = usePlatform();
  return useGroupWrite(({ id, etag, patch }: { id: string; etag: string; patch: GroupPatch }) =>
    platform.updateGroup(id, etag, patch),
  );
}

export function useDeleteGroup() {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: ({ id, etag }: { id: string; etag: string }) => platform.deleteGroup(id, etag),
    onSuccess: (_, { id }) => {
      client.removeQueries({ queryKey: groupKeys.detail(workspaceId, id) });
      invalidate(client, workspaceId, GROUP_READERS);
    },
  });
}

/** Adds a member (or an invitation) to a group; the group's ETag comes from `useGroup` or the list read. */
export function useAddToGroup() {
  const platform = usePlatform();
  return useGroupWrite(({ groupId, etag, principalId }: { groupId: string; etag: string; principalId: string }) =>
    platform.addGroupMember(groupId, etag, principalId),
  );
}

export function useRemoveFromGroup() {
  const platform = usePlatform();
  return useGroupWrite(({ groupId, etag, principalId }: { groupId: string; etag: string; principalId: string }) =>
    platform.removeGroupMember(groupId, etag, principalId),
  );
}
