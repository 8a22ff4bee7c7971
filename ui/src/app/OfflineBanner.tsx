// The line under the top bar about the invites that wait in the outbox: amber while the workspace's server
// can't be reached, with how many wait; while it can, the progress of a send that takes a moment (a bulk
// invite), counting down.
import { CloudOff, LoaderCircle } from 'lucide-react';
import { useState } from 'react';

import { queuedCount, useOutboxEntries } from '../data/outbox';
import type { Connection } from './session';
import { useDebounced } from './useDebounced';

/** A send that ends sooner shows no banner at all (one invite usually takes a fraction of this). */
const SHOW_SENDING_AFTER_MS = 600;

export function offlineMessage(queued: number): string {
  if (queued === 0) return 'Can’t reach the server — what you see may be out of date. Invites are kept and sent when it’s back; other changes can’t be saved until then.';
  const invites = queued === 1 ? '1 invite queued — it will' : `${queued.toLocaleString()} invites queued — they will`;
  return `${invites} be sent when you’re back online.`;
}

/** `queued` still to send of the `batch` queued since the outbox was last empty. */
export function sendingMessage(queued: number, batch: number): string {
  const total = Math.max(queued, batch);
  const invites = total === 1 ? '1 invite' : `${total.toLocaleString()} invites`;
  const sent = total - queued;
  return sent > 0 ? `Sending ${invites}… ${sent.toLocaleString()} sent` : `Sending ${invites}…`;
}

export function OfflineBanner({ connection }: { connection: Connection }) {
  const queued = queuedCount(useOutboxEntries().data);
  // Whether invites have waited a while (a boolean, which stays put while the count moves).
  const lasting = useDebounced(queued > 0, SHOW_SENDING_AFTER_MS);
  // The most queued at once since the outbox was last empty: what the progress counts towards.
  const [batch, setBatch] = useState(queued);
  if (queued === 0 ? batch !== 0 : queued > batch) setBatch(queued);

  if (connection.state === 'offline') {
    return (
      <div className="banner banner-warning" role="status">
        <CloudOff size={14} aria-hidden="true" />
        <span>{offlineMessage(connection.queued)}</span>
      </div>
    );
  }
  if (queued === 0 || !lasting) return null;
  return (
    <div className="banner banner-progress" role="status" data-testid="sending-banner">
      <LoaderCircle size={14} className="spin" aria-hidden="true" />
      <span className="tabular">{sendingMessage(queued, batch)}</span>
    </div>
  );
}
