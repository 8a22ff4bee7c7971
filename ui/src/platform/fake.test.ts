// The fake Platform models the server closely enough for pages to be tested against it: links shown on
// both sides, ETags that move on every write, the server's coded refusals and its audit trail.
import { afterEach, describe, expect, it, vi } from 'vitest';

import { PlatformError } from './error';
import {
  createFakePlatform,
  FAKE_CONFIGURATION,
  fakeMember,
  fakeTeam,
  LOCAL_WORKSPACE,
  type FakePlatform,
  type FakeWorld,
} from './fake';
import type { ConfigurationPatch, ListAuditEvents, ListMembers, ListNumbers, Member } from './platform';

const ME = LOCAL_WORKSPACE.userId;
const ALL_MEMBERS: ListMembers = { cursor: null, limit: null, q: null, role: null, status: null, group_id: null };
const ALL_NUMBERS: ListNumbers = { cursor: null, limit: null, q: null, assigned: null };
const ALL_EVENTS: ListAuditEvents = { cursor: null, limit: null, since: null, actor: null, target: null };
const KEEP_NUMBERS = { unassign_numbers: null, reassign_numbers_to: null };
/** The members list's `sort` and `order` (spread into a `ListMembers`). */
interface Ordered {
  sort?: 'name' | 'email' | 'role' | 'created';
  order?: 'asc' | 'desc';
}

/** The signed-in user as a member of the team, with `role`. */
function signedIn(role: Member['role'] = 'owner'): Member {
  return fakeMember(0, 'acme.test', { id: ME, name: 'Aroha Ngata', email: 'aroha@acme.test', role, numbers: [], groups: [] });
}

/** A local workspace whose team is `team` (the signed-in user first unless the team says otherwise). */
function withTeam(team: Member[], world: Omit<FakeWorld, 'teams'> = {}): FakePlatform {
  return createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: team }, ...world });
}

/** A team of the signed-in owner and `count - 1` members from `fakeTeam` (so a second owner only if asked). */
function team(count: number, role: Member['role'] = 'owner'): Member[] {
  return [signedIn(role), ...fakeTeam(count).slice(1)];
}

async function rejection(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the fake world', () => {
  it('turns the members’ embedded numbers and groups into numbers and groups, plus five in reserve', async () => {
    const members = fakeTeam(6);
    const platform = withTeam(members);

    const sales = platform.world.groups().find((group) => group.name === 'Sales');
    // fakeMember gives index % 4 groups: members 1, 2, 3 and 5 are in Sales.
    expect(sales?.members.map((principal) => principal.id)).toEqual([1, 2, 3, 5].map((index) => members[index]?.id));
    expect(sales?.members[0]).toMatchObject({ kind: 'member', email: members[1]?.email, name: members[1]?.name });

    const reserve = await platform.listNumbers({ ...ALL_NUMBERS, assigned: false });
    expect(reserve.data).toHaveLength(5);
    const held = await platform.listNumbers({ ...ALL_NUMBERS, assigned: true });
    expect(held.data.map((number) => number.e164)).toEqual(members.flatMap((member) => member.numbers.map((n) => n.e164)));
    expect(held.data[0]).toMatchObject({ sharing: 'direct', country: 'NZ', kind: 'geographic', label: 'Direct' });

    // Reading the members back gives what they were seeded with.
    const page = await platform.listMembers(ALL_MEMBERS);
    for (const seeded of members) {
      const read = page.data.find((member) => member.id === seeded.id);
      expect({ numbers: read?.numbers, groups: read?.groups }).toEqual({ numbers: seeded.numbers, groups: seeded.groups });
    }
  });

  it('keeps a seeded member’s groups in the order they were given', async () => {
    const jordan = fakeMember(1, 'acme.test', {
      groups: ['Sales', 'Support', 'Billing'].map((name, index) => ({ id: `g${String(index)}`, name })),
    });
    const platform = withTeam([signedIn(), jordan]);
    const { value } = await platform.getMember(jordan.id);
    expect(value.groups.map((group) => group.name)).toEqual(['Sales', 'Support', 'Billing']);
  });

  it('makes a number two seeded members both hold a shared one', async () => {
    const desk = { id: 'n-desk', e164: '+6495550999', label: 'Front desk' };
    const platform = withTeam([
      signedIn(),
      fakeMember(1, 'acme.test', { numbers: [desk] }),
      fakeMember(2, 'acme.test', { numbers: [desk] }),
    ]);
    const { value } = await platform.getNumber('n-desk');
    expect(value.sharing).toBe('shared');
    expect(value.assignees).toHaveLength(2);
  });

  it('enforces a recording direction a seeded member shows as enforced', async () => {
    const jordan = fakeMember(1, 'acme.test', {
      recording: { inbound: { enabled: true, enforced: true }, outbound: { enabled: false, enforced: false } },
    });
    const platform = withTeam([signedIn(), jordan]);
    expect(platform.world.configuration().recording).toEqual({ inbound: 'always', outbound: 'member_choice' });
    expect((await platform.me()).value.recording.inbound).toEqual({ enabled: true, enforced: true });
  });

  it('knows the signed-in user even when the test’s team leaves them out, without listing them', async () => {
    const platform = withTeam(fakeTeam(3));
    const me = await platform.me();
    expect(me.value).toMatchObject({ id: ME, role: 'owner', email: LOCAL_WORKSPACE.userEmail });
    expect((await platform.listMembers(ALL_MEMBERS)).data).toHaveLength(3);
  });

  it('takes seeded configurations, invitations, groups and numbers', async () => {
    const desk = { id: 'n-desk', e164: '+6495550999', label: 'Front desk' };
    const platform = withTeam(team(2), {
      configurations: { [LOCAL_WORKSPACE.id]: { ...FAKE_CONFIGURATION, default_role: 'admin' } },
      invitations: {
        [LOCAL_WORKSPACE.id]: [
          {
            id: 'i-ana',
            email: 'ana@acme.test',
            role: 'member',
            permissions: ['make_outbound_calls'],
            grants: [],
            numbers: [desk],
            groups: [{ id: 'g-new', name: 'New starters' }],
            status: 'pending',
            expires_at: '2999-01-01T00:00:00Z',
            invited_by: ME,
            member_id: null,
            created_at: '2026-11-01T09:00:00Z',
            updated_at: '2026-11-01T09:00:00Z',
          },
        ],
      },
      reserveNumbers: 1,
    });
    expect(platform.world.configuration().default_role).toBe('admin');
    const pending = await platform.listInvitations({ cursor: null, limit: null, q: 'ANA', status: 'pending' });
    expect(pending.data.map((invitation) => invitation.id)).toEqual(['i-ana']);
    expect((await platform.getNumber('n-desk')).value.assignees).toEqual([
      { id: 'i-ana', kind: 'invitation', email: 'ana@acme.test', name: null },
    ]);
    expect(platform.world.groups().find((group) => group.id === 'g-new')?.members.map((p) => p.id)).toEqual(['i-ana']);
    expect((await platform.listNumbers({ ...ALL_NUMBERS, assigned: false })).data).toHaveLength(1);
  });

  it('gives each workspace its own account', async () => {
    const acme = { ...LOCAL_WORKSPACE, id: 'ws-acme', kind: 'remote' as const, serverUrl: 'https://acme.example' };
    const platform = createFakePlatform({}, { workspaces: [LOCAL_WORKSPACE, acme] });
    await platform.createGroup('k1', { name: 'Only here', description: '' });
    expect(platform.world.groups().some((group) => group.name === 'Only here')).toBe(true);
    expect(platform.world.groups('ws-acme').some((group) => group.name === 'Only here')).toBe(false);
  });
});

