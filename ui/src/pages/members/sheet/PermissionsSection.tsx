// Permissions: a switch each. What the member's role gives is on and locked ("From role"); anything more
// is a grant the admin switches on or off, sent as the member's whole `grants` list.
import { useState } from 'react';

import { SheetSection } from '../../../components/Sheet';
import { useRoles } from '../../../data/roles';
import type { Permission } from '../../../platform';
import { PERMISSIONS } from '../labels';
import { fromRoleNote, PermissionSwitches, roleDefaults } from '../PermissionSwitches';
import { WriteAlert } from './WriteAlert';
import { canEditFields, type MemberEditor, useMemberPatch } from './editor';

export function PermissionsSection({ editor }: { editor: MemberEditor }) {
  const { member, access } = editor;
  const roles = useRoles();
  const patch = useMemberPatch(editor);
  const [toggling, setToggling] = useState<Permission | null>(null);
  // Until the roles are read, the role's defaults are what the member has beyond their grants.
  const defaults =
    roleDefaults(roles.data, member.role) ?? member.permissions.filter((permission) => !member.grants.includes(permission));

  const toggle = (permission: Permission, on: boolean) => {
    const grants = on ? [...member.grants, permission] : member.grants.filter((grant) => grant !== permission);
    setToggling(permission);
    void patch.run({ grants: PERMISSIONS.filter((p) => grants.includes(p)) }).finally(() => setToggling(null));
  };

  return (
    <SheetSection title="Permissions">
      <PermissionSwitches
        idPrefix="profile-permission"
        defaults={defaults}
        grants={member.grants}
        editable={canEditFields(editor)}
        saving={patch.pending ? toggling : null}
        busy={patch.pending}
        noteId="profile-permissions-note"
        onToggle={toggle}
      />
      <p className="sheet-note" id="profile-permissions-note">
        {fromRoleNote(member.role, defaults)}
        {access.canManage && access.fieldsLocked !== null && ` ${access.fieldsLocked}`}
      </p>
      <WriteAlert error={patch.error} member={member} self={access.self} onDismiss={patch.dismiss} />
    </SheetSection>
  );
}
