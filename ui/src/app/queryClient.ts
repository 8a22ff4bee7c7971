import { QueryClient } from '@tanstack/react-query';

/**
 * Server state lives in TanStack Query. Calls go over local IPC, so failures are shown at once with a
 * Retry button rather than retried silently; a desktop window regaining focus is not a reason to refetch.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
