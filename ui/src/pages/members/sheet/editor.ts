// What every section of the profile sheet needs: the member as shown, the ETag a change is made against,
// what the signed-in user may do, and where a 412 goes. Member writes go through `useMemberPatch`, which
// sends the ETag from `useMember` and hands a `precondition_failed` to the sheet's conflict dialog
// instead of showing it as an error.
import { useState } from 'react';

import { useUpdateMember } from '../../../data/members';
import { hasCode, type GroupRef, type Member, type MemberPatch, type NumberRef, type Role } from '../../../platform';
import type { Access } from './access';

/**
 * What the phone numbers and groups sections need of whoever they show: a member, or an open invitation
 * (numbers and groups are given to either by id; an invitation is named by its email). A `MemberEditor`
 * is one.
 */
export interface HolderEditor {
  member: { id: string; name: string; role?: Role | undefined; numbers: readonly NumberRef[]; groups: readonly GroupRef[] };
  /** Changes may be made now. */
  ready: boolean;
  access: Pick<Access, 'canManage' | 'self'>;
  /** A write to a number or group was refused with 412; `subject` names it ("+64 9 555 0100"). */
  onOtherConflict: (subject: string) => void;
}

export interface MemberEditor extends HolderEditor {
  /** The member as the sheet shows it. */
  member: Member;
  /** The ETag of `member` as last read from the server ('' until the fresh read answers). */
  etag: string;
  /** Writes may be made: the fresh ETag is known and no conflict is open. */
  ready: boolean;
  access: Access;
  /** A write to the member was refused with 412; `base` is the member the user started from. */
  onMemberConflict: (base: Member) => void;
}

/** Can the member's own fields be changed now (not only numbers and groups)? */
export function canEditFields(editor: MemberEditor): boolean {
  return editor.ready && editor.access.canManage && editor.access.fieldsLocked === null;
}

/** How a write ended: saved, refused (the error is shown), or handed to the conflict dialog. */
export type Outcome = 'saved' | 'failed' | 'conflict';

/** A write of a patch to one resource, made against its ETag (`useUpdateMember`, `useUpdateInvitation`). */
export interface PatchWrite<Patch> {
  mutateAsync: (variables: { id: string; etag: string; patch: Patch }) => Promise<unknown>;
  isPending: boolean;
  variables: { patch: Patch } | undefined;
}

/**
 * A change to what a sheet shows (`base`, read with `etag`): a 412 goes to `onConflict` with what the user
 * started from; any other failure is in `error` (shown by the section that made it) until `dismiss` or
 * the next run.
 */
export function usePatch<Shown extends { id: string }, Patch>(
  write: PatchWrite<Patch>,
  { base, etag, onConflict }: { base: Shown; etag: string; onConflict: (base: Shown) => void },
) {
  const [error, setError] = useState<Error | null>(null);
  const run = async (patch: Patch): Promise<Outcome> => {
    const started = base;
    setError(null);
    try {
      await write.mutateAsync({ id: started.id, etag, patch });
      return 'saved';
    } catch (caught) {
      if (hasCode(caught, 'precondition_failed')) {
        onConflict(started);
        return 'conflict';
      }
      setError(caught instanceof Error ? caught : new Error(String(caught)));
      return 'failed';
    }
  };
  return {
    run,
    pending: write.isPending,
    /** The patch being saved, while it is. */
    saving: write.isPending ? (write.variables?.patch ?? null) : null,
    error,
    dismiss: () => setError(null),
  };
}

/** A change to the member (role, grants, recording, status). */
export function useMemberPatch(editor: MemberEditor) {
  return usePatch<Member, MemberPatch>(useUpdateMember(), {
    base: editor.member,
    etag: editor.etag,
    onConflict: editor.onMemberConflict,
  });
}