describe('links shown on both sides', () => {
  it('assigning a reserve number changes the number, the member and both ETags, and is audited', async () => {
    const platform = withTeam(team(3));
    const jordan = (await platform.listMembers(ALL_MEMBERS)).data[1] as Member;
    const before = await platform.getMember(jordan.id);
    const spare = (await platform.listNumbers({ ...ALL_NUMBERS, assigned: false })).data[0];
    if (spare === undefined) throw new Error('no spare number');
    const numberBefore = await platform.getNumber(spare.id);

    const assigned = await platform.assignNumber(spare.id, numberBefore.etag, jordan.id);

    expect(assigned.value.assignees).toEqual([{ id: jordan.id, kind: 'member', email: jordan.email, name: jordan.name }]);
    expect(assigned.etag).not.toBe(numberBefore.etag);
    const after = await platform.getMember(jordan.id);
    expect(after.value.numbers.map((number) => number.id)).toContain(spare.id);
    expect(after.etag).not.toBe(before.etag);
    expect(platform.world.teams.get(LOCAL_WORKSPACE.id)?.[1]?.numbers.map((number) => number.id)).toContain(spare.id);
    expect(platform.world.audit()[0]).toMatchObject({
      action: 'number.assigned',
      actor_id: ME,
      target_type: 'number',
      target_id: spare.id,
      changes: { principal_id: jordan.id, kind: 'member' },
    });
  });

  it('unassigning puts the number back in reserve and off the member', async () => {
    const platform = withTeam(team(2));
    const jordan = (await platform.listMembers(ALL_MEMBERS)).data[1] as Member;
    const number = jordan.numbers[0];
    if (number === undefined) throw new Error('Jordan has no number');
    const { etag } = await platform.getNumber(number.id);
    const result = await platform.unassignNumber(number.id, etag, jordan.id);
    expect(result.value.assignees).toEqual([]);
    expect((await platform.getMember(jordan.id)).value.numbers).toEqual([]);
    expect((await platform.listNumbers({ ...ALL_NUMBERS, assigned: false })).data.map((n) => n.id)).toContain(number.id);
  });

  it('adding someone to a group shows in their groups; deleting the group takes it away', async () => {
    const platform = withTeam(team(2));
    const created = await platform.createGroup('key-1', { name: 'Escalations', description: 'Second line' });
    const added = await platform.addGroupMember(created.value.id, created.etag, ME);
    expect(added.value.members.map((principal) => principal.id)).toEqual([ME]);
    expect((await platform.me()).value.groups).toContainEqual({ id: created.value.id, name: 'Escalations' });

    await platform.deleteGroup(added.value.id, added.etag);
    expect((await platform.me()).value.groups.some((group) => group.id === created.value.id)).toBe(false);
    await expect(platform.getGroup(created.value.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a member’s recording follows the account’s policy, and their own choice survives it', async () => {
    const platform = withTeam(team(2));
    const me = await platform.me();
    const chosen = await platform.updateMe(me.etag, { recording: { outbound: true } });
    expect(chosen.value.recording.outbound).toEqual({ enabled: true, enforced: false });

    const config = await platform.getConfiguration();
    const never = await platform.updateConfiguration(config.etag, { recording: { outbound: 'never' } });
    expect((await platform.me()).value.recording.outbound).toEqual({ enabled: false, enforced: true });
    const refused = await rejection(platform.updateMe((await platform.me()).etag, { recording: { outbound: true } }));
    expect(refused.code).toBe('recording_enforced_by_policy');

    await platform.updateConfiguration(never.etag, { recording: { outbound: 'member_choice' } });
    expect((await platform.me()).value.recording.outbound).toEqual({ enabled: true, enforced: false });
  });

  it('derives permissions from the role and grants', async () => {
    const platform = withTeam(team(3));
    const mei = await platform.getMember(fakeMember(2).id);
    const updated = await platform.updateMember(mei.value.id, mei.etag, { grants: ['view_analytics', 'view_analytics'] });
    expect(updated.value.grants).toEqual(['view_analytics']);
    expect(updated.value.permissions).toEqual(['view_analytics', 'make_outbound_calls']);
  });
});

describe('ETags', () => {
  it('change on every write, and a stale one is refused with precondition_failed', async () => {
    const platform = withTeam(team(3));
    const first = await platform.getMember(fakeMember(2).id);
    const renamed = await platform.updateMember(first.value.id, first.etag, { name: 'Mei Chen-Ngata' });
    expect(renamed.etag).not.toBe(first.etag);
    const again = await platform.updateMember(first.value.id, renamed.etag, { name: 'Mei Chen' });
    expect(again.etag).not.toBe(renamed.etag);

    const stale = await rejection(platform.updateMember(first.value.id, first.etag, { name: 'Someone else' }));
    expect(stale.code).toBe('precondition_failed');
    expect(stale.message).toMatch(/Someone else changed Mei Chen/u);
    expect((await platform.getMember(first.value.id)).value.name).toBe('Mei Chen');
  });

  it('guard groups, numbers, invitations and the configuration too', async () => {
    const platform = withTeam(team(2));
    const group = await platform.createGroup('g', { name: 'Sales desk', description: '' });
    await platform.updateGroup(group.value.id, group.etag, { description: 'New' });
    expect((await rejection(platform.updateGroup(group.value.id, group.etag, { name: 'X' }))).code).toBe('precondition_failed');
    expect((await rejection(platform.addGroupMember(group.value.id, group.etag, ME))).code).toBe('precondition_failed');

    const number = (await platform.listNumbers(ALL_NUMBERS)).data[0];
    if (number === undefined) throw new Error('no numbers');
    const { etag } = await platform.getNumber(number.id);
    await platform.updateNumber(number.id, etag, { label: 'Reception' });
    expect((await rejection(platform.updateNumber(number.id, etag, { label: 'Other' }))).code).toBe('precondition_failed');

    const config = await platform.getConfiguration();
    const updated = await platform.updateConfiguration(config.etag, { default_role: 'admin' });
    expect(updated.etag).not.toBe(config.etag);
    expect((await rejection(platform.updateConfiguration(config.etag, { default_role: 'member' }))).code).toBe(
      'precondition_failed',
    );

    const invitation = await platform.createInvitation('i', { email: 'new@acme.test', grants: [], number_ids: [], group_ids: [] });
    await platform.updateInvitation(invitation.value.id, invitation.etag, { role: 'admin' });
    expect((await rejection(platform.updateInvitation(invitation.value.id, invitation.etag, { role: 'member' }))).code).toBe(
      'precondition_failed',
    );
  });

  it('differ between resources, so one resource’s ETag never passes for another’s', async () => {
    const platform = withTeam(team(3));
    const mei = await platform.getMember(fakeMember(2).id);
    const jordan = await platform.getMember(fakeMember(1).id);
    expect(mei.etag).not.toBe(jordan.etag);
    expect((await rejection(platform.updateMember(mei.value.id, jordan.etag, { name: 'M' }))).code).toBe('precondition_failed');
  });
});

describe('the server’s refusals for members', () => {
  it('last_owner: the only owner can’t be demoted or deactivated', async () => {
    const platform = withTeam(team(3));
    const me = await platform.me();
    for (const patch of [{ role: 'admin' as const }, { status: 'deactivated' as const }]) {
      const refused = await rejection(platform.updateMember(ME, me.etag, patch));
      expect(refused.code).toBe('last_owner');
      expect(refused.message).toMatch(/last owner/u);
    }
    // With a second owner it is allowed.
    const jordan = await platform.getMember(fakeMember(1).id);
    await platform.updateMember(jordan.value.id, jordan.etag, { role: 'owner' });
    const demoted = await platform.updateMember(ME, (await platform.me()).etag, { role: 'admin' });
    expect(demoted.value.role).toBe('admin');
  });

  it('forbidden: an admin can’t change an owner or make someone an owner', async () => {
    const owner = fakeMember(1, 'acme.test', { role: 'owner' });
    const member = fakeMember(2);
    const platform = withTeam([signedIn('admin'), owner, member]);
    const ownerNow = await platform.getMember(owner.id);
    const memberNow = await platform.getMember(member.id);

    const changingOwner = await rejection(platform.updateMember(owner.id, ownerNow.etag, { name: 'Renamed' }));
    expect(changingOwner.code).toBe('forbidden');
    const makingOwner = await rejection(platform.updateMember(member.id, memberNow.etag, { role: 'owner' }));
    expect(makingOwner.code).toBe('forbidden');
    expect((await rejection(platform.removeMember(owner.id, ownerNow.etag, KEEP_NUMBERS))).code).toBe('forbidden');

    // An admin may make a member an admin, and the change is audited in the server's words.
    await platform.updateMember(member.id, memberNow.etag, { role: 'admin' });
    expect(platform.world.audit()[0]).toMatchObject({
      action: 'member.updated',
      actor_id: ME,
      target_type: 'member',
      target_id: member.id,
      changes: { role: { from: 'member', to: 'admin' } },
    });
  });

  it('forbidden: a member can’t manage the team, but can change their own name', async () => {
    const platform = withTeam([signedIn('member'), fakeMember(1, 'acme.test', { role: 'owner' }), fakeMember(2)]);
    const other = await platform.getMember(fakeMember(2).id);
    expect((await rejection(platform.updateMember(other.value.id, other.etag, { name: 'X' }))).code).toBe('forbidden');
    expect((await rejection(platform.createGroup('k', { name: 'Mine', description: '' }))).code).toBe('forbidden');
    expect((await rejection(platform.listAuditEvents(ALL_EVENTS))).code).toBe('forbidden');
    const me = await platform.updateMe((await platform.me()).etag, { name: '  Aroha N.  ' });
    expect(me.value.name).toBe('Aroha N.');
  });

  it('validation_failed names the field', async () => {
    const platform = withTeam(team(2));
    const refused = await rejection(platform.updateMe((await platform.me()).etag, { name: '   ' }));
    expect(refused.code).toBe('validation_failed');
    expect(refused.fieldError('name')).toMatch(/1 to 200 characters/u);
  });

  it('cannot_remove_self', async () => {
    const platform = withTeam(team(2));
    const me = await platform.me();
    expect((await rejection(platform.removeMember(ME, me.etag, KEEP_NUMBERS))).code).toBe('cannot_remove_self');
  });

  it('member_holds_numbers until the numbers are sent back to reserve', async () => {
    const platform = withTeam(team(3));
    const jordan = await platform.getMember(fakeMember(1).id);
    const number = jordan.value.numbers[0];
    if (number === undefined) throw new Error('Jordan has no number');
    const group = jordan.value.groups[0];

    const refused = await rejection(platform.removeMember(jordan.value.id, jordan.etag, KEEP_NUMBERS));
    expect(refused.code).toBe('member_holds_numbers');

    await platform.removeMember(jordan.value.id, jordan.etag, { unassign_numbers: true, reassign_numbers_to: null });
    await expect(platform.getMember(jordan.value.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await platform.getNumber(number.id)).value.assignees).toEqual([]);
    expect(platform.world.groups().find((g) => g.id === group?.id)?.members.some((p) => p.id === jordan.value.id)).toBe(false);
    expect(platform.world.teams.get(LOCAL_WORKSPACE.id)).toHaveLength(2);
    expect(platform.world.audit()[0]).toMatchObject({
      action: 'member.removed',
      changes: { email: jordan.value.email, numbers: [number.id], reassigned_to: null },
    });
  });

  it('moves the numbers to another member with reassign_numbers_to', async () => {
    const platform = withTeam(team(3));
    const jordan = await platform.getMember(fakeMember(1).id);
    const number = jordan.value.numbers[0];
    if (number === undefined) throw new Error('Jordan has no number');
    const mei = fakeMember(2).id;

    const toThemselves = await rejection(
      platform.removeMember(jordan.value.id, jordan.etag, { unassign_numbers: null, reassign_numbers_to: jordan.value.id }),
    );
    expect(toThemselves.fieldError('reassign_numbers_to')).toBeDefined();

    await platform.removeMember(jordan.value.id, jordan.etag, { unassign_numbers: null, reassign_numbers_to: mei });
    expect((await platform.getNumber(number.id)).value.assignees.map((p) => p.id)).toEqual([mei]);
    expect((await platform.getMember(mei)).value.numbers.map((n) => n.id)).toContain(number.id);
  });

  it('not_found for someone who isn’t there', async () => {
    const platform = withTeam(team(2));
    expect((await rejection(platform.getMember('nobody'))).code).toBe('not_found');
    expect((await rejection(platform.updateMember('nobody', '"1"', { name: 'X' }))).code).toBe('not_found');
  });
});

describe('the server’s refusals for numbers and groups', () => {
  it('number_already_assigned for a direct number someone holds; a shared one takes more', async () => {
    const platform = withTeam(team(3));
    const jordan = await platform.getMember(fakeMember(1).id);
    const number = jordan.value.numbers[0];
    if (number === undefined) throw new Error('Jordan has no number');
    const direct = await platform.getNumber(number.id);

    const refused = await rejection(platform.assignNumber(number.id, direct.etag, ME));
    expect(refused.code).toBe('number_already_assigned');
    expect(refused.message).toContain(jordan.value.name);

    const shared = await platform.updateNumber(number.id, direct.etag, { sharing: 'shared' });
    const both = await platform.assignNumber(number.id, shared.etag, ME);
    expect(both.value.assignees.map((principal) => principal.id)).toEqual([jordan.value.id, ME]);

    const backToDirect = await rejection(platform.updateNumber(number.id, both.etag, { sharing: 'direct' }));
    expect(backToDirect.code).toBe('number_has_several_assignees');
    expect(platform.world.audit().map((event) => event.action).slice(0, 2)).toEqual(['number.assigned', 'number.updated']);
  });

  it('group_exists for a name already taken, whatever its case', async () => {
    const platform = withTeam(team(4));
    const refused = await rejection(platform.createGroup('k', { name: ' sales ', description: '' }));
    expect(refused.code).toBe('group_exists');
    const other = await platform.createGroup('k2', { name: 'Escalations', description: '' });
    expect((await rejection(platform.updateGroup(other.value.id, other.etag, { name: 'SUPPORT' }))).code).toBe('group_exists');
    // Renaming a group to its own name in another case is fine.
    const renamed = await platform.updateGroup(other.value.id, other.etag, { name: 'ESCALATIONS' });
    expect(renamed.value.name).toBe('ESCALATIONS');
  });

  it('validation_failed for an empty or too long group name, with the field', async () => {
    const platform = withTeam(team(2));
    const empty = await rejection(platform.createGroup('k', { name: '  ', description: '' }));
    expect(empty.code).toBe('validation_failed');
    expect(empty.fieldError('name')).toBeDefined();
    const long = await rejection(platform.createGroup('k2', { name: 'x'.repeat(201), description: '' }));
    expect(long.fieldError('name')).toBeDefined();
    const description = await rejection(platform.createGroup('k3', { name: 'Fine', description: 'y'.repeat(1001) }));
    expect(description.fieldError('description')).toBeDefined();
  });

  it('createGroup is idempotent by key, and audited once', async () => {
    const platform = withTeam(team(2));
    const first = await platform.createGroup('same', { name: 'Escalations', description: '' });
    const again = await platform.createGroup('same', { name: 'Escalations', description: '' });
    expect(again).toEqual(first);
    expect(platform.world.groups().filter((group) => group.name === 'Escalations')).toHaveLength(1);
    expect(platform.world.audit().filter((event) => event.action === 'group.created')).toHaveLength(1);
    expect((await rejection(platform.createGroup('same', { name: 'Other', description: '' }))).code).toBe('idempotency_key_reused');
  });

  it('not_found for removing someone who isn’t in the group', async () => {
    const platform = withTeam(team(2));
    const group = await platform.createGroup('k', { name: 'Empty', description: '' });
    expect((await rejection(platform.removeGroupMember(group.value.id, group.etag, ME))).code).toBe('not_found');
    expect((await rejection(platform.addGroupMember(group.value.id, group.etag, 'nobody'))).code).toBe('not_found');
  });
});

describe('the configuration', () => {
  it('refuses bad fields with validation_failed, naming each', async () => {
    const platform = withTeam(team(2));
    const { etag } = await platform.getConfiguration();
    const cases: [ConfigurationPatch, string][] = [
      [{ onboarding_url: 'not a url' }, 'onboarding_url'],
      [{ onboarding_url: 'ftp://files.example' }, 'onboarding_url'],
      [{ invitation_lifetime_hours: 0 }, 'invitation_lifetime_hours'],
      [{ invitation_lifetime_hours: 8761 }, 'invitation_lifetime_hours'],
      [{ unassigned_numbers: 'divert' }, 'divert_to'],
      [{ unassigned_numbers: 'divert', divert_to: '09 555 0100' }, 'divert_to'],
      [{ allowed_email_domains: ['acme'] }, 'allowed_email_domains'],
      [{ default_role: 'owner' }, 'default_role'],
    ];
    for (const [patch, field] of cases) {
      const refused = await rejection(platform.updateConfiguration(etag, patch));
      expect(refused.code, field).toBe('validation_failed');
      expect(refused.fieldError(field), JSON.stringify(patch)).toBeDefined();
    }
    expect((await platform.getConfiguration()).etag).toBe(etag);
  });

  it('takes good fields, and audits what changed', async () => {
    const platform = withTeam(team(2));
    const { etag } = await platform.getConfiguration();
    const updated = await platform.updateConfiguration(etag, {
      unassigned_numbers: 'divert',
      divert_to: ' +6495550100 ',
      onboarding_url: 'https://learn.acme.test/start',
      allowed_email_domains: ['@ACME.test', 'acme.test'],
      invitation_lifetime_hours: 8760,
    });
    expect(updated.value).toMatchObject({
      unassigned_numbers: 'divert',
      divert_to: '+6495550100',
      onboarding_url: 'https://learn.acme.test/start',
      allowed_email_domains: ['acme.test'],
      invitation_lifetime_hours: 8760,
    });
    expect(platform.world.configuration()).toEqual(updated.value);
    const [event] = platform.world.audit();
    expect(event).toMatchObject({ action: 'configuration.updated', target_type: 'configuration', target_id: null, actor_id: ME });
    expect(event?.changes).toEqual({
      unassigned_numbers: { from: 'reject', to: 'divert' },
      divert_to: { from: null, to: '+6495550100' },
      onboarding_url: { from: null, to: 'https://learn.acme.test/start' },
      allowed_email_domains: { from: [], to: ['acme.test'] },
      invitation_lifetime_hours: { from: 168, to: 8760 },
    });

    // Clearing the divert number sends reserve numbers back to rejecting calls.
    const cleared = await platform.updateConfiguration(updated.etag, { divert_to: '' });
    expect(cleared.value).toMatchObject({ divert_to: null, unassigned_numbers: 'reject' });
  });
});

describe('provisioning', () => {
  it('shows a token’s secret once, lists it without, records its use and refuses it once revoked', async () => {
    const platform = withTeam(team(3));
    const before = await platform.getProvisioning();
    expect(before).toEqual({ scim_base_url: `${LOCAL_WORKSPACE.serverUrl}/scim/v2`, tokens: [] });

    const created = await platform.createProvisioningToken({ name: '  Okta ' });
    expect(created.token).toMatch(/^sbscim_[A-Za-z0-9_-]{43}$/u);
    expect(created.provisioning_token).toMatchObject({ name: 'Okta', created_by: ME, last_used_at: null });
    const listed = await platform.getProvisioning();
    expect(listed.tokens).toEqual([created.provisioning_token]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    expect(platform.world.scimRequest(created.token)).toBe(200);
    expect((await platform.getProvisioning()).tokens[0]?.last_used_at).not.toBeNull();
    expect(platform.world.scimRequest('sbscim_guessed')).toBe(401);

    await platform.revokeProvisioningToken(created.provisioning_token.id);
    expect(platform.world.scimRequest(created.token)).toBe(401);
    expect((await platform.getProvisioning()).tokens).toEqual([]);
    expect((await rejection(platform.revokeProvisioningToken(created.provisioning_token.id))).code).toBe('not_found');
  });

  it('lets admins read but only owners create or revoke; members see nothing', async () => {
    const owner = withTeam(team(3));
    const created = await owner.createProvisioningToken({ name: 'Entra ID' });
    const admin = withTeam(team(3, 'admin'));
    await expect(admin.getProvisioning()).resolves.toMatchObject({ tokens: [] });
    expect((await rejection(admin.createProvisioningToken({ name: 'Okta' }))).code).toBe('forbidden');
    expect((await rejection(admin.revokeProvisioningToken(created.provisioning_token.id))).code).toBe('forbidden');
    expect((await rejection(withTeam(team(3, 'member')).getProvisioning())).code).toBe('forbidden');
    expect((await rejection(owner.createProvisioningToken({ name: ' ' }))).fieldError('name')).toBeDefined();
  });

  it('refuses changes to what the identity provider owns and keeps the rest editable', async () => {
    const managed = fakeMember(1, 'acme.test', { role: 'member', status: 'active', managed_by: 'identity_provider' });
    const platform = withTeam([signedIn(), managed]);
    const read = await platform.getMember(managed.id);
    for (const patch of [{ name: 'Someone Else' }, { status: 'deactivated' as const }]) {
      expect((await rejection(platform.updateMember(managed.id, read.etag, patch))).code).toBe('managed_by_identity_provider');
    }
    const promoted = await platform.updateMember(managed.id, read.etag, { role: 'admin' });
    expect(promoted.value).toMatchObject({ role: 'admin', name: managed.name, managed_by: 'identity_provider' });
  });
});

describe('invitations', () => {
  const invite = (email: string, extra: { number_ids?: string[]; group_ids?: string[] } = {}) => ({
    email,
    grants: [],
    number_ids: extra.number_ids ?? [],
    group_ids: extra.group_ids ?? [],
  });

  it('are created once per idempotency key', async () => {
    const platform = withTeam(team(2));
    const first = await platform.createInvitation('key-1', invite('Ana@Example.com'));
    const retry = await platform.createInvitation('key-1', invite('Ana@Example.com'));
    expect(retry.value.id).toBe(first.value.id);
    expect(platform.world.invitations()).toHaveLength(1);
    expect(first.value).toMatchObject({ email: 'ana@example.com', role: 'member', status: 'pending', invited_by: ME });
    expect((await rejection(platform.createInvitation('key-1', invite('bo@example.com')))).code).toBe('idempotency_key_reused');
  });

  it('refuse a member, a second pending invitation, an address outside the allowed domains, and an owner', async () => {
    const platform = withTeam(team(2));
    const jordan = fakeMember(1);
    expect((await rejection(platform.createInvitation('a', invite(jordan.email.toUpperCase())))).code).toBe('already_member');
    await platform.createInvitation('b', invite('ana@example.com'));
    expect((await rejection(platform.createInvitation('c', invite('ana@example.com')))).code).toBe('invitation_pending');
    const { etag } = await platform.getConfiguration();
    await platform.updateConfiguration(etag, { allowed_email_domains: ['acme.test'] });
    const outside = await rejection(platform.createInvitation('d', invite('bo@example.com')));
    expect(outside.code).toBe('email_domain_not_allowed');
    expect(outside.message).toMatch(/@acme\.test/u);
    const owner = await rejection(platform.createInvitation('e', { ...invite('cy@acme.test'), role: 'owner' }));
    expect(owner.fieldError('role')).toBeDefined();
    const bad = await rejection(platform.createInvitation('f', invite('not an email')));
    expect(bad.fieldError('email')).toBeDefined();
  });

  it('hold their numbers and groups until revoked, when the numbers go back to reserve', async () => {
    const platform = withTeam(team(4));
    const spare = (await platform.listNumbers({ ...ALL_NUMBERS, assigned: false })).data[0];
    const sales = platform.world.groups().find((group) => group.name === 'Sales');
    if (spare === undefined || sales === undefined) throw new Error('no spare number or Sales group');

    const created = await platform.createInvitation('k', invite('ana@acme.test', { number_ids: [spare.id], group_ids: [sales.id] }));
    expect(created.value.numbers).toEqual([{ id: spare.id, e164: spare.e164, label: spare.label }]);
    expect(created.value.groups).toEqual([{ id: sales.id, name: 'Sales' }]);
    const held = await platform.getNumber(spare.id);
    expect(held.value.assignees).toEqual([{ id: created.value.id, kind: 'invitation', email: 'ana@acme.test', name: null }]);

    // A direct number someone holds can't go into an invitation, and nothing is created then.
    const taken = fakeMember(1).numbers[0]?.id ?? '';
    expect((await rejection(platform.createInvitation('k2', invite('bo@acme.test', { number_ids: [taken] })))).code).toBe(
      'number_already_assigned',
    );
    expect(platform.world.invitations()).toHaveLength(1);

    const revoked = await platform.revokeInvitation(created.value.id);
    expect(revoked.value).toMatchObject({ status: 'revoked', numbers: [], groups: [] });
    expect((await platform.getNumber(spare.id)).value.assignees).toEqual([]);
    expect((await platform.revokeInvitation(created.value.id)).value.status).toBe('revoked');
    expect((await rejection(platform.updateInvitation(created.value.id, revoked.etag, { role: 'admin' }))).code).toBe(
      'invitation_revoked',
    );
    expect((await rejection(platform.resendInvitation(created.value.id))).code).toBe('invitation_revoked');
  });

  it('expire after the configured lifetime, and resending gives a new expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-04T09:00:00Z'));
    const platform = withTeam(team(2));
    const created = await platform.createInvitation('k', invite('ana@acme.test'));
    expect(created.value.expires_at).toBe('2027-01-11T09:00:00.000Z');

    vi.setSystemTime(new Date('2027-01-12T09:00:00Z'));
    expect((await platform.getInvitation(created.value.id)).value.status).toBe('expired');
    expect((await platform.listInvitations({ cursor: null, limit: null, q: null, status: 'expired' })).data).toHaveLength(1);
    expect((await platform.listInvitations({ cursor: null, limit: null, q: null, status: 'pending' })).data).toHaveLength(0);

    const resent = await platform.resendInvitation(created.value.id);
    expect(resent.value.status).toBe('pending');
    expect(Date.parse(resent.value.expires_at)).toBeGreaterThanOrEqual(Date.parse('2027-01-19T09:00:00Z'));
    expect(resent.etag).not.toBe(created.etag);
    expect(platform.world.audit()[0]?.action).toBe('invitation.resent');
  });
});

