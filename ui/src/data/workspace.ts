import type { MutationMeta } from '@tanstack/react-query';

import { useSession } from '../app/session';

/** The id of the open workspace, which every read and write of the data layer is keyed by. */
export function useWorkspaceId(): string {
  return useSession().workspace.id;
}

/** Marks a write with its workspace, so a `signed_out` answer sends the user to that workspace's sign-in. */
export function writeMeta(workspaceId: string): MutationMeta {
  return { workspaceId };
}
