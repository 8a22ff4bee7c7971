// The account's configuration: one versioned document. Its recording policy decides members' recording
// settings, so a change invalidates members too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { usePlatform, type ConfigurationPatch } from '../platform';
import { invalidate, workspaceKey } from './keys';
import { useWorkspaceId, writeMeta } from './workspace';

export const configurationKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'configuration'),
};

export function useConfiguration() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({ queryKey: configurationKeys.all(workspaceId), queryFn: () => platform.getConfiguration() });
}

export function useUpdateConfiguration() {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: ({ etag, patch }: { etag: string; patch: ConfigurationPatch }) =>
      platform.updateConfiguration(etag, patch),
    onSuccess: (configuration) => {
      client.setQueryData(configurationKeys.all(workspaceId), configuration);
      invalidate(client, workspaceId, ['members', 'me']);
    },
  });
}