describe('lists', () => {
  it('page numbers by cursor, with filters', async () => {
    const platform = withTeam(team(12));
    const all = await platform.listNumbers(ALL_NUMBERS);
    const first = await platform.listNumbers({ ...ALL_NUMBERS, limit: 4 });
    expect(first.data).toHaveLength(4);
    const second = await platform.listNumbers({ ...ALL_NUMBERS, limit: 4, cursor: first.next_cursor });
    expect([...first.data, ...second.data].map((n) => n.id)).toEqual(all.data.slice(0, 8).map((n) => n.id));
    expect((await platform.listNumbers({ ...ALL_NUMBERS, q: 'sydney' })).data.map((n) => n.country)).toEqual(['AU']);
    expect((await platform.listNumbers({ ...ALL_NUMBERS, q: 'au' })).data.map((n) => n.country)).toContain('AU');
    expect((await platform.listNumbers({ ...ALL_NUMBERS, q: '+61' })).data.map((n) => n.e164)).toEqual(['+61255559004']);
    expect((await platform.listNumbers({ ...ALL_NUMBERS, q: 'freephone' })).data.map((n) => n.kind)).toEqual(['toll_free']);
    expect((await rejection(platform.listNumbers({ ...ALL_NUMBERS, limit: 201 }))).code).toBe('invalid_limit');
    expect((await rejection(platform.listNumbers({ ...ALL_NUMBERS, cursor: 'garbage' }))).code).toBe('invalid_cursor');
  });

  it('don’t repeat an item when an earlier one goes between pages', async () => {
    const platform = withTeam(team(4));
    const first = await platform.listGroups({ cursor: null, limit: 2, q: null });
    const gone = first.data[0];
    if (gone === undefined) throw new Error('no groups');
    await platform.deleteGroup(gone.id, (await platform.getGroup(gone.id)).etag);
    const second = await platform.listGroups({ cursor: first.next_cursor, limit: 2, q: null });
    expect(second.data.map((group) => group.name)).toEqual(['Billing']);
  });

  it('search groups by name', async () => {
    const platform = withTeam(team(4));
    expect((await platform.listGroups({ cursor: null, limit: null, q: 'SUP' })).data.map((g) => g.name)).toEqual(['Support']);
  });

  it('filter members by the groups the world holds', async () => {
    const platform = withTeam(team(4));
    const group = await platform.createGroup('k', { name: 'Escalations', description: '' });
    await platform.addGroupMember(group.value.id, group.etag, fakeMember(3).id);
    const page = await platform.listMembers({ ...ALL_MEMBERS, group_id: group.value.id });
    expect(page.data.map((member) => member.id)).toEqual([fakeMember(3).id]);
  });

  it('list members in the order asked for, ties broken by id, with the total', async () => {
    const named = (index: number, name: string, extra: Partial<Member> = {}) =>
      fakeMember(index, 'acme.test', { name, email: `${name.toLowerCase().replace(/\W/gu, '')}${String(index)}@acme.test`, ...extra });
    const people = [
      named(0, 'zoe', { id: ME, role: 'owner' }),
      named(1, 'Ana', { role: 'member', created_at: '2026-11-03T09:00:00Z' }),
      named(2, 'ana', { role: 'admin', created_at: '2026-11-02T09:00:00Z' }),
      named(3, 'Émile', { role: 'member' }),
      named(4, 'Bo', { role: 'admin' }),
    ];
    const platform = withTeam(people);
    const names = async (order: Ordered = {}) =>
      (await platform.listMembers({ ...ALL_MEMBERS, ...order })).data.map((member) => member.name);

    // Without an order, the team's own (which older tests rely on).
    expect(await names()).toEqual(['zoe', 'Ana', 'ana', 'Émile', 'Bo']);
    // ASCII case folds (Ana and ana tie, the id decides); other letters by code point (É after z).
    expect(await names({ sort: 'name' })).toEqual(['Ana', 'ana', 'Bo', 'zoe', 'Émile']);
    expect(await names({ sort: 'name', order: 'desc' })).toEqual(['Émile', 'zoe', 'Bo', 'ana', 'Ana']);
    expect(await names({ sort: 'role' })).toEqual(['zoe', 'ana', 'Bo', 'Ana', 'Émile']);
    expect(await names({ sort: 'created' })).toEqual(['zoe', 'Émile', 'Bo', 'ana', 'Ana']);
    // ana1@, ana2@, bo4@, mile3@, zoe0@.
    expect(await names({ sort: 'email' })).toEqual(['Ana', 'ana', 'Bo', 'Émile', 'zoe']);

    const byNameOrder: Ordered = { sort: 'name' };
    const byName = { ...ALL_MEMBERS, ...byNameOrder };
    const first = await platform.listMembers({ ...byName, limit: 2 });
    expect(first).toMatchObject({ next_cursor: '2', total: 5 });
    const rest = await platform.listMembers({ ...byName, limit: 2, cursor: first.next_cursor });
    expect(rest.data.map((member) => member.name)).toEqual(['Bo', 'zoe']);
    expect(await platform.listMembers({ ...ALL_MEMBERS, role: 'admin' })).toMatchObject({ total: 2 });
  });

  it('give the audit trail newest first, by cursor, filtered by actor, target and time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-04T09:00:00Z'));
    const platform = withTeam(team(3));
    const mei = await platform.getMember(fakeMember(2).id);
    const renamed = await platform.updateMember(mei.value.id, mei.etag, { name: 'Mei A' });
    vi.setSystemTime(new Date('2027-01-05T09:00:00Z'));
    const renamedAgain = await platform.updateMember(mei.value.id, renamed.etag, { name: 'Mei B' });
    await platform.updateMember(mei.value.id, renamedAgain.etag, { name: 'Mei C' });
    await platform.createGroup('k', { name: 'Escalations', description: '' });

    const first = await platform.listAuditEvents({ ...ALL_EVENTS, limit: 2 });
    expect(first.data.map((event) => event.action)).toEqual(['group.created', 'member.updated']);
    expect(first.data[1]?.changes).toEqual({ name: { from: 'Mei B', to: 'Mei C' } });
    const second = await platform.listAuditEvents({ ...ALL_EVENTS, limit: 2, cursor: first.next_cursor });
    expect(second.data.map((event) => event.changes)).toEqual([
      { name: { from: 'Mei A', to: 'Mei B' } },
      { name: { from: 'Mei Ngata', to: 'Mei A' } },
    ]);
    expect(second.next_cursor).toBeNull();

    const aboutMei = await platform.listAuditEvents({ ...ALL_EVENTS, target: mei.value.id });
    expect(aboutMei.data).toHaveLength(3);
    const byMe = await platform.listAuditEvents({ ...ALL_EVENTS, actor: ME });
    expect(byMe.data).toHaveLength(4);
    const since = await platform.listAuditEvents({ ...ALL_EVENTS, since: '2027-01-05T00:00:00Z' });
    expect(since.data).toHaveLength(3);
    expect((await platform.listAuditEvents({ ...ALL_EVENTS, actor: 'someone-else' })).data).toEqual([]);
  });
});

