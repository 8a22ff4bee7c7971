// Small pieces the Invitations list and sheets share: the state badge, the inviter's name, the sheet's mark.
import { AlertCircle, Clock, Mail } from 'lucide-react';

import { useMember } from '../../data/members';
import { hasCode } from '../../platform';
import { STATE_LABELS, type InvitationState } from './rows';

/** The state as a small badge; the two that wait on this computer carry an icon besides their colour. */
export function InvitationStateBadge({ state }: { state: InvitationState }) {
  return (
    <span className={`badge badge-invitation-${state}`}>
      {state === 'queued' && <Clock size={12} aria-hidden="true" />}
      {state === 'needs_attention' && <AlertCircle size={12} aria-hidden="true" />}
      {STATE_LABELS[state]}
    </span>
  );
}

/** Who sent it, by name, read from the team (a team has few inviters, each read once). */
export function InviterName({ id, className }: { id: string; className?: string | undefined }) {
  const member = useMember(id);
  if (member.data !== undefined) return <span className={className}>{member.data.value.name}</span>;
  return (
    <span className={`${className ?? ''} cell-muted`}>{hasCode(member.error, 'not_found') ? 'A former member' : '…'}</span>
  );
}

/** What leads an invitation's sheet header, where a member's has their avatar. */
export function InvitationMark() {
  return (
    <span className="sheet-icon" aria-hidden="true">
      <Mail size={20} />
    </span>
  );
}
