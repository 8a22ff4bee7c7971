// The team directory and changes to members, with the server's refusals in the server's order: role,
// existence, ETag, the identity provider's fields, fields, policy, ownership, then the last-owner rule.
import type { ListMembers, Member, MemberPatch, Page, RemoveMember, Versioned } from '../platform';
import { type Account, type Caller, changes } from './account';
import { offsetPage, withTotal } from './paging';
import { normaliseGrants } from './seed';
import { checkName, fail, FieldCheck, invalid } from './validate';

const DIRECTIONS = ['inbound', 'outbound'] as const;

function matches(member: Member, query: ListMembers): boolean {
  if (query.role !== null && member.role !== query.role) return false;
  if (query.status !== null && member.status !== query.status) return false;
  if (query.group_id !== null && !member.groups.some((group) => group.id === query.group_id)) return false;
  // Name and email only, as the server searches.
  const q = query.q?.trim().toLowerCase() ?? '';
  return q === '' || member.name.toLowerCase().includes(q) || member.email.toLowerCase().includes(q);
}

type MemberSortKey = 'name' | 'email' | 'role' | 'created';

/** Owners first: sorting by role asks who runs the team, top down, not for the roles' names A to Z. */
const ROLE_RANK: Record<Member['role'], number> = { owner: 0, admin: 1, member: 2 };

/**
 * The server's name key: ASCII letters folded, everything else compared as is (so `ada` and `Ada` sort
 * together and `Émile` after `Zoe`, the same on every database the server runs on).
 */
function nameKey(name: string): string {
  return name.replace(/[A-Z]+/gu, (letters) => letters.toLowerCase());
}

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key of each order; the id follows every key so members that tie still have a fixed place. */
const SORT_KEYS: Record<MemberSortKey, (member: Member) => (string | number)[]> = {
  name: (member) => [nameKey(member.name)],
  // The server stores emails lower-case.
  email: (member) => [member.email.toLowerCase()],
  role: (member) => [ROLE_RANK[member.role], nameKey(member.name)],
  created: (member) => [member.created_at],
};

function byKeys(sort: MemberSortKey): (a: Member, b: Member) => number {
  const keys = (member: Member) => [...SORT_KEYS[sort](member), member.id];
  return (a, b) => {
    const [ka, kb] = [keys(a), keys(b)];
    for (const [index, value] of ka.entries()) {
      const order = compare(value, kb[index] ?? '');
      if (order !== 0) return order;
    }
    return 0;
  };
}

/**
 * In the order the query asks for (`desc` reverses the whole key, id included). Without one, the server
 * sorts by name; this keeps the team's own order instead, which tests written before sorting existed
 * rely on (the app always names an order).
 */
export function listMembers(account: Account, query: ListMembers): Page<Member> {
  const links = account.links();
  const found = account.team.map((member) => account.memberView(member, links)).filter((member) => matches(member, query));
  const { sort, order } = query as ListMembers & { sort?: MemberSortKey | null; order?: 'asc' | 'desc' | null };
  if (sort != null) {
    const ascending = byKeys(sort);
    found.sort(order === 'desc' ? (a, b) => ascending(b, a) : ascending);
  } else if (order === 'desc') {
    found.reverse();
  }
  return withTotal(offsetPage(found, query.cursor, query.limit), found.length);
}

export function getMember(account: Account, id: string): Versioned<Member> {
  const member = account.member(id) ?? fail('not_found', 'This member is no longer in the team.');
  return account.versionedMember(member);
}

/** Active owners other than `except`: who would be left to own the team. */
function otherOwners(account: Account, except: string): number {
  return account.everyone().filter((member) => member.id !== except && member.role === 'owner' && member.status === 'active').length;
}

