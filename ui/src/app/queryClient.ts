import { MutationCache, QueryCache, QueryClient, type Mutation, type Query } from '@tanstack/react-query';

import { PlatformError } from '../platform';

/** A read or write found the session gone (`signed_out`) or no workspace open (`no_workspace`). */
export interface SessionProblem {
  code: 'signed_out' | 'no_workspace';
  /** The workspace the failed call was for: a query's key says so, a write's `meta.workspaceId` does. */
  workspaceId: string | null;
}

type Listener = (problem: SessionProblem) => void;

const listeners = new WeakMap<QueryClient, Set<Listener>>();

/**
 * Calls `listener` whenever any query or mutation of `client` fails with `signed_out` or `no_workspace`;
 * returns the unsubscribe function. The session gate is the one listener: it shows the sign-in screen of
 * that workspace, so no page handles a lost session itself.
 */
export function onSessionProblem(client: QueryClient, listener: Listener): () => void {
  let set = listeners.get(client);
  if (set === undefined) {
    set = new Set();
    listeners.set(client, set);
  }
  set.add(listener);
  return () => set.delete(listener);
}

/** The workspace a query reads from (its key starts `['workspace', id]`), if any. */
export function workspaceOfQuery(query: Pick<Query, 'queryKey'>): string | null {
  const [scope, workspaceId] = query.queryKey;
  return scope === 'workspace' && typeof workspaceId === 'string' ? workspaceId : null;
}

/** The workspace a write was for (`writeMeta`), if it says. */
export function workspaceOfMutation(mutation: Pick<Mutation, 'meta'>): string | null {
  const workspaceId = mutation.meta?.['workspaceId'];
  return typeof workspaceId === 'string' ? workspaceId : null;
}

/**
 * Server state lives in TanStack Query. Calls go over local IPC, so failures are shown at once with a
 * Retry button rather than retried silently; a desktop window regaining focus is not a reason to refetch.
 */
export function createQueryClient(): QueryClient {
  const report = (error: unknown, workspaceId: string | null) => {
    if (!(error instanceof PlatformError)) return;
    if (error.code !== 'signed_out' && error.code !== 'no_workspace') return;
    for (const listener of listeners.get(client) ?? []) listener({ code: error.code, workspaceId });
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => report(error, workspaceOfQuery(query)) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => report(error, workspaceOfMutation(mutation)),
    }),
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return client;
}
