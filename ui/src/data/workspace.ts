import type { MutationMeta, QueryMeta } from '@tanstack/react-query';

import { useSession } from '../app/session';

/** The id of the open workspace, which every read and write of the data layer is keyed by. */
export function useWorkspaceId(): string {
  return useSession().workspace.id;
}

/**
 * Marks a write with its workspace, so a `signed_out` answer sends the user to that workspace's sign-in;
 * `local` marks one this computer carries out without asking the server (queueing an invite).
 */
export function writeMeta(workspaceId: string, { local = false } = {}): MutationMeta {
  return local ? { workspaceId, local } : { workspaceId };
}

/** Marks a read this computer answers (the outbox on disk), which says nothing about the server. */
export const LOCAL_READ: QueryMeta = { local: true };

/** Whether a read or write was answered on this computer (`writeMeta`'s `local`, `LOCAL_READ`). */
export function isLocal(meta: Record<string, unknown> | undefined): boolean {
  return meta?.['local'] === true;
}
