// Members: the list (read in windows as the table scrolls), one member, and every change to a member.
// A member's numbers and groups are other resources seen from the member's side, so changes to numbers
// and groups invalidate members too (numbers.ts, groups.ts), and changes here invalidate them.
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';

import {
  usePlatform,
  type Member,
  type MemberPatch,
  type MemberSort,
  type MemberStatus,
  type RemoveMember,
  type Role,
  type SortOrder,
  type Versioned,
} from '../platform';
import { invalidate, workspaceKey } from './keys';
import { useFirstWindowOnLeave } from './windows';
import { useWorkspaceId, writeMeta } from './workspace';

/** Rows per request: a screenful several times over, and few requests for a long scroll. */
export const MEMBERS_PAGE_SIZE = 100;
/** Start reading the next window when the user is within this many rows of the end of what is loaded. */
const READ_AHEAD = 50;

export interface MemberFilter {
  q: string;
  role: Role | null;
  status: MemberStatus | null;
  groupId: string | null;
  sort: MemberSort;
  order: SortOrder;
}

export const ALL_MEMBERS: MemberFilter = { q: '', role: null, status: null, groupId: null, sort: 'name', order: 'asc' };

export const memberKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'members'),
  lists: (workspaceId: string) => workspaceKey(workspaceId, 'members', 'list'),
  list: (workspaceId: string, filter: MemberFilter) => workspaceKey(workspaceId, 'members', 'list', filter),
  detail: (workspaceId: string, id: string) => workspaceKey(workspaceId, 'members', 'detail', id),
  search: (workspaceId: string, search: MemberSearch) => workspaceKey(workspaceId, 'members', 'search', search),
};

export interface MemberSearch {
  q: string;
  /** Only members with this status (the directory's people are the active ones); null for all. */
  status: MemberStatus | null;
  limit: number;
}

export interface MemberList {
  /** The rows read so far, in the server's order. */
  rows: Member[];
  /** How many members match, across all pages (from the server); null until the first page answers. */
  total: number | null;
  /** Ask for rows up to `index` (the last row the table shows); the windows before it are read in turn. */
  showUpTo: (index: number) => void;
  /** Identifies the filter and order, so a table can go back to the top when they change. */
  key: string;
  /** The first page is being read. */
  isPending: boolean;
  /** The rows shown belong to the previous filter while the new one is answered. */
  isPlaceholderData: boolean;
  /** Reading failed: the first page (`rows` empty) or a later window. */
  error: Error | null;
  /** A later window failed (the rows read so far stay). */
  isWindowError: boolean;
  /** Reading the loaded rows again failed (they stay, but may be out of date). */
  isRefreshError: boolean;
  /** Retry after an error: the window that failed, or the whole list when reading it (again) failed. */
  retry: () => void;
}

/**
 * The members matching `filter`, read a window at a time as the table asks for rows (`showUpTo`).
 *
 * The next window is read whenever the wanted rows are near the end of what is loaded and nothing is being
 * read — including a refetch of the windows already loaded (after coming back to the page), which an
 * infinite query runs instead of a next page: the effect waits for it to end rather than asking once and
 * never again, so the list can't stall.
 */
export function useMemberList(filter: MemberFilter): MemberList {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  const queryKey = memberKeys.list(workspaceId, filter);
  useFirstWindowOnLeave(queryKey);
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) =>
      platform.listMembers({
        cursor: pageParam,
        limit: MEMBERS_PAGE_SIZE,
        q: filter.q === '' ? null : filter.q,
        role: filter.role,
        status: filter.status,
        group_id: filter.groupId,
        sort: filter.sort,
        order: filter.order,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next_cursor,
    // While a new search is answered, the previous rows stay.
    placeholderData: keepPreviousData,
  });
  const [wanted, setWanted] = useState(0);
  // Another filter or order starts at its first window, not as deep as the previous one was read.
  const filterKey = JSON.stringify(filter);
  const [wantedFor, setWantedFor] = useState(filterKey);
  if (wantedFor !== filterKey) {
    setWantedFor(filterKey);
    setWanted(0);
  }
  const { data, hasNextPage, isFetching, isError, isPlaceholderData, fetchNextPage, refetch } = query;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.data) ?? [], [data]);
  const loaded = rows.length;

  useEffect(() => {
    if (data === undefined || isPlaceholderData || isFetching || isError || !hasNextPage) return;
    if (wanted + READ_AHEAD >= loaded) void fetchNextPage();
  }, [data, isPlaceholderData, isFetching, isError, hasNextPage, wanted, loaded, fetchNextPage]);

  const first = data?.pages[0];
  const total = first === undefined ? null : (first.total ?? (hasNextPage ? null : loaded));
  return {
    rows,
    total,
    showUpTo: setWanted,
    key: filterKey,
    isPending: query.isPending,
    isPlaceholderData,
    error: query.error,
    isWindowError: query.isFetchNextPageError,
    isRefreshError: query.isRefetchError && rows.length > 0,
    retry: () => void (query.isFetchNextPageError ? fetchNextPage() : refetch()),
  };
}