describe('the fake’s outbox', () => {
  const invitee = (email: string) => ({ email, role: null, grants: [], number_ids: [], group_ids: [] });
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('checks invitations against the team’s rules without creating any', async () => {
    const platform = createFakePlatform({}, { teams: { [LOCAL_WORKSPACE.id]: [signedIn()] } });
    await platform.createInvitation('k1', invitee('pending@acme.test'));
    const { results } = await platform.validateInvitations([
      invitee('new@acme.test'),
      invitee('aroha@acme.test'),
      invitee('pending@acme.test'),
    ]);
    expect(results.map((result) => result.error?.code ?? null)).toEqual([null, 'already_member', 'invitation_pending']);
    expect(platform.world.invitations()).toHaveLength(1);
    await expect(platform.validateInvitations([invitee('new@acme.test'), invitee('nope')])).rejects.toMatchObject({
      code: 'validation_failed',
      fields: { 'invitations[1].email': ['is not an email address'] },
    });
  });

  it('keeps invitations queued while offline and delivers them once the server is back', async () => {
    const platform = createFakePlatform({}, { offline: true, teams: { [LOCAL_WORKSPACE.id]: [signedIn()] } });
    const events: string[] = [];
    platform.watchOutbox((event) => events.push(event.kind === 'delivered' ? `delivered ${String(event.email)}` : event.kind));
    const queued = await platform.invite([invitee('ana@acme.test'), invitee('aroha@acme.test')]);
    expect(queued.map((entry) => entry.state)).toEqual(['queued', 'queued']);
    await settled();
    expect(events).toEqual(['failed', 'failed']);
    expect(platform.world.invitations()).toEqual([]);
    expect(await platform.outboxEntries()).toHaveLength(2);
    // A queued invite may be on its way under its key: only a refused one is edited and sent again.
    await expect(platform.retryOutboxEntry(queued[0]?.id ?? '', invitee('ana@acme.test'))).rejects.toMatchObject({
      code: 'outbox_entry_not_found',
    });

    events.length = 0;
    platform.world.setOffline(false);
    await settled();
    expect(events).toEqual(['delivered ana@acme.test', 'needs_attention']);
    expect(platform.world.invitations().map((invitation) => invitation.email)).toEqual(['ana@acme.test']);
    const [waiting] = await platform.outboxEntries();
    expect(waiting).toMatchObject({ state: 'needs_attention', last_error_code: 'already_member' });

    await platform.retryOutboxEntry(waiting?.id ?? '', invitee('bo@acme.test'));
    await settled();
    expect(await platform.outboxEntries()).toEqual([]);
    expect(platform.world.invitations().map((invitation) => invitation.email)).toEqual(['ana@acme.test', 'bo@acme.test']);
  });
});

