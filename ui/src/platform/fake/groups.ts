// Groups of members and pending invitations.
import type { Group, GroupPatch, ListGroups, NewGroup, Page, Versioned } from '../platform';
import type { Account, Caller, GroupRow } from './account';
import { keysetPage } from './paging';
import { fakeId } from './seed';
import { checkName, fail, FieldCheck, length } from './validate';

export function listGroups(account: Account, query: ListGroups): Page<Group> {
  const q = query.q?.trim().toLowerCase() ?? '';
  const found = [...account.groups.values()].filter((group) => group.name.toLowerCase().includes(q));
  return keysetPage(found, query.cursor, query.limit, (row) => account.groupView(row));
}

function find(account: Account, id: string): GroupRow {
  return account.groups.get(id) ?? fail('not_found', 'This group no longer exists.');
}

export function getGroup(account: Account, id: string): Versioned<Group> {
  return account.versionedGroup(find(account, id));
}

function validated(name: string | null | undefined, description: string | null | undefined) {
  const check = new FieldCheck();
  const cleanName = name == null ? null : checkName(check, 'name', name, 'a group name');
  const cleanDescription = description == null ? null : description.trim();
  if (cleanDescription !== null && length(cleanDescription) > 1000) {
    check.add('description', 'Keep the description to 1000 characters.');
  }
  check.finish();
  return { name: cleanName, description: cleanDescription };
}

/** Names are unique ignoring case, so "Sales" and "sales" can't both be offered in a picker. */
function refuseTakenName(account: Account, name: string, except: string | null): void {
  const taken = [...account.groups.values()].some(
    (group) => group.id !== except && group.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) fail('group_exists', `There’s already a group called “${name}”. Choose another name.`);
}

export function createGroup(account: Account, caller: Caller, body: NewGroup): Versioned<Group> {
  account.requireAdmin(caller);
  const { name, description } = validated(body.name, body.description);
  const groupName = name ?? '';
  refuseTakenName(account, groupName, null);
  const row: GroupRow = { ...account.newRow(), id: '', name: groupName, description: description ?? '', members: [] };
  row.id = fakeId(7, row.seq);
  account.groups.set(row.id, row);
  account.record(caller, 'group.created', ['group', row.id], { name: row.name });
  return account.versionedGroup(row);
}

export function updateGroup(account: Account, caller: Caller, id: string, etag: string, patch: GroupPatch): Versioned<Group> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, `the group “${row.name}”`);
  const { name, description } = validated(patch.name, patch.description);
  const next = { name: name ?? row.name, description: description ?? row.description };
  refuseTakenName(account, next.name, id);
  const recorded = {
    name: { from: row.name, to: next.name },
    description: { from: row.description, to: next.description },
  };
  Object.assign(row, next);
  account.bump(row);
  account.record(caller, 'group.updated', ['group', id], recorded);
  return account.versionedGroup(row);
}

export function deleteGroup(account: Account, caller: Caller, id: string, etag: string): void {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, `the group “${row.name}”`);
  account.groups.delete(id);
  // Its members' groups changed.
  for (const principal of row.members) account.touch(principal);
  account.record(caller, 'group.deleted', ['group', id], { name: row.name });
}

export function addGroupMember(account: Account, caller: Caller, id: string, etag: string, principalId: string): Versioned<Group> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, `the group “${row.name}”`);
  const kind = account.resolve(principalId);
  // Adding someone already there changes nothing but still answers with the group.
  if (!row.members.includes(principalId)) row.members.push(principalId);
  account.bump(row);
  account.touch(principalId);
  account.record(caller, 'group.member_added', ['group', id], { principal_id: principalId, kind });
  return account.versionedGroup(row);
}

export function removeGroupMember(
  account: Account,
  caller: Caller,
  id: string,
  etag: string,
  principalId: string,
): Versioned<Group> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, `the group “${row.name}”`);
  if (!row.members.includes(principalId)) fail('not_found', 'That member is no longer in this group.');
  row.members = row.members.filter((member) => member !== principalId);
  account.bump(row);
  account.touch(principalId);
  account.record(caller, 'group.member_removed', ['group', id], { principal_id: principalId });
  return account.versionedGroup(row);
}
