// The signed-in member (`me`) and their own changes.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { usePlatform, type MePatch } from '../platform';
import { invalidate, workspaceKey } from './keys';
import { memberKeys } from './members';
import { useWorkspaceId, writeMeta } from './workspace';

export const meKeys = {
  me: (workspaceId: string) => workspaceKey(workspaceId, 'me'),
};

/** The signed-in member of `workspaceId` (the session gate reads it before the workspace's pages exist). */
export function useMe(workspaceId: string) {
  const platform = usePlatform();
  return useQuery({ queryKey: meKeys.me(workspaceId), queryFn: () => platform.me() });
}

/** Changes the signed-in member's own name or recording choices. */
export function useUpdateMe() {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: ({ etag, patch }: { etag: string; patch: MePatch }) => platform.updateMe(etag, patch),
    onSuccess: (me) => {
      client.setQueryData(meKeys.me(workspaceId), me);
      // The same person appears in the members list and their profile.
      client.setQueryData(memberKeys.detail(workspaceId, me.value.id), me);
      // Groups list their members by name, numbers their holders.
      invalidate(client, workspaceId, ['members', 'groups', 'numbers']);
    },
  });
}
