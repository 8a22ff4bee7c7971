// Follows the outbox's sender for the frame (mounted once, on every page): the lists read again what it
// delivered or the server refused, and a toast says when invites were delivered — one per burst of
// deliveries (a bulk send is many), naming the person when it was one invite, and the workspace when it
// isn't the open one. Deliveries the Send step shows as they happen get no toast.
import { useCallback, useEffect, useRef } from 'react';

import { useToast, type ToastMessage } from '../components/Toast';
import { isDeliveryOnScreen, useFollowOutbox } from '../data/outbox';
import { usePlatform, type OutboxEvent } from '../platform';
import { useSession } from './session';

/** Deliveries this close together make one toast. */
const QUIET_MS = 400;

/** What a burst of deliveries to one workspace says; `workspace` is named when it isn't the open one. */
export function deliveredToast(emails: readonly (string | null)[], workspace: string | null): ToastMessage {
  const [only] = emails;
  const title =
    emails.length === 1 && only !== null && only !== undefined
      ? `Invitation to ${only} delivered`
      : `${emails.length.toLocaleString()} queued ${emails.length === 1 ? 'invite' : 'invites'} delivered`;
  return { title, description: workspace === null ? undefined : `In ${workspace}`, tone: 'success' };
}

export function DeliveryToasts() {
  const show = useToast();
  const platform = usePlatform();
  const { workspace, workspaces } = useSession();
  // The names as they are when a burst ends, without following the sender again when they change.
  const names = useRef({ open: workspace.id, all: new Map<string, string>() });
  useEffect(() => {
    names.current = { open: workspace.id, all: new Map(workspaces.map((item) => [item.id, item.name])) };
  }, [workspace.id, workspaces]);
  const burst = useRef(new Map<string, { id: string; email: string | null }[]>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const onEvent = useCallback(
    (event: OutboxEvent) => {
      if (event.kind !== 'delivered') return;
      burst.current.set(event.workspace_id, [...(burst.current.get(event.workspace_id) ?? []), { id: event.entry_id, email: event.email }]);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        const { open, all } = names.current;
        for (const [workspaceId, delivered] of burst.current) {
          // Asked when the burst ends, not as each event comes: the Send step may mark its entries on screen
          // only after the first of them was already delivered.
          const emails = delivered.filter((entry) => !isDeliveryOnScreen(platform, entry.id)).map((entry) => entry.email);
          if (emails.length === 0) continue;
          show(deliveredToast(emails, workspaceId === open ? null : (all.get(workspaceId) ?? 'another workspace')));
        }
        burst.current.clear();
      }, QUIET_MS);
    },
    [show, platform],
  );
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  useFollowOutbox(onEvent);
  return null;
}
