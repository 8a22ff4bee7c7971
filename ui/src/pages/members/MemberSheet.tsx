// A member's profile in a side sheet (~480 px from the right, so the list stays in view; Esc closes):
// header, role, permissions, phone numbers, groups, call recording and the danger zone, each section in
// ./sheet/. It shows the list's row at once and refreshes it with `get_member`; changes wait for that
// fresh read, whose ETag they are made against. A change refused with 412 opens the conflict dialog
// with what differs between the member the user started from and the server's member now; meanwhile
// the sheet keeps showing what the user was looking at.
import { AlertCircle, Camera, Lock } from 'lucide-react';
import { useState } from 'react';

import { MemberAvatar } from '../../app/MemberAvatar';
import { PhotoDialog } from '../../app/PhotoDialog';

import { ConflictDialog, useConflict } from '../../components/ConflictDialog';
import { LoadAlert } from '../../components/LoadError';
import { ManagedNote } from '../../components/ManagedNote';
import { Sheet, SheetHeader, SheetLoading } from '../../components/Sheet';
import { useMe } from '../../data/me';
import { useHasOtherActiveOwner, useMember, useReloadMember } from '../../data/members';
import { useWorkspaceId } from '../../data/workspace';
import { hasCode, type Member } from '../../platform';
import { RoleBadge, StatusBadge } from './badges';
import { accessTo, MANAGERS_ONLY } from './sheet/access';
import { memberDifferences } from './sheet/conflict';
import { DangerZone } from './sheet/DangerZone';
import type { MemberEditor } from './sheet/editor';
import { GroupsSection } from './sheet/GroupsSection';
import { NumbersSection } from './sheet/NumbersSection';
import { PermissionsSection } from './sheet/PermissionsSection';
import { RecordingSection } from './sheet/RecordingSection';
import { RoleSection } from './sheet/RoleSection';
import './members.css';

function SheetBody({ row, onClose }: { row: Member; onClose: () => void }) {
  const workspaceId = useWorkspaceId();
  const fresh = useMember(row.id, row);
  const me = useMe(workspaceId);
  const reload = useReloadMember();
  const conflicts = useConflict<Member>({
    refetch: () => fresh.refetch().then((result) => result.data?.value),
    differences: memberDifferences,
    reload,
    keptEditing: (subject) =>
      `Your change to ${subject} wasn’t saved. The profile now shows what’s saved; make it again if it’s still needed.`,
  });

  const loaded = fresh.data !== undefined && !fresh.isPlaceholderData && fresh.data.etag !== '';
  const member = conflicts.pinned ?? fresh.data?.value ?? row;
  const gone = hasCode(fresh.error, 'not_found');
  const meValue = me.data?.value;
  const otherOwner = useHasOtherActiveOwner(member.id, member.role === 'owner');
  const access = accessTo(member, meValue === undefined ? null : { id: meValue.id, role: meValue.role }, otherOwner);

  const editor: MemberEditor = {
    member,
    etag: loaded ? fresh.data.etag : '',
    ready: loaded && !gone && !conflicts.active,
    access,
    onMemberConflict: (base) => conflicts.onConflict(base.name, base),
    onOtherConflict: conflicts.onOtherConflict,
  };
  const notice = conflicts.notice;
  const [photoOpen, setPhotoOpen] = useState(false);
  // The server lets owners and admins change anyone's photo, and everyone their own.
  const canChangePhoto = access.canManage || access.self;

  return (
    <>
      <SheetHeader
        leading={
          <span className="profile-photo">
            <MemberAvatar member={member} size={48} />
            {canChangePhoto && (
              <button
                type="button"
                className="profile-photo-button"
                aria-label="Change photo"
                disabled={!editor.ready}
                onClick={() => setPhotoOpen(true)}
              >
                <Camera size={14} aria-hidden="true" />
              </button>
            )}
          </span>
        }
        title={member.name}
        description={member.email}
        badges={
          <>
            <RoleBadge role={member.role} />
            <StatusBadge status={member.status} />
            {access.self && <span className="badge">You</span>}
          </>
        }
      />
      {fresh.isError && (
        <LoadAlert placement="sheet" onRetry={gone ? undefined : () => void fresh.refetch()}>
          {gone
            ? `${member.name} is no longer in the team, so nothing here can be changed.`
            : `Showing what the list loaded, so nothing can be changed yet: ${fresh.error.message}`}
        </LoadAlert>
      )}
      {member.managed_by === 'identity_provider' && (
        <p className="sheet-note">
          <ManagedNote testId="profile-managed">
            {access.self ? 'your' : 'their'} name, email and status change there; role, permissions, numbers and groups here.
          </ManagedNote>
        </p>
      )}
      {meValue !== undefined && !access.canManage && (
        <p className="sheet-note profile-read-only">
          <Lock size={12} aria-hidden="true" /> {MANAGERS_ONLY}
        </p>
      )}
      {notice !== null && (
        <div className="alert alert-warning sheet-alert" role="status">
          <AlertCircle size={16} aria-hidden="true" />
          <p>{notice}</p>
        </div>
      )}
      <RoleSection editor={editor} />
      <PermissionsSection editor={editor} />
      <NumbersSection editor={editor} />
      <GroupsSection editor={editor} />
      <RecordingSection editor={editor} />
      <DangerZone editor={editor} onRemoved={onClose} />
      <ConflictDialog {...conflicts.dialog} />
      <PhotoDialog open={photoOpen} onOpenChange={setPhotoOpen} member={member} etag={editor.etag} self={access.self} />
    </>
  );
}

/**
 * A member opened from somewhere that holds no row of them (the command palette, or a list that has not
 * read that far): the profile waits for `get_member`. With a row, it shows at once.
 */
function LoadingBody({ id, row, onClose }: { id: string; row: Member | undefined; onClose: () => void }) {
  const read = useMember(id, row);
  const member = read.data?.value;
  if (member !== undefined) return <SheetBody row={member} onClose={onClose} />;
  if (!read.isError) return <SheetLoading title="Loading profile…" />;
  const gone = hasCode(read.error, 'not_found');
  return (
    <>
      <SheetHeader title={gone ? 'Member not found' : 'Couldn’t open this profile'} />
      <LoadAlert placement="sheet" onRetry={gone ? undefined : () => void read.refetch()}>
        {gone ? 'This member is no longer in the team; someone may have removed them.' : read.error.message}
      </LoadAlert>
    </>
  );
}

/** The profile of the member `id`; `row`, the list's copy, shows at once while the fresh one is read. */
export function MemberSheet({
  id,
  row,
  onOpenChange,
}: {
  id: string | null;
  row: Member | undefined;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Sheet open={id !== null} onOpenChange={onOpenChange} testId="member-sheet">
      {id !== null && <LoadingBody key={id} id={id} row={row} onClose={() => onOpenChange(false)} />}
    </Sheet>
  );
}
