// What every section of the profile sheet needs: the member as shown, the ETag a change is made against,
// what the signed-in user may do, and where a 412 goes. Member writes go through `useMemberPatch`, which
// sends the ETag from `useMember` and hands a `precondition_failed` to the sheet's conflict dialog
// instead of showing it as an error.
import { useState } from 'react';

import { useUpdateMember } from '../../../data/members';
import { hasCode, type Member, type MemberPatch } from '../../../platform';
import type { Access } from './access';

export interface MemberEditor {
  /** The member as the sheet shows it. */
  member: Member;
  /** The ETag of `member` as last read from the server ('' until the fresh read answers). */
  etag: string;
  /** Writes may be made: the fresh ETag is known and no conflict is open. */
  ready: boolean;
  access: Access;
  /** A write to the member was refused with 412; `base` is the member the user started from. */
  onMemberConflict: (base: Member) => void;
  /** A write to a number or group was refused with 412; `subject` names it ("+64 9 555 0100"). */
  onOtherConflict: (subject: string) => void;
}

/** Can the member's own fields be changed now (not only numbers and groups)? */
export function canEditFields(editor: MemberEditor): boolean {
  return editor.ready && editor.access.canManage && editor.access.fieldsLocked === null;
}

/** How a write ended: saved, refused (the error is shown), or handed to the conflict dialog. */
export type Outcome = 'saved' | 'failed' | 'conflict';

/**
 * A change to the member (role, grants, recording, status). A failure other than 412 is in `error`
 * (shown by the section that made it) until `dismiss` or the next run.
 */
export function useMemberPatch(editor: MemberEditor) {
  const update = useUpdateMember();
  const [error, setError] = useState<Error | null>(null);
  const run = async (patch: MemberPatch): Promise<Outcome> => {
    const base = editor.member;
    setError(null);
    try {
      await update.mutateAsync({ id: base.id, etag: editor.etag, patch });
      return 'saved';
    } catch (caught) {
      if (hasCode(caught, 'precondition_failed')) {
        editor.onMemberConflict(base);
        return 'conflict';
      }
      setError(caught instanceof Error ? caught : new Error(String(caught)));
      return 'failed';
    }
  };
  return {
    run,
    pending: update.isPending,
    /** The patch being saved, while it is. */
    saving: update.isPending ? update.variables.patch : null,
    error,
    dismiss: () => setError(null),
  };
}
