// The account's configuration: one versioned document. Its recording policy decides members' recording
// settings, so a change invalidates members too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { usePlatform, type ConfigurationPatch } from '../platform';
import { invalidate, WORKSPACES_QUERY_KEY, workspaceKey } from './keys';
import { useWorkspaceId, writeMeta } from './workspace';

export const configurationKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'configuration'),
};

export function useConfiguration() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  const client = useQueryClient();
  const query = useQuery({ queryKey: configurationKeys.all(workspaceId), queryFn: () => platform.getConfiguration() });
  // The core names the workspace after the team whenever it reads the configuration, so a name another
  // admin changed reaches the workspace switcher once this page has read it.
  const teamName = query.data?.value.team_name;
  useEffect(() => {
    if (teamName !== undefined) void client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
  }, [client, teamName]);
  return query;
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
      void client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
    },
  });
}
