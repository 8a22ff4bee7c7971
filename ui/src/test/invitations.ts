// A team with one invitation in every state the server has, and invites in the outbox, for the
// Invitations tab's tests: Aroha (signed in, owner) and Jordan (admin, who sent most invitations).
import type { Invitation, NewInvitation, OutboxEntry } from '../platform';
import {
  createFakePlatform,
  FAKE_CONFIGURATION,
  fakeMember,
  LOCAL_WORKSPACE,
  type FakePlatform,
  type FakeWorld,
} from '../platform/fake';

export const INVITATIONS_TAB = { page: 'members', tab: 'invitations' } as const;
export const JORDAN = fakeMember(1, 'acme.nz', { name: 'Jordan Lee', email: 'jordan@acme.nz', role: 'admin', numbers: [], groups: [] });
export const SALES = { id: 'g-sales', name: 'Sales' };

function invitation(id: string, email: string, overrides: Partial<Invitation> = {}): Invitation {
  return {
    id,
    email,
    role: 'member',
    permissions: ['make_outbound_calls'],
    grants: [],
    numbers: [],
    groups: [],
    status: 'pending',
    expires_at: '2999-01-01T09:00:00Z',
    invited_by: JORDAN.id,
    member_id: null,
    created_at: '2026-11-02T09:00:00Z',
    updated_at: '2026-11-02T09:00:00Z',
    ...overrides,
  };
}

/** Pending (with a desk number and Sales), accepted, expired and revoked. */
export const SENT: Invitation[] = [
  invitation('i-ana', 'ana@acme.nz', {
    numbers: [{ id: 'n-ana', e164: '+6495550170', label: 'Desk' }],
    groups: [SALES],
    created_at: '2026-11-04T09:00:00Z',
  }),
  invitation('i-ben', 'ben@acme.nz', { status: 'accepted', member_id: JORDAN.id, created_at: '2026-11-03T09:00:00Z' }),
  invitation('i-cai', 'cai@acme.nz', { role: 'admin', expires_at: '2026-11-09T09:00:00Z', invited_by: LOCAL_WORKSPACE.userId }),
  invitation('i-dee', 'dee@acme.nz', { status: 'revoked', created_at: '2026-11-01T09:00:00Z' }),
];

export function newInvitation(email: string, overrides: Partial<NewInvitation> = {}): NewInvitation {
  return { email, role: null, grants: [], number_ids: [], group_ids: [], ...overrides };
}

/** An invite the server refused (the team only invites @acme.nz), waiting for the admin. */
export const REFUSED: OutboxEntry = {
  id: 'outbox-refused',
  workspace_id: LOCAL_WORKSPACE.id,
  invitation: newInvitation('fay@elsewhere.org', { role: 'admin', group_ids: [SALES.id] }),
  state: 'needs_attention',
  attempts: 1,
  next_attempt_at: 0,
  last_error: 'Invitations may only go to @acme.nz addresses.',
  last_error_code: 'email_domain_not_allowed',
  field_errors: { email: ['Use an @acme.nz address.'] },
  created_at: Date.parse('2026-11-05T09:00:00Z'),
};

/** An invite waiting to be sent (the fake keeps it only while offline). */
export const QUEUED: OutboxEntry = {
  ...REFUSED,
  id: 'outbox-queued',
  invitation: newInvitation('eve@acme.nz'),
  state: 'queued',
  attempts: 0,
  last_error: null,
  last_error_code: null,
  field_errors: {},
  created_at: Date.parse('2026-11-05T10:00:00Z'),
};

/**
 * The team (which invites only @acme.nz addresses), its sent invitations and what `world` adds; the Sales
 * group holds Ana's invitation.
 */
export function invitationsWorld(world: FakeWorld = {}, overrides: Parameters<typeof createFakePlatform>[0] = {}): FakePlatform {
  return createFakePlatform(overrides, {
    teams: {
      [LOCAL_WORKSPACE.id]: [
        fakeMember(0, 'acme.nz', { id: LOCAL_WORKSPACE.userId, name: 'Aroha Ngata', email: 'aroha@acme.nz', numbers: [], groups: [] }),
        structuredClone(JORDAN),
      ],
    },
    invitations: { [LOCAL_WORKSPACE.id]: structuredClone(SENT) },
    configurations: { [LOCAL_WORKSPACE.id]: { ...FAKE_CONFIGURATION, allowed_email_domains: ['acme.nz'] } },
    ...world,
  });
}