/**
 * The first `limit` members, by name, whose name or email holds `q` (the server's match): a quick look-up
 * such as the command palette's, which shows a few and needs no paging. While another search is answered,
 * the previous answer stays (`isPlaceholderData`).
 */
export function useMemberSearch(search: MemberSearch, { enabled = true } = {}) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: memberKeys.search(workspaceId, search),
    queryFn: async () => {
      const page = await platform.listMembers({
        cursor: null,
        limit: search.limit,
        q: search.q === '' ? null : search.q,
        role: null,
        status: search.status,
        group_id: null,
        sort: 'name',
        order: 'asc',
      });
      return page.data;
    },
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One member, fresh from the server, with the ETag a change needs. `row` shows at once meanwhile. */
export function useMember(id: string, row?: Member) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: memberKeys.detail(workspaceId, id),
    queryFn: () => platform.getMember(id),
    // The row the list already holds shows at once; its empty ETag can't be used for a change.
    placeholderData: () => (row === undefined ? undefined : { value: row, etag: '' }),
  });
}

/**
 * Reads a member and everything that shows them again (after someone else changed them: the conflict
 * dialog's Reload), so the list behind the profile doesn't keep the old copy.
 */
export function useReloadMember(): () => void {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return () => invalidate(client, workspaceId, ['members', 'me', 'groups', 'numbers']);
}

/** After a change to a member: their profile holds the answer, and every list reads again. */
export function useMemberWrite<Variables>(write: (variables: Variables) => Promise<Versioned<Member>>) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: write,
    onSuccess: (member) => {
      client.setQueryData(memberKeys.detail(workspaceId, member.value.id), member);
      // The member may be the signed-in user; groups list their members by name, numbers their assignees.
      invalidate(client, workspaceId, ['members', 'me', 'groups', 'numbers']);
    },
  });
}

export function useUpdateMember() {
  const platform = usePlatform();
  return useMemberWrite(({ id, etag, patch }: { id: string; etag: string; patch: MemberPatch }) =>
    platform.updateMember(id, etag, patch),
  );
}

/** Removes a member; their numbers go back to reserve or to another member, as `how` says. */
export function useRemoveMember() {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: ({ id, etag, how }: { id: string; etag: string; how: RemoveMember }) =>
      platform.removeMember(id, etag, how),
    onSuccess: (_, { id }) => {
      client.removeQueries({ queryKey: memberKeys.detail(workspaceId, id) });
      invalidate(client, workspaceId, ['members', 'groups', 'numbers']);
    },
  });
}

/**
 * Whether the team has an active owner other than `memberId`, so a profile can say before anyone tries
 * that the last owner can't step down, be deactivated or be removed (the server refuses with
 * `last_owner`). Two owners answer the question, so one short page is read; `undefined` until known or
 * when not `enabled`.
 */
export function useHasOtherActiveOwner(memberId: string, enabled: boolean): boolean | undefined {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  const query = useQuery({
    queryKey: workspaceKey(workspaceId, 'members', 'active-owners'),
    queryFn: async () => {
      const page = await platform.listMembers({
        cursor: null,
        limit: 2,
        q: null,
        role: 'owner',
        status: 'active',
        group_id: null,
        sort: 'name',
        order: 'asc',
      });
      return page.data.map((member) => member.id);
    },
    enabled,
  });
  return query.data?.some((id) => id !== memberId);
}
