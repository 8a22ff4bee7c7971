// The words the Members pages use for the API's values.
import type { MemberStatus, Permission, Role } from '../../platform';

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
};

export const STATUS_LABELS: Record<MemberStatus, string> = {
  active: 'Active',
  deactivated: 'Deactivated',
};

/** In the order the profile lists them. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  manage_members: 'Manage members',
  manage_phone_numbers: 'Manage phone numbers',
  manage_call_flows: 'Manage call flows',
  view_analytics: 'View analytics',
  access_call_recordings: 'Access call recordings',
  make_outbound_calls: 'Make outbound calls',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];
export const STATUSES = Object.keys(STATUS_LABELS) as MemberStatus[];
export const PERMISSIONS = Object.keys(PERMISSION_LABELS) as Permission[];

export function isRole(value: string): value is Role {
  return value in ROLE_LABELS;
}

export function isStatus(value: string): value is MemberStatus {
  return value in STATUS_LABELS;
}

export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
