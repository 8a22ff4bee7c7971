import type { MemberStatus, Role } from '../../platform';
import { ROLE_LABELS, STATUS_LABELS } from './labels';

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`badge badge-role-${role}`}>{ROLE_LABELS[role]}</span>;
}

export function StatusBadge({ status }: { status: MemberStatus }) {
  return <span className={`badge badge-status-${status}`}>{STATUS_LABELS[status]}</span>;
}
