// Permissions: a switch each. What the member's role gives is on and locked ("From role"); anything more
// is a grant the admin switches on or off, sent as the member's whole `grants` list.
import { useState } from 'react';

import { SheetSection } from '../../../components/Sheet';
import { Switch } from '../../../components/Switch';
import { useRoles } from '../../../data/roles';
import type { Member, Permission } from '../../../platform';
import { PERMISSION_LABELS, PERMISSIONS, ROLE_LABELS } from '../labels';
import { WriteAlert } from './WriteAlert';
import { canEditFields, type MemberEditor, useMemberPatch } from './editor';

/** The role's defaults; until the roles are read, what the member has beyond their grants. */
function roleDefaults(member: Member, fromRoles: readonly Permission[] | undefined): readonly Permission[] {
  return fromRoles ?? member.permissions.filter((permission) => !member.grants.includes(permission));
}

export function PermissionsSection({ editor }: { editor: MemberEditor }) {
  const { member, access } = editor;
  const roles = useRoles();
  const patch = useMemberPatch(editor);
  const [toggling, setToggling] = useState<Permission | null>(null);
  const defaults = roleDefaults(member, roles.data?.find((info) => info.role === member.role)?.default_permissions);
  const editable = canEditFields(editor);
  const everything = PERMISSIONS.every((permission) => defaults.includes(permission));

  const toggle = (permission: Permission, on: boolean) => {
    const grants = on ? [...member.grants, permission] : member.grants.filter((grant) => grant !== permission);
    setToggling(permission);
    void patch.run({ grants: PERMISSIONS.filter((p) => grants.includes(p)) }).finally(() => setToggling(null));
  };

  return (
    <SheetSection title="Permissions">
      <ul className="sheet-rows">
        {PERMISSIONS.map((permission) => {
          const fromRole = defaults.includes(permission);
          const granted = !fromRole && member.grants.includes(permission);
          const saving = patch.pending && toggling === permission;
          const id = `profile-permission-${permission}`;
          return (
            <li key={permission} className="sheet-row" data-permission={permission}>
              <label htmlFor={id} className="profile-row-label">
                {PERMISSION_LABELS[permission]}
              </label>
              <span className="sheet-row-value">
                {fromRole ? 'From role' : granted ? 'Granted' : editable ? null : 'Not allowed'}
                <Switch
                  id={id}
                  checked={saving ? !granted : fromRole || granted}
                  disabled={fromRole || !editable || (patch.pending && !saving)}
                  pending={saving}
                  describedBy={fromRole ? 'profile-permissions-note' : undefined}
                  onCheckedChange={(on) => toggle(permission, on)}
                />
              </span>
            </li>
          );
        })}
      </ul>
      <p className="sheet-note" id="profile-permissions-note">
        {everything
          ? `The ${ROLE_LABELS[member.role]} role has every permission.`
          : `“From role” permissions come with the ${ROLE_LABELS[member.role]} role and can’t be turned off for one person.`}
        {access.canManage && access.fieldsLocked !== null && ` ${access.fieldsLocked}`}
      </p>
      <WriteAlert error={patch.error} member={member} self={access.self} onDismiss={patch.dismiss} />
    </SheetSection>
  );
}
