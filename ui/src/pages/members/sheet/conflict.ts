// The fields of a member that differ between what the user started from and what the server holds now,
// in the user's words, for the conflict (412) dialog.
import type { ConflictField } from '../../../components/ConflictDialog';
import { formatPhone } from '../../../format/phone';
import type { Member } from '../../../platform';
import { PERMISSION_LABELS, ROLE_LABELS, STATUS_LABELS } from '../labels';

function list(items: readonly string[], none: string): string {
  return items.length === 0 ? none : items.join(', ');
}

function recorded(enabled: boolean): string {
  return enabled ? 'Recorded' : 'Not recorded';
}

export function memberDifferences(before: Member, now: Member): ConflictField[] {
  const fields: [label: string, before: string, now: string][] = [
    ['Name', before.name, now.name],
    ['Email', before.email, now.email],
    ['Role', ROLE_LABELS[before.role], ROLE_LABELS[now.role]],
    ['Status', STATUS_LABELS[before.status], STATUS_LABELS[now.status]],
    [
      'Permissions',
      list(before.permissions.map((p) => PERMISSION_LABELS[p]), 'None'),
      list(now.permissions.map((p) => PERMISSION_LABELS[p]), 'None'),
    ],
    [
      'Phone numbers',
      list(before.numbers.map((n) => formatPhone(n.e164)), 'None'),
      list(now.numbers.map((n) => formatPhone(n.e164)), 'None'),
    ],
    ['Groups', list(before.groups.map((g) => g.name), 'None'), list(now.groups.map((g) => g.name), 'None')],
    ['Incoming call recording', recorded(before.recording.inbound.enabled), recorded(now.recording.inbound.enabled)],
    ['Outgoing call recording', recorded(before.recording.outbound.enabled), recorded(now.recording.outbound.enabled)],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([label, a, b]) => ({ label, before: a, now: b }));
}
