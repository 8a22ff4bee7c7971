// An invitation's role and permissions, as the member it becomes will have them: the role (Admin or
// Member — an invitation can't make an owner) saved as soon as it changes, and the permissions beyond the
// role's switched on or off, sent as the invitation's whole `grants` list.
import { LoaderCircle } from 'lucide-react';
import { useState } from 'react';

import { SheetSection } from '../../../components/Sheet';
import { useRoles } from '../../../data/roles';
import type { Permission, Role } from '../../../platform';
import { PERMISSIONS, ROLE_LABELS } from '../../members/labels';
import { fromRoleNote, PermissionSwitches, roleDefaults } from '../../members/PermissionSwitches';
import { WriteAlert } from '../../members/sheet/WriteAlert';
import { type InvitationEditor, useInvitationPatch } from './editor';

/** The roles an invitation can give. */
export const INVITED_ROLES: readonly Role[] = ['admin', 'member'];

export function isInvitedRole(value: string): value is Role {
  return (INVITED_ROLES as readonly string[]).includes(value);
}

/** The invitation named as the sections name whom they are about. */
function shown(editor: InvitationEditor) {
  return { name: editor.invitation.email, role: editor.invitation.role };
}

export function InvitationRoleSection({ editor }: { editor: InvitationEditor }) {
  const { invitation } = editor;
  const roles = useRoles();
  const patch = useInvitationPatch(editor);
  const role = patch.saving?.role ?? invitation.role;
  const description = roles.data?.find((info) => info.role === role)?.description;
  return (
    <SheetSection title="Role">
      <div className="profile-role">
        <select
          className="input select profile-role-select"
          aria-label="Role"
          value={role}
          disabled={!editor.ready || patch.pending}
          onChange={(event) => {
            const next = event.target.value;
            if (isInvitedRole(next) && next !== invitation.role) void patch.run({ role: next });
          }}
        >
          {/* An owner's invitation (made before the rule, or by hand) still shows its role. */}
          {(INVITED_ROLES.includes(invitation.role) ? INVITED_ROLES : [invitation.role, ...INVITED_ROLES]).map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value]}
            </option>
          ))}
        </select>
        {patch.pending && <LoaderCircle size={14} className="spin profile-progress" aria-label="Saving role" />}
        {description !== undefined && <span className="profile-role-description">{description}</span>}
      </div>
      <WriteAlert error={patch.error} member={shown(editor)} self={false} onDismiss={patch.dismiss} />
    </SheetSection>
  );
}

export function InvitationPermissionsSection({ editor }: { editor: InvitationEditor }) {
  const { invitation } = editor;
  const roles = useRoles();
  const patch = useInvitationPatch(editor);
  const [toggling, setToggling] = useState<Permission | null>(null);
  // Until the roles are read, the role's defaults are what the invitation gives beyond its grants.
  const defaults =
    roleDefaults(roles.data, invitation.role) ??
    invitation.permissions.filter((permission) => !invitation.grants.includes(permission));

  const toggle = (permission: Permission, on: boolean) => {
    const grants = on ? [...invitation.grants, permission] : invitation.grants.filter((grant) => grant !== permission);
    setToggling(permission);
    void patch.run({ grants: PERMISSIONS.filter((p) => grants.includes(p)) }).finally(() => setToggling(null));
  };

  return (
    <SheetSection title="Permissions">
      <PermissionSwitches
        idPrefix="invitation-permission"
        defaults={defaults}
        grants={invitation.grants}
        editable={editor.ready}
        saving={patch.pending ? toggling : null}
        busy={patch.pending}
        noteId="invitation-permissions-note"
        onToggle={toggle}
      />
      <p className="sheet-note" id="invitation-permissions-note">
        {fromRoleNote(invitation.role, defaults)}
      </p>
      <WriteAlert error={patch.error} member={shown(editor)} self={false} onDismiss={patch.dismiss} />
    </SheetSection>
  );
}
