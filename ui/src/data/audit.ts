// The activity log: newest first, read a page at a time as the user asks for more.
import { useInfiniteQuery } from '@tanstack/react-query';

import { usePlatform, type ListAuditEvents } from '../platform';
import { workspaceKey } from './keys';
import { useFirstWindowOnLeave } from './windows';
import { useWorkspaceId } from './workspace';

export type AuditFilter = Omit<ListAuditEvents, 'cursor' | 'limit'>;

export const auditKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'audit'),
  list: (workspaceId: string, filter: AuditFilter) => workspaceKey(workspaceId, 'audit', 'list', filter),
};

export const AUDIT_PAGE_SIZE = 50;

export function useAuditEvents(filter: AuditFilter) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  const queryKey = auditKeys.list(workspaceId, filter);
  useFirstWindowOnLeave(queryKey);
  return useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => platform.listAuditEvents({ ...filter, cursor: pageParam, limit: AUDIT_PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
  });
}
