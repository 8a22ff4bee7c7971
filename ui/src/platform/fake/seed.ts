// The people, numbers and policy a fake workspace starts with. Tests build teams with `fakeTeam` /
// `fakeMember`; those members carry their numbers and groups embedded, the way the server returns them,
// and the fake's world turns those references into groups and numbers the first time a team is used.
import type { AppInfo } from '../bindings';
import type { Configuration, Member, Permission, Role, Workspace } from '../platform';

export const FAKE_CONFIGURATION: Configuration = {
  team_name: null,
  recording: { inbound: 'member_choice', outbound: 'member_choice' },
  allowed_email_domains: [],
  default_role: 'member',
  invitation_lifetime_hours: 168,
  onboarding_url: null,
  unassigned_numbers: 'reject',
  divert_to: null,
  updated_at: '2026-11-01T09:00:00Z',
};

export const FAKE_APP_INFO: AppInfo = {
  version: '9.8.7-test',
  commit: 'abc1234def56',
  profile: 'debug',
};

/** The password every fake server accepts. */
export const FAKE_PASSWORD = 'correct horse';

export const LOCAL_WORKSPACE: Workspace = {
  id: 'ws-local',
  displayName: 'Local workspace',
  serverUrl: 'http://127.0.0.1:41234',
  userId: '00000000-0000-4000-8000-000000000000',
  userEmail: 'owner@localhost',
  userName: 'Workspace Owner',
  kind: 'local',
};

/** When seeded rows were created: before anything a test does. */
export const SEEDED_AT = '2026-11-01T09:00:00Z';

export const ALL_PERMISSIONS: readonly Permission[] = [
  'manage_members',
  'manage_phone_numbers',
  'manage_call_flows',
  'view_analytics',
  'access_call_recordings',
  'make_outbound_calls',
];

/** Role defaults plus grants, in the catalogue's order (as the server computes them). */
export function effectivePermissions(role: Role, grants: readonly Permission[]): Permission[] {
  const defaults: readonly Permission[] = role === 'member' ? ['make_outbound_calls'] : ALL_PERMISSIONS;
  return ALL_PERMISSIONS.filter((permission) => defaults.includes(permission) || grants.includes(permission));
}

/** Grants without duplicates, in the catalogue's order. */
export function normaliseGrants(grants: readonly Permission[]): Permission[] {
  return ALL_PERMISSIONS.filter((permission) => grants.includes(permission));
}

const FIRST = ['Aroha', 'Jordan', 'Mei', 'Tomás', 'Priya', 'Liam', 'Sione', 'Hana', 'Noah', 'Zara', 'Ivan', 'Leilani'];
const LAST = ['Ngata', 'Lee', 'Chen', 'García', 'Patel', 'Walsh', 'Tupou', 'Sato', 'Brown', 'Khan', 'Petrov', 'Kahale'];
const GROUPS = ['Sales', 'Support', 'Billing', 'Onboarding', 'Night shift'];

/**
 * A UUID-shaped id from a kind (1 members, 2 numbers, 3 groups, 4 reserve numbers, 5 audit events,
 * 6 invitations, 7 new groups, 8 provisioning tokens, 9 signed-in users) and an index, so ids sort in creation order.
 */
export function fakeId(kind: number, index: number): string {
  return `00000000-0000-4000-${String(8000 + kind)}-${String(index).padStart(12, '0')}`;
}

/** A member as the server would return it; `overrides` replace any field. */
export function fakeMember(index: number, domain = 'acme.test', overrides: Partial<Member> = {}): Member {
  const first = FIRST[index % FIRST.length] ?? 'Alex';
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Doe';
  const role: Role = index === 0 ? 'owner' : index % 7 === 1 ? 'admin' : 'member';
  const groupCount = index % 4;
  return {
    id: fakeId(1, index),
    email: `${first.toLowerCase()}.${last.toLowerCase()}${index >= FIRST.length * LAST.length ? String(index) : ''}@${domain}`
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, ''),
    name: `${first} ${last}`,
    role,
    permissions: effectivePermissions(role, []),
    grants: [],
    status: index % 11 === 5 ? 'deactivated' : 'active',
    avatar_url: null,
    numbers:
      index % 3 === 2 ? [] : [{ id: fakeId(2, index), e164: `+6495550${String(100 + index).padStart(3, '0')}`, label: 'Direct' }],
    groups: GROUPS.slice(0, groupCount).map((name, g) => ({ id: fakeId(3, g), name })),
    recording: { inbound: { enabled: true, enforced: false }, outbound: { enabled: false, enforced: false } },
    managed_by: null,
    created_at: SEEDED_AT,
    updated_at: SEEDED_AT,
    ...overrides,
  };
}

/** `count` members, the first being the owner. */
export function fakeTeam(count: number, domain = 'acme.test'): Member[] {
  return Array.from({ length: count }, (_, index) => fakeMember(index, domain));
}

/**
 * Numbers every workspace holds in reserve beside its team's, so a number picker has something to offer:
 * a mix of kinds, none of them clashing with `fakeMember`'s `+6495550…` numbers.
 */
export const RESERVE_NUMBERS: readonly { e164: string; label: string; country: string; kind: 'geographic' | 'mobile' | 'toll_free' }[] =
  [
    { e164: '+6495559001', label: 'Auckland spare', country: 'NZ', kind: 'geographic' },
    { e164: '+6495559002', label: 'Auckland spare', country: 'NZ', kind: 'geographic' },
    { e164: '+64215559003', label: 'Mobile spare', country: 'NZ', kind: 'mobile' },
    { e164: '+61255559004', label: 'Sydney', country: 'AU', kind: 'geographic' },
    { e164: '+6480055590', label: 'Freephone', country: 'NZ', kind: 'toll_free' },
  ];

const COUNTRY_CODES: readonly [string, string][] = [
  ['+64', 'NZ'],
  ['+61', 'AU'],
  ['+44', 'GB'],
  ['+1', 'US'],
];

/** The country of a number known only by its reference (an embedded `NumberRef`). */
export function countryOf(e164: string): string {
  return COUNTRY_CODES.find(([prefix]) => e164.startsWith(prefix))?.[1] ?? 'NZ';
}

/** The kind of a number known only by its reference: NZ mobiles start +642, freephone +64800. */
export function kindOf(e164: string): 'geographic' | 'mobile' | 'toll_free' {
  if (e164.startsWith('+64800') || e164.startsWith('+1800')) return 'toll_free';
  if (e164.startsWith('+642') || e164.startsWith('+614')) return 'mobile';
  return 'geographic';
}

export function host(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}
