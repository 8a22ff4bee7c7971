import { MutationObserver, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import { PlatformError } from '../platform';
import { createQueryClient, onSessionProblem, type SessionProblem } from './queryClient';

function watch() {
  const client = createQueryClient();
  const seen: SessionProblem[] = [];
  const stop = onSessionProblem(client, (problem) => seen.push(problem));
  return { client, seen, stop };
}

describe('the query client reports a lost session from any read or write', () => {
  it('a read answered signed_out names the workspace its key is for', async () => {
    const { client, seen } = watch();
    const observer = new QueryObserver(client, {
      queryKey: ['workspace', 'ws-2', 'members'],
      queryFn: () => Promise.reject(new PlatformError('signed_out', 'You’re signed out.')),
    });
    await observer.refetch();
    expect(seen).toEqual([{ code: 'signed_out', workspaceId: 'ws-2' }]);
  });

  it('a write answered signed_out names the workspace its meta is for', async () => {
    const { client, seen } = watch();
    const observer = new MutationObserver(client, {
      mutationFn: () => Promise.reject(new PlatformError('signed_out', 'You’re signed out.')),
      meta: { workspaceId: 'ws-3' },
    });
    await observer.mutate().catch(() => undefined);
    expect(seen).toEqual([{ code: 'signed_out', workspaceId: 'ws-3' }]);
  });

  it('a write without a workspace is reported for the current one, and no_workspace too', async () => {
    const { client, seen } = watch();
    const observer = new MutationObserver(client, {
      mutationFn: () => Promise.reject(new PlatformError('no_workspace', 'No workspace is open.')),
    });
    await observer.mutate().catch(() => undefined);
    expect(seen).toEqual([{ code: 'no_workspace', workspaceId: null }]);
  });

  it('other failures are left to the page that made the call', async () => {
    const { client, seen, stop } = watch();
    const observer = new MutationObserver(client, {
      mutationFn: () => Promise.reject(new PlatformError('precondition_failed', 'Someone else changed it.')),
      meta: { workspaceId: 'ws-1' },
    });
    await observer.mutate().catch(() => undefined);
    expect(seen).toEqual([]);
    stop();
  });
});
