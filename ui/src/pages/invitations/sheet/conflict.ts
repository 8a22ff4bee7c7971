// The fields of an invitation that differ between what the user started from and what the server holds
// now, in the user's words, for the conflict (412) dialog.
import type { ConflictField } from '../../../components/ConflictDialog';
import { formatPhone } from '../../../format/phone';
import type { Invitation } from '../../../platform';
import { PERMISSION_LABELS, ROLE_LABELS } from '../../members/labels';
import { formatMoment, STATE_LABELS } from '../rows';

function list(items: readonly string[]): string {
  return items.length === 0 ? 'None' : items.join(', ');
}

export function invitationDifferences(before: Invitation, now: Invitation): ConflictField[] {
  const fields: [label: string, before: string, now: string][] = [
    ['Status', STATE_LABELS[before.status], STATE_LABELS[now.status]],
    ['Role', ROLE_LABELS[before.role], ROLE_LABELS[now.role]],
    ['Permissions', list(before.permissions.map((p) => PERMISSION_LABELS[p])), list(now.permissions.map((p) => PERMISSION_LABELS[p]))],
    ['Phone numbers', list(before.numbers.map((n) => formatPhone(n.e164))), list(now.numbers.map((n) => formatPhone(n.e164)))],
    ['Groups', list(before.groups.map((g) => g.name)), list(now.groups.map((g) => g.name))],
    ['Expires', formatMoment(before.expires_at), formatMoment(now.expires_at)],
  ];
  return fields.filter(([, a, b]) => a !== b).map(([label, a, b]) => ({ label, before: a, now: b }));
}
