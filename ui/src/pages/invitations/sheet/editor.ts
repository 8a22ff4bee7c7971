// What the sections of a sent invitation's sheet share: the invitation as shown, the ETag a change is made
// against, whether it can change at all, and where a 412 goes. Changes to its role and permissions go
// through `useInvitationPatch`, which, like a member's, hands a `precondition_failed` to the sheet's
// conflict dialog instead of showing it as an error.
import { useUpdateInvitation } from '../../../data/invitations';
import type { Invitation, InvitationPatch } from '../../../platform';
import { usePatch } from '../../members/sheet/editor';

export interface InvitationEditor {
  invitation: Invitation;
  /** The ETag of `invitation` as last read from the server ('' until the fresh read answers). */
  etag: string;
  /** Changes may be made now: the fresh ETag is known, no conflict is open, and the invitation is open. */
  ready: boolean;
  /** A change to the invitation was refused with 412; `base` is the invitation the user started from. */
  onConflict: (base: Invitation) => void;
}

/** A change to the invitation's role or grants (`usePatch`: a 412 goes to the conflict dialog). */
export function useInvitationPatch(editor: InvitationEditor) {
  return usePatch<Invitation, InvitationPatch>(useUpdateInvitation(), {
    base: editor.invitation,
    etag: editor.etag,
    onConflict: editor.onConflict,
  });
}