describe('the fake’s mechanics', () => {
  it('records calls and lets a test replace a method', async () => {
    const platform = createFakePlatform({
      listGroups: () => Promise.reject(new PlatformError('offline', 'Couldn’t reach the server.')),
    });
    await expect(platform.listGroups({ cursor: null, limit: null, q: null })).rejects.toMatchObject({ code: 'offline' });
    await platform.getConfiguration();
    expect(platform.calls.listGroups).toBe(1);
    expect(platform.requests.map((request) => request.method)).toEqual(['listGroups', 'getConfiguration']);
  });

  it('keeps the app’s preferences with the workspace list', async () => {
    const platform = createFakePlatform();
    const state = await platform.setPreferences({ theme: 'dark' });
    expect(state.preferences).toEqual({ theme: 'dark' });
    expect((await platform.workspaces()).preferences).toEqual({ theme: 'dark' });
  });

  it('answers Import CSV with the file the world holds, or null as a cancelled dialog', async () => {
    expect(await createFakePlatform().importInvitationsCsv()).toBeNull();

    const csvImport: FakeWorld['csvImport'] = {
      header: true,
      ignoredColumns: ['Department'],
      rows: [
        { status: 'parsed', line: 2, invitee: { email: 'ana@acme.test', name: 'Ana', role: 'admin', groups: ['Sales'], numbers: [] } },
        { status: 'rejected', line: 3, problems: ['line 3: “bob@” isn’t an email address'] },
      ],
    };
    const platform = createFakePlatform({}, { csvImport });
    const imported = await platform.importInvitationsCsv();
    expect(imported).toEqual(csvImport);
    // A copy: what the caller does with the rows doesn't change the next import.
    expect(imported).not.toBe(csvImport);
    expect(platform.calls.importInvitationsCsv).toBe(1);
  });

  it('answers every Platform method', () => {
    const platform = createFakePlatform();
    const methods = Object.keys(platform.calls);
    expect(methods).toEqual(expect.arrayContaining(['updateMe', 'removeMember', 'createInvitation', 'listAuditEvents']));
  });
});

