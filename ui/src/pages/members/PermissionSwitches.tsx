// The permissions as a switch each, for a member's profile and for Invite People: what the role gives is
// on and locked ("From role"); anything more is a grant the admin switches on or off.
import { Switch } from '../../components/Switch';
import type { Permission, Role, RoleInfo } from '../../platform';
import { PERMISSION_LABELS, PERMISSIONS, ROLE_LABELS } from './labels';

/** A role's default permissions, once the roles are read. */
export function roleDefaults(roles: readonly RoleInfo[] | undefined, role: Role): readonly Permission[] | undefined {
  return roles?.find((info) => info.role === role)?.default_permissions;
}

/** The line under the switches: what "From role" means for this role. */
export function fromRoleNote(role: Role, defaults: readonly Permission[]): string {
  return PERMISSIONS.every((permission) => defaults.includes(permission))
    ? `The ${ROLE_LABELS[role]} role has every permission.`
    : `“From role” permissions come with the ${ROLE_LABELS[role]} role and can’t be turned off for one person.`;
}

export function PermissionSwitches({
  idPrefix,
  defaults,
  grants,
  editable,
  saving = null,
  busy = false,
  noteId,
  onToggle,
}: {
  /** Makes each switch's id (`${idPrefix}-${permission}`), which its label points at. */
  idPrefix: string;
  /** What the role gives. */
  defaults: readonly Permission[];
  grants: readonly Permission[];
  editable: boolean;
  /** The permission whose change is being saved: its switch shows progress. */
  saving?: Permission | null | undefined;
  /** A change is being saved: the other switches wait. */
  busy?: boolean | undefined;
  /** The line that explains "From role", which the locked switches point at. */
  noteId: string;
  onToggle: (permission: Permission, on: boolean) => void;
}) {
  return (
    <ul className="sheet-rows">
      {PERMISSIONS.map((permission) => {
        const fromRole = defaults.includes(permission);
        const granted = !fromRole && grants.includes(permission);
        const pending = saving === permission;
        const id = `${idPrefix}-${permission}`;
        return (
          <li key={permission} className="sheet-row" data-permission={permission}>
            <label htmlFor={id} className="profile-row-label">
              {PERMISSION_LABELS[permission]}
            </label>
            <span className="sheet-row-value">
              {fromRole ? 'From role' : granted ? 'Granted' : editable ? null : 'Not allowed'}
              <Switch
                id={id}
                checked={pending ? !granted : fromRole || granted}
                disabled={fromRole || !editable || (busy && !pending)}
                pending={pending}
                describedBy={fromRole ? noteId : undefined}
                onCheckedChange={(on) => onToggle(permission, on)}
              />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
