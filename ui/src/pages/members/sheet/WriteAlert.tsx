// A change that failed, said inside the sheet beside the control that made it. The server's words are
// shown as they come, except for the refusals the profile can explain better in the user's terms.
import { AlertCircle, X } from 'lucide-react';

import { hasCode } from '../../../platform';
import { lastOwnerReason, MAKE_OWNER_ONLY, MANAGERS_ONLY, OWNER_ONLY } from './access';
import type { HolderEditor } from './editor';

/** Whom a change was about: a member, or an invitation named by its email. */
type Shown = Pick<HolderEditor['member'], 'name' | 'role'>;

/** What went wrong, for `member` (or an invitation), seen by someone who is (`self`) or isn't that member. */
export function explain(error: Error, member: Shown, self: boolean): string {
  if (hasCode(error, 'last_owner')) return lastOwnerReason(member, self);
  if (hasCode(error, 'cannot_remove_self')) return 'You can’t remove yourself. Another owner or admin can remove you.';
  if (hasCode(error, 'recording_enforced_by_policy')) {
    return 'The account’s configuration decides this recording setting now, so it can’t be changed for one person.';
  }
  if (hasCode(error, 'forbidden')) {
    return member.role === 'owner' ? OWNER_ONLY : `${MAKE_OWNER_ONLY} ${MANAGERS_ONLY}`;
  }
  return error.message;
}

export function explained(error: Error | null, member: Shown, self: boolean): Error | null {
  return error === null ? null : new Error(explain(error, member, self));
}

export function WriteAlert({
  error,
  member,
  self,
  onDismiss,
}: {
  error: Error | null;
  member: Shown;
  self: boolean;
  onDismiss: () => void;
}) {
  if (error === null) return null;
  return (
    <div className="alert alert-danger sheet-alert profile-alert" role="alert">
      <AlertCircle size={16} aria-hidden="true" />
      <p>{explain(error, member, self)}</p>
      <button type="button" className="btn btn-ghost icon-btn profile-alert-close" aria-label="Dismiss" onClick={onDismiss}>
        <X size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
