// The invitation's link: until when it works, and Resend (a new link with a new expiry; the old link stops
// working) — or, once it is used or revoked, what became of it. Then Revoke, confirmed with what happens:
// the link stops working and the phone numbers it holds are let go (to reserve, unless someone else holds them).
import { UserRound } from 'lucide-react';
import { useState } from 'react';

import { useNavigation } from '../../../app/navigation';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SheetSection } from '../../../components/Sheet';
import { useResendInvitation, useRevokeInvitation } from '../../../data/invitations';
import { formatPhone } from '../../../format/phone';
import type { Invitation } from '../../../platform';
import { count } from '../../members/labels';
import { WriteAlert } from '../../members/sheet/WriteAlert';
import { formatMoment, isOpen } from '../rows';
import type { InvitationEditor } from './editor';

/** What revoking does to what the invitation holds. */
function revokeWords(invitation: Invitation): string {
  const { numbers, groups } = invitation;
  const held =
    numbers.length === 0
      ? 'It holds no phone numbers.'
      : // A shared number stays with whoever else holds it; only one held by nobody else is back in reserve.
        `It lets go of ${count(numbers.length, 'phone number', 'phone numbers')} (${numbers.map((n) => formatPhone(n.e164)).join(', ')}); a number no one else holds goes back to reserve.`;
  const left = groups.length === 0 ? '' : ` It’s taken out of ${groups.map((group) => group.name).join(', ')}.`;
  return `${held}${left}`;
}

function Fate({ invitation }: { invitation: Invitation }) {
  const { navigate } = useNavigation();
  if (invitation.status === 'accepted') {
    const memberId = invitation.member_id;
    return (
      <li className="sheet-row profile-action">
        <div className="profile-action-text">
          <strong>Accepted</strong>
          <span className="profile-action-detail">
            {invitation.email} joined on {formatMoment(invitation.updated_at)}, with what the invitation gave them.
          </span>
        </div>
        {memberId !== null && (
          <button
            type="button"
            className="btn btn-secondary btn-sm"
            onClick={() => navigate({ page: 'members', tab: 'members', open: memberId })}
          >
            <UserRound size={14} aria-hidden="true" />
            Open profile
          </button>
        )}
      </li>
    );
  }
  return (
    <li className="sheet-row profile-action">
      <div className="profile-action-text">
        <strong>Revoked</strong>
        <span className="profile-action-detail">
          Revoked on {formatMoment(invitation.updated_at)}; its link no longer works. Invite {invitation.email} again to
          send a new one.
        </span>
      </div>
    </li>
  );
}

export function LinkSection({ editor }: { editor: InvitationEditor }) {
  const { invitation } = editor;
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [resentUntil, setResentUntil] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const shown = { name: invitation.email, role: invitation.role };
  const open = isOpen(invitation.status);
  const expired = invitation.status === 'expired';

  return (
    <SheetSection title="Invitation link" testId="invitation-link">
      <ul className="sheet-rows">
        {open ? (
          <>
            <li className="sheet-row profile-action">
              <div className="profile-action-text">
                <strong data-testid="invitation-expiry">
                  {expired ? 'Expired' : 'Works until'} {formatMoment(invitation.expires_at)}
                </strong>
                <span className="profile-action-detail">
                  Resend emails a new link with a new expiry; the old link stops working.
                </span>
              </div>
              <button
                type="button"
                className="btn btn-secondary btn-sm"
                disabled={!editor.ready || resend.isPending}
                onClick={() => {
                  setResentUntil(null);
                  resend.mutate(invitation.id, { onSuccess: (sent) => setResentUntil(sent.value.expires_at) });
                }}
              >
                {resend.isPending ? 'Resending…' : 'Resend'}
              </button>
            </li>
            <li className="sheet-row profile-action">
              <div className="profile-action-text">
                <strong>Revoke</strong>
                <span className="profile-action-detail">The link stops working and its phone numbers are let go.</span>
              </div>
              <button
                type="button"
                className="btn btn-danger btn-sm"
                disabled={!editor.ready}
                onClick={() => {
                  revoke.reset();
                  setConfirming(true);
                }}
              >
                Revoke
              </button>
            </li>
          </>
        ) : (
          <Fate invitation={invitation} />
        )}
      </ul>
      {resentUntil !== null && (
        <p className="sheet-note invitation-resent" role="status">
          Sent again. The new link works until {formatMoment(resentUntil)}.
        </p>
      )}
      <WriteAlert error={resend.error} member={shown} self={false} onDismiss={() => resend.reset()} />
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={`Revoke the invitation to ${invitation.email}?`}
        confirmLabel="Revoke"
        pendingLabel="Revoking…"
        destructive
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate(invitation.id, { onSuccess: () => setConfirming(false) })}
        testId="revoke-dialog"
      >
        <div className="profile-dialog-body">
          <p>The link in the email stops working, so {invitation.email} can’t join with it.</p>
          <p>{revokeWords(invitation)}</p>
        </div>
      </ConfirmDialog>
    </SheetSection>
  );
}
