// Turns an audit event into a sentence: "Aroha Ngata changed Jordan Lee’s role from Member to Admin".
// Names are resolved by the caller (ids → names); this module only knows the actions and their changes.
import { formatPhone } from '../../format/phone';
import type { AuditEvent } from '../../platform';
import { PERMISSION_LABELS, ROLE_LABELS, isRole } from '../members/labels';

/** A piece of a sentence: plain words, or a reference the page renders as a name. */
export type Part = string | { ref: 'member' | 'number' | 'group' | 'invitation'; id: string; fallback: string };

function change(changes: Record<string, unknown>, key: string): { from: unknown; to: unknown } | null {
  const value = changes[key];
  if (typeof value !== 'object' || value === null || !('to' in value)) return null;
  const { from, to } = value as { from?: unknown; to: unknown };
  return { from, to };
}

/** The words for the values of the contract's enums that aren't roles or permissions. */
const VALUE_WORDS: Record<string, string> = {
  active: 'Active',
  deactivated: 'Deactivated',
  direct: 'Direct',
  shared: 'Shared',
  always: 'Always',
  never: 'Never',
  member_choice: 'Member’s choice',
  reject: 'Reject calls',
  divert: 'Divert calls',
};

/** The parts of a value that is itself a record (call recording's two directions). */
const PART_NAMES: Record<string, string> = { inbound: 'incoming calls', outbound: 'outgoing calls' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function words(value: unknown): string {
  if (typeof value === 'string') {
    if (isRole(value)) return ROLE_LABELS[value];
    if (value in PERMISSION_LABELS) return PERMISSION_LABELS[value as keyof typeof PERMISSION_LABELS];
    const known = VALUE_WORDS[value];
    if (known !== undefined) return known;
    if (/^\+[1-9]\d{6,14}$/u.test(value)) return formatPhone(value);
    return value === '' ? 'nothing' : `“${value}”`;
  }
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(words).join(', ');
  if (value === null || value === undefined) return 'nothing';
  return JSON.stringify(value);
}

const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  team_name: 'team name',
  role: 'role',
  status: 'status',
  grants: 'extra permissions',
  recording: 'call recording',
  label: 'label',
  sharing: 'sharing',
  description: 'description',
  default_role: 'default role',
  allowed_email_domains: 'allowed email domains',
  invitation_lifetime_hours: 'invitation lifetime (hours)',
  onboarding_url: 'onboarding link',
  unassigned_numbers: 'unassigned numbers',
  divert_to: 'divert number',
};

/** "role from Member to Admin, name from “Jo” to “Jordan”" for the fields that changed. */
function changedFields(changes: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const key of Object.keys(changes)) {
    const c = change(changes, key);
    if (c === null || JSON.stringify(c.from) === JSON.stringify(c.to)) continue;
    const field = FIELD_NAMES[key] ?? key.replace(/_/gu, ' ');
    if (isRecord(c.from) && isRecord(c.to)) {
      // "call recording for outgoing calls from Member’s choice to Never", a part at a time.
      const { from, to } = c;
      for (const part of new Set([...Object.keys(from), ...Object.keys(to)])) {
        if (JSON.stringify(from[part]) === JSON.stringify(to[part])) continue;
        parts.push(`${field} for ${PART_NAMES[part] ?? part.replace(/_/gu, ' ')} from ${words(from[part])} to ${words(to[part])}`);
      }
      continue;
    }
    parts.push(c.from === undefined ? `${field} to ${words(c.to)}` : `${field} from ${words(c.from)} to ${words(c.to)}`);
  }
  return parts.join(', ');
}

function str(changes: Record<string, unknown>, key: string): string | null {
  const value = changes[key];
  return typeof value === 'string' ? value : null;
}

/** The event as sentence parts, after the actor (the page puts the actor's name first). */
export function describe(event: AuditEvent): Part[] {
  const id = event.target_id ?? '';
  const member: Part = { ref: 'member', id, fallback: str(event.changes, 'email') ?? 'a member' };
  const number: Part = { ref: 'number', id, fallback: str(event.changes, 'e164') ?? 'a number' };
  const group: Part = { ref: 'group', id, fallback: str(event.changes, 'name') ?? 'a group' };
  const invitation: Part = { ref: 'invitation', id, fallback: str(event.changes, 'email') ?? 'an invitation' };
  const principal = str(event.changes, 'principal_id');
  const assignee: Part =
    principal === null
      ? 'someone'
      : { ref: event.changes['kind'] === 'invitation' ? 'invitation' : 'member', id: principal, fallback: 'someone' };
  const fields = changedFields(event.changes);

  switch (event.action) {
    case 'member.updated':
      return fields === '' ? ['updated ', member] : ['changed ', member, `’s ${fields}`];
    case 'member.created':
      return ['added ', member, ' to the team'];
    case 'member.removed':
      return ['removed ', member, ' from the team'];
    case 'member.avatar_set':
      return ['set a profile picture for ', member];
    case 'member.avatar_removed':
      return ['removed the profile picture of ', member];
    case 'member.sign_in_throttled': {
      const failures = event.changes['failures'];
      const count = typeof failures === 'number' ? `${failures} wrong passwords` : 'repeated wrong passwords';
      return ['made sign-ins to ', member, ` wait after ${count}`];
    }
    case 'invitation.created':
      return ['invited ', invitation];
    case 'invitation.updated':
      return fields === '' ? ['updated the invitation of ', invitation] : ['changed the invitation of ', invitation, `: ${fields}`];
    case 'invitation.resent':
      return ['resent the invitation to ', invitation];
    case 'invitation.revoked':
      return ['revoked the invitation to ', invitation];
    case 'invitation.accepted':
      return ['accepted the invitation to join'];
    case 'group.created':
      return ['created the group ', group];
    case 'group.updated':
      return ['changed the group ', group, fields === '' ? '' : `: ${fields}`];
    case 'group.deleted':
      return ['deleted the group ', group];
    case 'group.member_added':
      return ['added ', assignee, ' to ', group];
    case 'group.member_removed':
      return ['removed ', assignee, ' from ', group];
    case 'number.created':
      return ['added the number ', number];
    case 'number.updated':
      return ['changed ', number, fields === '' ? '' : `: ${fields}`];
    case 'number.assigned':
      return ['assigned ', number, ' to ', assignee];
    case 'number.unassigned':
      return ['unassigned ', number, ' from ', assignee];
    case 'configuration.updated':
      return fields === '' ? ['updated the configuration'] : [`changed the configuration: ${fields}`];
    case 'api_token.created':
      return ['created an API token'];
    case 'member.provisioned':
      return ['provisioned ', member];
    case 'group.provisioned':
      return ['provisioned the group ', group];
    case 'provisioning_token.created':
      return [`created the provisioning token “${str(event.changes, 'name') ?? 'unnamed'}”`];
    case 'provisioning_token.revoked':
      return ['revoked a provisioning token'];
    default:
      return [`did “${event.action}”`];
  }
}