/** `update_member` (an admin changing anyone) and `update_me` (`self`: a member changing their own name or recording). */
export function updateMember(
  account: Account,
  caller: Caller,
  id: string,
  etag: string,
  patch: MemberPatch,
  self = false,
): Versioned<Member> {
  if (!self) account.requireAdmin(caller);
  const member = account.member(id) ?? fail('not_found', 'This member is no longer in the team.');
  account.expect(etag, account.memberVersion(id), member.name);
  // The identity provider owns a provisioned member's name and status; the rest stays the team's.
  const managed = member.managed_by === 'identity_provider';
  if (managed && ((patch.name != null && patch.name.trim() !== member.name) || (patch.status != null && patch.status !== member.status))) {
    fail(
      'managed_by_identity_provider',
      `${member.name}’s name, email and status come from your identity provider. Change them there.`,
    );
  }
  const check = new FieldCheck();
  const name = patch.name == null ? member.name : checkName(check, 'name', patch.name, 'a name');
  const role = patch.role ?? member.role;
  const grants = patch.grants == null ? member.grants : normaliseGrants(patch.grants);
  const status = patch.status ?? member.status;
  const before = account.choice(id);
  const after = { ...before };
  for (const direction of DIRECTIONS) {
    const wanted = patch.recording?.[direction];
    if (wanted == null) continue;
    if (account.configuration.recording[direction] !== 'member_choice') {
      fail(
        'recording_enforced_by_policy',
        `The account’s policy decides whether ${direction} calls are recorded, so it can’t be changed here.`,
      );
    }
    after[direction] = wanted;
  }
  check.finish();
  // Owners are changed only by owners (themselves included), and only owners make owners.
  if ((member.role === 'owner' || role === 'owner') && caller.role !== 'owner') {
    fail(
      'forbidden',
      member.role === 'owner' ? `Only an owner can change ${member.name}, who is an owner.` : 'Only an owner can make someone an owner.',
    );
  }
  if (member.role === 'owner' && (role !== 'owner' || status !== 'active') && otherOwners(account, id) === 0) {
    fail('last_owner', `${member.name} is the team’s last owner. Make someone else an owner first.`);
  }

  const recorded = changes([
    ['name', member.name, name],
    ['role', member.role, role],
    ['grants', member.grants, grants],
    ['status', member.status, status],
    ['recording_inbound', before.inbound, after.inbound],
    ['recording_outbound', before.outbound, after.outbound],
  ]);
  Object.assign(member, { name, role, grants, status });
  for (const direction of DIRECTIONS) account.setChoice(id, direction, after[direction]);
  account.touch(id);
  account.record(caller, 'member.updated', ['member', id], recorded);
  return account.versionedMember(member);
}

export function removeMember(account: Account, caller: Caller, id: string, etag: string, how: RemoveMember): void {
  account.requireAdmin(caller);
  const member = account.member(id) ?? fail('not_found', 'This member is no longer in the team.');
  account.expect(etag, account.memberVersion(id), member.name);
  if (member.role === 'owner' && caller.role !== 'owner') {
    fail('forbidden', `Only an owner can remove ${member.name}, who is an owner.`);
  }
  if (id === caller.id) fail('cannot_remove_self', 'You can’t remove yourself. Ask another owner or admin to do it.');
  const reassignTo = how.reassign_numbers_to;
  if (reassignTo === id) invalid({ reassign_numbers_to: ['Choose someone other than the member being removed.'] });
  if (member.role === 'owner' && otherOwners(account, id) === 0) {
    fail('last_owner', `${member.name} is the team’s last owner and can’t be removed. Make someone else an owner first.`);
  }
  const held = [...account.numbers.values()].filter((number) => number.assignees.includes(id));
  if (held.length > 0) {
    if (reassignTo !== null) {
      if (account.member(reassignTo) === undefined) {
        invalid({ reassign_numbers_to: ['The member to take the numbers is no longer in the team.'] });
      }
      for (const number of held) {
        if (!number.assignees.includes(reassignTo)) number.assignees.push(reassignTo);
      }
      account.touch(reassignTo);
    } else if (how.unassign_numbers !== true) {
      const count = held.length === 1 ? 'a phone number' : `${String(held.length)} phone numbers`;
      fail('member_holds_numbers', `${member.name} holds ${count}. Choose whether they go back to reserve or to someone else.`);
    }
  }
  account.detachEverywhere(id);
  const team = account.team;
  const index = team.indexOf(member);
  if (index >= 0) team.splice(index, 1);
  account.record(caller, 'member.removed', ['member', id], {
    email: member.email,
    numbers: held.map((number) => number.id),
    reassigned_to: reassignTo,
  });
}
