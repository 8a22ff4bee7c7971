import type { QueryClient } from '@tanstack/react-query';

// Query keys. Everything read from a workspace starts with `['workspace', id]`, so switching workspace
// refetches it all, signing out drops it all, and the query cache's error handler knows which workspace a
// failed read was for. Each resource's factory lives in its own module (members.ts, groups.ts, …) and
// builds on `workspaceKey`; components never build keys themselves.

/** The list of workspaces on this computer and which one is open (not per workspace). */
export const WORKSPACES_QUERY_KEY = ['workspaces'] as const;

/** The root of every key read from one workspace. */
export function workspaceKey(workspaceId: string, ...rest: unknown[]): unknown[] {
  return ['workspace', workspaceId, ...rest];
}

/** The resources read from a workspace; each is the second element of its keys. */
export type Resource =
  | 'me'
  | 'members'
  | 'invitations'
  | 'groups'
  | 'numbers'
  | 'configuration'
  | 'provisioning'
  | 'audit'
  | 'roles';

/**
 * Marks what a write changed as stale, so whatever shows it reads it again. Every write changes the
 * activity log, so `audit` is always included.
 */
export function invalidate(client: QueryClient, workspaceId: string, resources: readonly Resource[]): void {
  for (const resource of new Set<Resource>([...resources, 'audit'])) {
    void client.invalidateQueries({ queryKey: workspaceKey(workspaceId, resource) });
  }
}
