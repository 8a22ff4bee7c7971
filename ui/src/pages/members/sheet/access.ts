// What the signed-in user may change on a member's profile, and why not, following the server's rules
// (routes/members.rs and authz.rs): owners and admins manage the team, a member only reads it; only an
// owner changes an owner (any field) or makes someone an owner; the last active owner can't be demoted,
// deactivated or removed; no one removes themselves; an identity provider that manages a member owns their
// status (and name and email), not the team's admins. Numbers and groups are the number's and the group's
// writes, which any owner or admin may make, an owner's included.
import { MANAGED_BY_IDENTITY_PROVIDER } from '../../../components/ManagedNote';
import type { Member, Role } from '../../../platform';

export interface Access {
  /** The profile is the signed-in user's own. */
  self: boolean;
  /** Owner or admin: numbers and groups can be changed (and, unless `fieldsLocked`, everything else). */
  canManage: boolean;
  /** Why the member's own fields (role, permissions, recording, status) can't be changed; null if they can. */
  fieldsLocked: string | null;
  /** Why the role can't be changed at all; null if it can. */
  roleLocked: string | null;
  /** Per role: why it can't be chosen; null if it can. */
  roleOptions: Record<Role, string | null>;
  /** Why Deactivate or Reactivate can't be used; null if it can. */
  statusLocked: string | null;
  /** Why Remove can't be used; null if it can. */
  removeLocked: string | null;
}

export const MANAGERS_ONLY = 'Only owners and admins can change members.';
export const OWNER_ROLE_ONLY = 'Only an owner can change an owner’s role.';
export const OWNER_ONLY = 'Only an owner can change an owner.';
export const MAKE_OWNER_ONLY = 'Only an owner can make someone an owner.';

export function lastOwnerReason(member: Pick<Member, 'name'>, self: boolean): string {
  return self
    ? 'You’re the team’s last owner, so you must stay an active owner. Make someone else an owner first.'
    : `${member.name} is the team’s last owner, so they must stay an active owner. Make someone else an owner first.`;
}

/**
 * `myRole` is null while the signed-in user is being read (everything waits). `otherOwner` says whether
 * another active owner exists (undefined while unknown: the server will say).
 */
export function accessTo(member: Member, me: { id: string; role: Role } | null, otherOwner: boolean | undefined): Access {
  const self = me !== null && me.id === member.id;
  const myRole = me?.role ?? null;
  const none = { owner: null, admin: null, member: null };
  if (myRole === null || myRole === 'member') {
    const reason = myRole === null ? 'Checking what you can change…' : MANAGERS_ONLY;
    return {
      self,
      canManage: false,
      fieldsLocked: reason,
      roleLocked: reason,
      roleOptions: none,
      statusLocked: reason,
      removeLocked: reason,
    };
  }
  const ownerTarget = member.role === 'owner';
  const byNonOwner = ownerTarget && myRole !== 'owner';
  const lastOwner = ownerTarget && member.status === 'active' && otherOwner === false;
  const lastOwnerWhy = lastOwner ? lastOwnerReason(member, self) : null;
  const roleOptions: Record<Role, string | null> = {
    owner: myRole === 'owner' ? null : MAKE_OWNER_ONLY,
    admin: lastOwnerWhy,
    member: lastOwnerWhy,
  };
  return {
    self,
    canManage: true,
    fieldsLocked: byNonOwner ? OWNER_ONLY : null,
    roleLocked: byNonOwner ? OWNER_ROLE_ONLY : null,
    roleOptions,
    statusLocked:
      member.managed_by === 'identity_provider'
        ? MANAGED_BY_IDENTITY_PROVIDER
        : byNonOwner
          ? 'Only an owner can deactivate or reactivate an owner.'
          : lastOwnerWhy,
    removeLocked: self
      ? 'You can’t remove yourself. Another owner or admin can remove you.'
      : byNonOwner
        ? 'Only an owner can remove an owner.'
        : lastOwner
          ? `${member.name} is the team’s last owner. Make someone else an owner first.`
          : null,
  };
}
