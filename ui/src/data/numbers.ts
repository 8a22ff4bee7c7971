// Phone numbers: the whole list (an account holds hundreds, not tens of thousands), a search for pickers
// and quick look-ups, one number, and every change. A number's assignees are members (or invitations) seen
// from the number's side, so changes invalidate members and invitations as well.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { e164Digits } from '../format/phone';
import { usePlatform, type NumberPatch, type PhoneNumber, type Versioned } from '../platform';
import { invalidate, workspaceKey } from './keys';
import { MAX_PAGE, readAll } from './pages';
import { useWorkspaceId, writeMeta } from './workspace';

export const numberKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'numbers'),
  list: (workspaceId: string) => workspaceKey(workspaceId, 'numbers', 'list'),
  search: (workspaceId: string, q: string, limit: number) => workspaceKey(workspaceId, 'numbers', 'search', q, limit),
  detail: (workspaceId: string, id: string) => workspaceKey(workspaceId, 'numbers', 'detail', id),
};

/** Every number of the account. */
export function useNumbers() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: numberKeys.list(workspaceId),
    queryFn: () => readAll((cursor) => platform.listNumbers({ cursor, limit: MAX_PAGE, q: null, assigned: null })),
  });
}

/**
 * The first `limit` numbers matching `typed` (the number, its label or country), for a picker or a quick
 * look-up. The server matches the number's E.164 form as written, so a number typed in any format is sent
 * as its digits (`+64 9 555` → `649555`). While another search is answered, the previous answer stays
 * (`isPlaceholderData`).
 */
export function useNumberSearch(typed: string, { limit = 50, enabled = true } = {}) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  const q = e164Digits(typed) ?? typed.trim();
  return useQuery({
    queryKey: numberKeys.search(workspaceId, q, limit),
    queryFn: async () => (await platform.listNumbers({ cursor: null, limit, q: q === '' ? null : q, assigned: null })).data,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useNumber(id: string | null) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: numberKeys.detail(workspaceId, id ?? ''),
    queryFn: () => platform.getNumber(id ?? ''),
    enabled: id !== null,
  });
}

/**
 * Reads a number as the server holds it now, with its ETag, for a change made straight after (lists carry
 * no ETags). The caller decides on what this returns — who holds it now — not on an older list row.
 */
export function useReadNumber(): (id: string) => Promise<Versioned<PhoneNumber>> {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useCallback(
    (id: string) =>
      client.query({ queryKey: numberKeys.detail(workspaceId, id), queryFn: () => platform.getNumber(id), staleTime: 0 }),
    [client, platform, workspaceId],
  );
}

function useNumberWrite<Variables>(write: (variables: Variables) => Promise<Versioned<PhoneNumber>>) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: write,
    onSuccess: (number) => {
      client.setQueryData(numberKeys.detail(workspaceId, number.value.id), number);
      invalidate(client, workspaceId, ['numbers', 'members', 'me', 'invitations']);
    },
  });
}

export function useUpdateNumber() {
  const platform = usePlatform();
  return useNumberWrite(({ id, etag, patch }: { id: string; etag: string; patch: NumberPatch }) =>
    platform.updateNumber(id, etag, patch),
  );
}

/** Assigns a number to a member or invitation; the number's ETag comes from the list or `useNumber`. */
export function useAssignNumber() {
  const platform = usePlatform();
  return useNumberWrite(({ numberId, etag, principalId }: { numberId: string; etag: string; principalId: string }) =>
    platform.assignNumber(numberId, etag, principalId),
  );
}

export function useUnassignNumber() {
  const platform = usePlatform();
  return useNumberWrite(({ numberId, etag, principalId }: { numberId: string; etag: string; principalId: string }) =>
    platform.unassignNumber(numberId, etag, principalId),
  );
}
