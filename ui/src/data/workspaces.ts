// The workspaces on this computer: which one is open, switching, signing in and out. These are not keyed
// by a workspace (they choose one); the one list lives under `WORKSPACES_QUERY_KEY`.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';

import {
  hasCode,
  usePlatform,
  type Platform,
  type Preferences,
  type SignInRequest,
  type WorkspaceState,
} from '../platform';
import { WORKSPACES_QUERY_KEY, workspaceKey } from './keys';

export function useWorkspaceState() {
  const platform = usePlatform();
  return useQuery({
    queryKey: WORKSPACES_QUERY_KEY,
    queryFn: () => platform.workspaces(),
    // Only this window changes it, and it does so through the mutations below.
    staleTime: Infinity,
  });
}

async function switchTo(platform: Platform, client: QueryClient, workspaceId: string): Promise<WorkspaceState> {
  try {
    const next = await platform.switchWorkspace(workspaceId);
    client.setQueryData(WORKSPACES_QUERY_KEY, next);
    return next;
  } catch (error) {
    // Gone meanwhile: show the list as it is now (the caller says so).
    if (hasCode(error, 'workspace_not_found')) void client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
    throw error;
  }
}

/** Makes another workspace current. Every read is keyed by workspace, so the pages show its data. */
export function useSwitchWorkspace() {
  const platform = usePlatform();
  const client = useQueryClient();
  return useMutation({ mutationFn: (workspaceId: string) => switchTo(platform, client, workspaceId) });
}

/**
 * Signs out of a workspace: its credential leaves the keychain and its data leaves the cache; the next
 * workspace (if any) becomes current.
 */
export function useSignOut() {
  const platform = usePlatform();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (workspaceId: string) => {
      let next: WorkspaceState;
      try {
        next = await platform.signOut(workspaceId);
      } catch (error) {
        // Already forgotten: that is what signing out wanted.
        if (!hasCode(error, 'workspace_not_found')) throw error;
        next = await platform.workspaces();
      }
      const remaining = next.workspaces[0];
      if (next.current === null && remaining !== undefined) next = await platform.switchWorkspace(remaining.id);
      client.setQueryData(WORKSPACES_QUERY_KEY, next);
      // Nothing of the workspace may stay. Its reads are dropped once the pages have moved on to the
      // next workspace: a component still showing this one (the sign-out dialog reads its queue) would
      // otherwise read again at once what was just dropped, and keep it under this workspace's key.
      await client.cancelQueries({ queryKey: workspaceKey(workspaceId) });
      await new Promise((resolve) => setTimeout(resolve, 0));
      client.removeQueries({ queryKey: workspaceKey(workspaceId) });
      return next;
    },
  });
}

/**
 * Signs in (to a server, or to the local workspace), then reads the workspace list again and drops any
 * data cached for `ended` — the workspace whose session had ended, if that is why the user signed in.
 */
export function useEnterWorkspace() {
  const platform = usePlatform();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ signIn, ended }: { signIn: SignInRequest | 'local'; ended: string | null }) => {
      const workspace = signIn === 'local' ? await platform.openLocalWorkspace() : await platform.signIn(signIn);
      await client.invalidateQueries({ queryKey: WORKSPACES_QUERY_KEY });
      if (ended !== null) client.removeQueries({ queryKey: workspaceKey(ended) });
      return workspace;
    },
  });
}

/** Keeps the app's preferences in the core; the answer is the state with them. */
export function useSetPreferences() {
  const platform = usePlatform();
  const client = useQueryClient();
  return useMutation({
    // One save at a time, in order: a quick Light → Dark must not end with Light saved last.
    scope: { id: 'preferences' },
    mutationFn: (preferences: Preferences) => platform.setPreferences(preferences),
    onSuccess: (next) => client.setQueryData(WORKSPACES_QUERY_KEY, next),
  });
}

/**
 * Remembers the page the user is on in a workspace, for the next launch. It changes nothing the UI has
 * read (the workspace list is read again at launch and on switching), so no cache is touched; a failure
 * only costs opening on Home next time.
 */
export function useRememberPage() {
  const platform = usePlatform();
  return useMutation({
    // In order: a quick Members → Numbers must not end with Members written last.
    scope: { id: 'remember-page' },
    mutationFn: ({ workspaceId, page }: { workspaceId: string; page: string }) =>
      platform.rememberPage(workspaceId, page),
    onError: (error) => {
      console.warn('Could not remember the page:', error);
    },
  });
}
