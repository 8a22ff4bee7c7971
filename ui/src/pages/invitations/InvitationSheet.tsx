// An invitation in the side sheet the members have (~480 px from the right; Esc closes). A sent one shows
// its role, permissions, phone numbers and groups — all editable while it is open (pending or expired),
// and carried over when it is accepted — its link with Resend, and Revoke. Changes are made against the
// ETag of a fresh read; a 412 opens the conflict dialog. An invite still in the outbox opens the outbox
// entry's sheet (OutboxEntrySheet.tsx), which goes on saying what became of it once it leaves the outbox.
import { AlertCircle } from 'lucide-react';
import { useState } from 'react';

import { ConflictDialog, useConflict } from '../../components/ConflictDialog';
import { LoadAlert } from '../../components/LoadError';
import { Sheet, SheetHeader, SheetLoading } from '../../components/Sheet';
import { useInvitation, useReloadInvitation } from '../../data/invitations';
import { hasCode, type Invitation } from '../../platform';
import { RoleBadge } from '../members/badges';
import type { HolderEditor } from '../members/sheet/editor';
import { GroupsSection } from '../members/sheet/GroupsSection';
import { NumbersSection } from '../members/sheet/NumbersSection';
import { OutboxEntrySheet } from './OutboxEntrySheet';
import { InvitationMark, InvitationStateBadge, InviterName } from './parts';
import { formatDay, isOpen, type InvitationRow } from './rows';
import { InvitationPermissionsSection, InvitationRoleSection } from './sheet/AccessSections';
import { invitationDifferences } from './sheet/conflict';
import type { InvitationEditor } from './sheet/editor';
import { LinkSection } from './sheet/LinkSection';

function SentBody({ id, row }: { id: string; row: Invitation | undefined }) {
  const fresh = useInvitation(id, row);
  const reload = useReloadInvitation();
  const conflicts = useConflict<Invitation>({
    refetch: () => fresh.refetch().then((result) => result.data?.value),
    differences: invitationDifferences,
    reload,
    keptEditing: (subject) =>
      `Your change to ${subject} wasn’t saved. The sheet now shows what’s saved; make it again if it’s still needed.`,
  });

  const invitation = conflicts.pinned ?? fresh.data?.value;
  if (invitation === undefined) {
    if (!fresh.isError) return <SheetLoading title="Loading invitation…" />;
    const missing = hasCode(fresh.error, 'not_found');
    return (
      <>
        <SheetHeader title={missing ? 'Invitation not found' : 'Couldn’t open this invitation'} />
        <LoadAlert placement="sheet" onRetry={missing ? undefined : () => void fresh.refetch()}>
          {missing ? 'This invitation no longer exists.' : fresh.error.message}
        </LoadAlert>
      </>
    );
  }

  const loaded = fresh.data !== undefined && !fresh.isPlaceholderData && fresh.data.etag !== '';
  const gone = hasCode(fresh.error, 'not_found');
  const open = isOpen(invitation.status);
  const ready = loaded && !gone && !conflicts.active && open;
  const subject = `the invitation to ${invitation.email}`;
  const editor: InvitationEditor = {
    invitation,
    etag: loaded ? fresh.data.etag : '',
    ready,
    onConflict: (base) => conflicts.onConflict(subject, base),
  };
  // Numbers and groups are given to an open invitation as to a member, by its id.
  const holder: HolderEditor = {
    member: { id: invitation.id, name: invitation.email, role: invitation.role, numbers: invitation.numbers, groups: invitation.groups },
    ready,
    access: { canManage: open, self: false },
    onOtherConflict: conflicts.onOtherConflict,
  };
  const inviter = invitation.invited_by;

  return (
    <>
      <SheetHeader
        leading={<InvitationMark />}
        title={invitation.email}
        description={
          <>
            {inviter === null ? 'Invited' : <>Invited by <InviterName id={inviter} /></>} · sent{' '}
            {formatDay(invitation.created_at)}
          </>
        }
        badges={
          <>
            <RoleBadge role={invitation.role} />
            <InvitationStateBadge state={invitation.status} />
          </>
        }
      />
      {fresh.isError && (
        <LoadAlert placement="sheet" onRetry={gone ? undefined : () => void fresh.refetch()}>
          {gone
            ? 'This invitation no longer exists, so nothing here can be changed.'
            : `Showing what the list loaded, so nothing can be changed yet: ${fresh.error.message}`}
        </LoadAlert>
      )}
      {open && (
        <p className="sheet-note" data-testid="invitation-carry-over">
          The role, permissions, phone numbers and groups set here carry over when {invitation.email} accepts.
        </p>
      )}
      {conflicts.notice !== null && (
        <div className="alert alert-warning sheet-alert" role="status">
          <AlertCircle size={16} aria-hidden="true" />
          <p>{conflicts.notice}</p>
        </div>
      )}
      <LinkSection editor={editor} />
      <InvitationRoleSection editor={editor} />
      <InvitationPermissionsSection editor={editor} />
      <NumbersSection editor={holder} />
      <GroupsSection editor={holder} />
      <ConflictDialog {...conflicts.dialog} />
    </>
  );
}

/**
 * What the sheet opened for `id` shows: a sent invitation, or an outbox entry. An entry leaves the list
 * when it is delivered; the sheet keeps the entry it last saw, to say so rather than go blank.
 */
function Body({
  id,
  row,
  onClose,
  onOpenOther,
}: {
  id: string;
  row: InvitationRow | undefined;
  onClose: () => void;
  onOpenOther: (id: string) => void;
}) {
  const [seen, setSeen] = useState(row);
  if (row !== undefined && row !== seen) setSeen(row);
  const shown = row ?? seen;
  if (shown?.kind === 'outbox') {
    return (
      <OutboxEntrySheet
        entry={row?.kind === 'outbox' ? row.entry : null}
        last={shown.entry}
        onClose={onClose}
        onOpenOther={onOpenOther}
      />
    );
  }
  return <SentBody id={id} row={shown?.invitation} />;
}

/**
 * The sheet of the invitation or outbox entry `id`; `row` is the list's copy. `ready`: the list has read
 * both the server's invitations and the outbox, so a row that isn't there is known not to be.
 */
export function InvitationSheet({
  id,
  row,
  ready,
  onOpenChange,
  onOpenOther,
}: {
  id: string | null;
  row: InvitationRow | undefined;
  ready: boolean;
  onOpenChange: (open: boolean) => void;
  /** Opens another row's sheet instead (a delivered entry's invitation). */
  onOpenOther: (id: string) => void;
}) {
  return (
    <Sheet open={id !== null} onOpenChange={onOpenChange} testId="invitation-sheet">
      {id !== null &&
        (ready ? (
          <Body key={id} id={id} row={row} onClose={() => onOpenChange(false)} onOpenOther={onOpenOther} />
        ) : (
          <SheetLoading title="Loading invitation…" />
        ))}
    </Sheet>
  );
}
