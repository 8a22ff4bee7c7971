// The amber line under the top bar while the workspace's server can't be reached, with how many invites wait.
import { CloudOff } from 'lucide-react';

import type { Connection } from './session';

export function offlineMessage(queued: number): string {
  if (queued === 0) return 'Can’t reach the server — what you see may be out of date, and changes can’t be saved until it’s back.';
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
