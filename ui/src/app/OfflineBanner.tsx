// The amber line under the top bar while the workspace cannot be reached, with how many invites wait.
import { CloudOff } from 'lucide-react';

import type { Connection } from './session';

export function offlineMessage(queued: number): string {
  if (queued === 0) return 'You’re offline — Switchboard will reconnect when the network is back.';
  const invites = queued === 1 ? '1 invite queued — it will' : `${queued.toLocaleString()} invites queued — they will`;
  return `${invites} be sent when you’re back online.`;
}

export function OfflineBanner({ connection }: { connection: Connection }) {
  if (connection.state !== 'offline') return null;
  return (
    <div className="banner banner-warning" role="status">
      <CloudOff size={14} aria-hidden="true" />
      <span>{offlineMessage(connection.queued)}</span>
    </div>
  );
}
