// The member's role: a select of Owner / Admin / Member, saved as soon as it changes. Roles the signed-in
// user can't give are shown but disabled, with the reason under the select. Stepping down oneself is
// confirmed first, because only someone else can undo it.
import { LoaderCircle } from 'lucide-react';
import { useState } from 'react';

import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { SheetSection } from '../../../components/Sheet';
import { useRoles } from '../../../data/roles';
import type { Role } from '../../../platform';
import { isRole, ROLE_LABELS, ROLES } from '../labels';
import { explained, WriteAlert } from './WriteAlert';
import { type MemberEditor, useMemberPatch } from './editor';

/** Higher is more: stepping down is moving to a lower rank. */
const RANK: Record<Role, number> = { owner: 2, admin: 1, member: 0 };

function steppingDownWords(from: Role, to: Role): string {
  if (from === 'owner') {
    return `You’ll no longer be able to change owners or make someone an owner${
      to === 'member' ? ', or manage the team at all' : ''
    }. Only an owner can make you an owner again.`;
  }
  return 'You’ll no longer be able to manage members, invitations, groups, phone numbers or the configuration. Only an owner or admin can give you the Admin role again.';
}

export function RoleSection({ editor }: { editor: MemberEditor }) {
  const { member, access } = editor;
  const roles = useRoles();
  const patch = useMemberPatch(editor);
  const [confirming, setConfirming] = useState<Role | null>(null);

  const editable = editor.ready && access.canManage && access.roleLocked === null;
  const shown = patch.saving?.role ?? member.role;
  const description = roles.data?.find((info) => info.role === shown)?.description;
  // Why an option is off, once each (e.g. "Only an owner can make someone an owner.").
  const reasons = access.roleLocked !== null
    ? [access.roleLocked]
    : [...new Set(ROLES.filter((role) => role !== member.role).map((role) => access.roleOptions[role]))].filter(
        (reason): reason is string => reason !== null,
      );

  const change = (role: Role) => {
    if (role === member.role) return;
    if (access.self && RANK[role] < RANK[member.role]) setConfirming(role);
    else void patch.run({ role });
  };

  return (
    <SheetSection title="Role">
      <div className="profile-role">
        <select
          id="profile-role"
          className="input select profile-role-select"
          aria-label="Role"
          aria-describedby={reasons.length > 0 ? 'profile-role-why' : undefined}
          value={shown}
          disabled={!editable || patch.pending}
          onChange={(event) => {
            if (isRole(event.target.value)) change(event.target.value);
          }}
        >
          {ROLES.map((role) => (
            <option key={role} value={role} disabled={role !== member.role && access.roleOptions[role] !== null}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
        {patch.pending && <LoaderCircle size={14} className="spin profile-progress" aria-label="Saving role" />}
        {description !== undefined && <span className="profile-role-description">{description}</span>}
      </div>
      {reasons.length > 0 && access.canManage && (
        <p className="sheet-note" id="profile-role-why">
          {reasons.join(' ')}
        </p>
      )}
      {confirming === null && <WriteAlert error={patch.error} member={member} self={access.self} onDismiss={patch.dismiss} />}
      <ConfirmDialog
        open={confirming !== null}
        onOpenChange={(open) => {
          if (!open) {
            setConfirming(null);
            patch.dismiss();
          }
        }}
        title={`Change your own role to ${confirming === null ? '' : ROLE_LABELS[confirming]}?`}
        confirmLabel="Change my role"
        pendingLabel="Changing…"
        destructive
        pending={patch.pending}
        error={explained(patch.error, member, true)}
        onConfirm={() => {
          if (confirming === null) return;
          void patch.run({ role: confirming }).then((outcome) => {
            if (outcome !== 'failed') setConfirming(null);
          });
        }}
      >
        {confirming !== null && steppingDownWords(member.role, confirming)}
      </ConfirmDialog>
    </SheetSection>
  );
}
