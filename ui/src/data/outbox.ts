// Inviting through the outbox: what is queued for the open workspace, checking invitations against the
// server before they are queued, queueing them, fixing or dropping what the server refused, and
// following the background sender so the lists show what it did.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { usePlatform, type NewInvitation, type OutboxEntry, type OutboxEvent } from '../platform';
import { invalidate, workspaceKey } from './keys';
import { useWorkspaceId, writeMeta } from './workspace';

export const outboxKeys = {
  entries: (workspaceId: string) => workspaceKey(workspaceId, 'outbox'),
};

/** The open workspace's invitations not yet delivered (queued, or refused and waiting for the admin). */
export function useOutboxEntries() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: outboxKeys.entries(workspaceId),
    queryFn: () => platform.outboxEntries(),
  });
}

/** Asks the server whether each invitation could be sent now; nothing is created. */
export function useValidateInvitations() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: (invitations: NewInvitation[]) => platform.validateInvitations(invitations),
  });
}

function useOutboxWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: outboxKeys.entries(workspaceId) }),
  });
}

/** Queues invitations; they are kept on this computer when it resolves and sent in the background. */
export function useInvite() {
  const platform = usePlatform();
  return useOutboxWrite((invitations: NewInvitation[]) => platform.invite(invitations));
}

/** Edit and retry: a refused invitation, corrected, queued again. */
export function useRetryOutboxEntry() {
  const platform = usePlatform();
  return useOutboxWrite(({ id, invitation }: { id: string; invitation: NewInvitation }) =>
    platform.retryOutboxEntry(id, invitation),
  );
}

export function useDiscardOutboxEntry() {
  const platform = usePlatform();
  return useOutboxWrite((id: string) => platform.discardOutboxEntry(id));
}

/** How long events are gathered before the lists they change are read again (a bulk send is many). */
const SETTLE_MS = 200;

/**
 * Follows the background sender (mount once, in the app's frame): what it delivered or the server refused
 * is read again, a burst of events at a time; `onEvent` hears each event as it comes.
 */
export function useFollowOutbox(onEvent?: (event: OutboxEvent) => void): void {
  const platform = usePlatform();
  const client = useQueryClient();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  }, [onEvent]);
  useEffect(() => {
    const touched = new Map<string, boolean>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const settle = () => {
      timer = null;
      for (const [workspaceId, delivered] of touched) {
        void client.invalidateQueries({ queryKey: outboxKeys.entries(workspaceId) });
        // A delivered invitation is on the server now, with the numbers and groups it was given.
        if (delivered) invalidate(client, workspaceId, ['invitations', 'numbers', 'groups']);
      }
      touched.clear();
    };
    const stop = platform.watchOutbox((event) => {
      touched.set(event.workspace_id, (touched.get(event.workspace_id) ?? false) || event.kind === 'delivered');
      timer ??= setTimeout(settle, SETTLE_MS);
      handler.current?.(event);
    });
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [platform, client]);
}

/** How many of `entries` are still to be sent (not waiting for the admin). */
export function queuedCount(entries: readonly OutboxEntry[] | undefined): number {
  return entries?.filter((entry) => entry.state === 'queued').length ?? 0;
}
