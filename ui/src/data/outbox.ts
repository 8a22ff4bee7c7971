// Inviting through the outbox: what is queued for the open workspace, checking invitations against the
// server before they are queued, queueing them, fixing or dropping what the server refused, and
// following the background sender so the lists show what it did.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import {
  usePlatform,
  type NewInvitation,
  type Platform,
  type OutboxEntry,
  type OutboxEvent,
  type ValidationResult,
} from '../platform';
import { invalidate, workspaceKey } from './keys';
import { LOCAL_READ, useWorkspaceId, writeMeta } from './workspace';

export const outboxKeys = {
  entries: (workspaceId: string) => workspaceKey(workspaceId, 'outbox'),
};

/** The open workspace's invitations not yet delivered (queued, or refused and waiting for the admin). */
export function useOutboxEntries() {
  return useWorkspaceOutbox(useWorkspaceId());
}

/**
 * `useOutboxEntries` for code above the session (which names the workspace itself). `workspaceId` must be
 * the open workspace's: the backend lists only its entries.
 */
export function useWorkspaceOutbox(workspaceId: string) {
  const platform = usePlatform();
  return useQuery({
    queryKey: outboxKeys.entries(workspaceId),
    queryFn: () => platform.outboxEntries(),
    meta: LOCAL_READ,
  });
}

/** The most invitations the server checks in one request. */
export const VALIDATE_BATCH = 100;

/**
 * Asks the server whether each invitation could be sent now; nothing is created. A longer list (a CSV
 * file) is asked about a batch at a time, and the answers come back in the order of `invitations`.
 */
export function useValidateInvitations() {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: async (invitations: NewInvitation[]): Promise<ValidationResult> => {
      const results: ValidationResult['results'] = [];
      for (let start = 0; start < invitations.length; start += VALIDATE_BATCH) {
        const answer = await platform.validateInvitations(invitations.slice(start, start + VALIDATE_BATCH));
        results.push(...answer.results);
      }
      return { results };
    },
  });
}

function useOutboxWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    // Queueing, fixing and dropping are done on this computer: the server hears of them from the sender.
    meta: writeMeta(workspaceId, { local: true }),
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

type OutboxListener = (event: OutboxEvent) => void;

/** The entries whose delivery a screen shows as it happens (Send invitation's progress), per platform. */
const onScreen = new WeakMap<Platform, Map<string, number>>();

/**
 * Marks `entryIds` as shown on screen while the calling component is mounted, so no toast repeats what the
 * screen already says; once it closes, later deliveries are announced as usual.
 */
export function useShowingDeliveries(entryIds: readonly string[]): void {
  const platform = usePlatform();
  const key = entryIds.join('\n');
  useEffect(() => {
    let counts = onScreen.get(platform);
    if (counts === undefined) {
      counts = new Map();
      onScreen.set(platform, counts);
    }
    const shown = counts;
    const ids = key === '' ? [] : key.split('\n');
    for (const id of ids) shown.set(id, (shown.get(id) ?? 0) + 1);
    return () => {
      for (const id of ids) {
        const left = (shown.get(id) ?? 1) - 1;
        if (left === 0) shown.delete(id);
        else shown.set(id, left);
      }
    };
  }, [platform, key]);
}

/** Whether a screen is showing this entry's delivery as it happens. */
export function isDeliveryOnScreen(platform: Platform, entryId: string): boolean {
  return onScreen.get(platform)?.has(entryId) ?? false;
}

/** Who follows the sender, per platform. */
const followers = new WeakMap<Platform, Set<OutboxListener>>();

/**
 * Calls `listener` with each of the sender's events; returns the unsubscribe. The platform is asked once
 * and its events handed to every follower, since the app keeps every channel it is ever given.
 */
export function followOutbox(platform: Platform, listener: OutboxListener): () => void {
  let listeners = followers.get(platform);
  if (listeners === undefined) {
    const created = new Set<OutboxListener>();
    followers.set(platform, created);
    platform.watchOutbox((event) => {
      for (const follower of [...created]) follower(event);
    });
    listeners = created;
  }
  const set = listeners;
  set.add(listener);
  return () => {
    set.delete(listener);
  };
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
    const stop = followOutbox(platform, (event) => {
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

/** Where invitations queued together stand: delivered, still to be sent, or refused by the server. */
export interface Delivery {
  total: number;
  delivered: number;
  /** Still queued; those with attempts behind them are waiting for the server (`last_error` says why). */
  queued: OutboxEntry[];
  /** Refused by the server and waiting for the admin, with its reason in `last_error`. */
  refused: OutboxEntry[];
}

/**
 * What became of `sent` (what `invite` answered), from the outbox as read since: an entry no longer there
 * was delivered (the outbox removes an entry only once the server has it). `current` must have been read
 * after `sent` was queued — `useInvite` reads the entries again before it resolves — or be undefined
 * while it is read, when everything counts as queued.
 */
export function deliveryOf(sent: readonly OutboxEntry[], current: readonly OutboxEntry[] | undefined): Delivery {
  const now = new Map((current ?? sent).map((entry) => [entry.id, entry]));
  const queued: OutboxEntry[] = [];
  const refused: OutboxEntry[] = [];
  for (const entry of sent) {
    const held = now.get(entry.id);
    if (held?.state === 'queued') queued.push(held);
    else if (held?.state === 'needs_attention') refused.push(held);
  }
  return { total: sent.length, delivered: sent.length - queued.length - refused.length, queued, refused };
}