describe('photos', () => {
  const square = { x: 500, y: 0, width: 3000, height: 3000 };

  it('opens a picked photo, saves it as the member’s avatar with progress, and moves the ETag', async () => {
    const jordan = fakeMember(1, 'acme.test', { role: 'member' });
    const platform = withTeam([signedIn(), jordan]);
    const photo = await platform.pickPhoto();
    expect(photo).toEqual({ id: expect.any(String) as string, width: 4000, height: 3000 });
    if (photo === null) throw new Error('no photo');
    expect(platform.photoPreviewSrc(photo.id)).toMatch(/^data:image\/svg\+xml,/u);

    const before = await platform.getMember(jordan.id);
    const progress: unknown[] = [];
    const saved = await platform.savePhoto(photo.id, square, jordan.id, before.etag, (step) => progress.push(step));

    expect(saved.value.avatar_url).toMatch(new RegExp(`^/v1/members/${jordan.id}/avatar\\?v=\\d+$`, 'u'));
    expect(saved.etag).not.toBe(before.etag);
    expect((await platform.getMember(jordan.id)).value.avatar_url).toBe(saved.value.avatar_url);
    expect(progress[0]).toEqual({ stage: 'cropping' });
    expect(progress.at(-1)).toEqual({ stage: 'uploading', sent: 48_000, total: 48_000 });
    expect(platform.world.audit()[0]).toMatchObject({ action: 'member.avatar_set', target_id: jordan.id });
    // Each photo has its own source, at each size.
    const url = saved.value.avatar_url ?? '';
    expect(platform.avatarSrc(jordan.id, url, 64)).not.toBe(platform.avatarSrc(jordan.id, url, 512));

    // A stale ETag is refused; the photo stays open for another try.
    const stale = await rejection(platform.savePhoto(photo.id, square, jordan.id, before.etag, () => undefined));
    expect(stale.code).toBe('precondition_failed');
    const again = await platform.savePhoto(photo.id, square, jordan.id, saved.etag, () => undefined);
    expect(platform.avatarSrc(jordan.id, again.value.avatar_url ?? '', 64)).not.toBe(platform.avatarSrc(jordan.id, url, 64));
  });

  it('checks the crop as the core does, with a pixel of slack', async () => {
    const platform = withTeam(team(1));
    const photo = await platform.pickPhoto();
    if (photo === null) throw new Error('no photo');
    const { etag } = await platform.me();
    const save = (crop: typeof square) => platform.savePhoto(photo.id, crop, ME, etag, () => undefined);

    expect((await rejection(save({ x: 0, y: 0, width: 3000, height: 2000 }))).code).toBe('photo_invalid_crop');
    expect((await rejection(save({ x: 1500, y: 0, width: 3000, height: 3000 }))).code).toBe('photo_invalid_crop');
    expect((await rejection(save({ x: 0, y: 0, width: 3002, height: 3002 }))).code).toBe('photo_invalid_crop');
    await expect(save({ x: 1000.5, y: -0.5, width: 3000, height: 3000 })).resolves.toBeDefined();
  });

  it('refuses a photo that was closed, and a save the world fails', async () => {
    const platform = withTeam(team(1));
    const photo = await platform.openDroppedPhoto();
    expect(photo).toMatchObject({ width: 3000, height: 4000 });
    const { etag } = await platform.me();
    const crop = { x: 0, y: 500, width: 3000, height: 3000 };

    platform.world.photos.saveFailures.push('offline');
    expect((await rejection(platform.savePhoto(photo.id, crop, ME, etag, () => undefined))).code).toBe('offline');
    expect((await platform.me()).value.avatar_url).toBeNull();

    await platform.closePhoto(photo.id);
    expect(platform.world.photos.openIds()).toEqual([]);
    expect((await rejection(platform.savePhoto(photo.id, crop, ME, etag, () => undefined))).code).toBe('photo_not_open');
  });

  it('answers the file dialog and drops as the world says, and tells watchers about drags', async () => {
    const platform = withTeam(team(1), { photos: { picked: null, dropped: 'photo_not_an_image' } });
    expect(await platform.pickPhoto()).toBeNull();
    const refused = await rejection(platform.openDroppedPhoto());
    expect(refused).toMatchObject({ code: 'photo_not_an_image', message: expect.stringContaining('isn’t an image') as string });

    const seen: unknown[] = [];
    const stop = platform.watchFileDrops((event) => seen.push(event));
    platform.world.photos.emit({ type: 'over', x: 10, y: 20 });
    stop();
    platform.world.photos.emit({ type: 'leave' });
    expect(seen).toEqual([{ type: 'over', x: 10, y: 20 }]);
  });

  it('removes a photo, and lets only owners and admins change someone else’s', async () => {
    const jordan = fakeMember(1, 'acme.test', { role: 'member', avatar_url: '/v1/members/x/avatar?v=1' });
    const asMember = withTeam([signedIn('member'), jordan]);
    const photo = await asMember.pickPhoto();
    if (photo === null) throw new Error('no photo');
    const theirs = await asMember.getMember(jordan.id);
    expect((await rejection(asMember.removePhoto(jordan.id, theirs.etag))).code).toBe('forbidden');
    expect((await rejection(asMember.savePhoto(photo.id, square, jordan.id, theirs.etag, () => undefined))).code).toBe(
      'forbidden',
    );
    // Their own is theirs to change.
    const mine = await asMember.me();
    await expect(asMember.savePhoto(photo.id, square, ME, mine.etag, () => undefined)).resolves.toBeDefined();

    const asOwner = withTeam([signedIn(), jordan]);
    const removed = await asOwner.removePhoto(jordan.id, (await asOwner.getMember(jordan.id)).etag);
    expect(removed.value.avatar_url).toBeNull();
    expect((await rejection(asOwner.removePhoto(jordan.id, removed.etag))).code).toBe('not_found');
  });
});
