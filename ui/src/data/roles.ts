// The roles and their default permissions: fixed per server, so read once per workspace.
import { useQuery } from '@tanstack/react-query';

import { usePlatform } from '../platform';
import { workspaceKey } from './keys';
import { useWorkspaceId } from './workspace';

export const roleKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'roles'),
};

export function useRoles() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({ queryKey: roleKeys.all(workspaceId), queryFn: () => platform.listRoles(), staleTime: Infinity });
}
