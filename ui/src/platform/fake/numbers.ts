// The account's phone numbers. A direct number has at most one assignee, a shared one any number, and
// one with none is in reserve.
import type { ListNumbers, NumberPatch, Page, PhoneNumber, Versioned } from '../platform';
import type { Account, Caller, NumberRow } from './account';
import { keysetPage } from './paging';
import { fail, invalid, length } from './validate';

export function listNumbers(account: Account, query: ListNumbers): Page<PhoneNumber> {
  const q = query.q?.trim().toLowerCase() ?? '';
  const found = [...account.numbers.values()].filter(
    (number) =>
      (query.assigned === null || query.assigned === number.assignees.length > 0) &&
      (number.e164.includes(q) || number.label.toLowerCase().includes(q) || number.country.toLowerCase().includes(q)),
  );
  return keysetPage(found, query.cursor, query.limit, (row) => account.numberView(row));
}

function find(account: Account, id: string): NumberRow {
  return account.numbers.get(id) ?? fail('not_found', 'This phone number is no longer on the account.');
}

export function getNumber(account: Account, id: string): Versioned<PhoneNumber> {
  return account.versionedNumber(find(account, id));
}

export function updateNumber(account: Account, caller: Caller, id: string, etag: string, patch: NumberPatch): Versioned<PhoneNumber> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, row.e164);
  const label = patch.label == null ? row.label : patch.label.trim();
  if (length(label) > 200) invalid({ label: ['Keep the label to 200 characters.'] });
  const sharing = patch.sharing ?? row.sharing;
  if (sharing === 'direct' && row.assignees.length > 1) {
    fail(
      'number_has_several_assignees',
      `${row.e164} is shared by ${String(row.assignees.length)} people. Unassign all but one before making it direct.`,
    );
  }
  const recorded = { label: { from: row.label, to: label }, sharing: { from: row.sharing, to: sharing } };
  Object.assign(row, { label, sharing });
  account.bump(row);
  account.record(caller, 'number.updated', ['number', id], recorded);
  return account.versionedNumber(row);
}

/** A direct number belongs to one principal: it can't go to anyone else while someone holds it. */
export function refuseIfTaken(account: Account, row: NumberRow, principalId: string | null): void {
  const holderId = row.assignees.find((assignee) => assignee !== principalId);
  if (row.sharing !== 'direct' || holderId === undefined) return;
  const holder = account.principal(holderId);
  const who = holder?.name ?? holder?.email ?? 'someone else';
  fail('number_already_assigned', `${row.e164} is a direct number and already belongs to ${who}. Unassign it first, or make it shared.`);
}

/** Gives a number to a principal; refuses a direct number that someone else holds. */
export function give(account: Account, row: NumberRow, principalId: string): void {
  refuseIfTaken(account, row, principalId);
  if (!row.assignees.includes(principalId)) row.assignees.push(principalId);
  account.bump(row);
  account.touch(principalId);
}

export function assignNumber(account: Account, caller: Caller, id: string, etag: string, principalId: string): Versioned<PhoneNumber> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, row.e164);
  const kind = account.resolve(principalId);
  give(account, row, principalId);
  account.record(caller, 'number.assigned', ['number', id], { principal_id: principalId, kind });
  return account.versionedNumber(row);
}

export function unassignNumber(account: Account, caller: Caller, id: string, etag: string, principalId: string): Versioned<PhoneNumber> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, row.e164);
  if (!row.assignees.includes(principalId)) fail('not_found', `${row.e164} is no longer assigned to them.`);
  row.assignees = row.assignees.filter((assignee) => assignee !== principalId);
  account.bump(row);
  account.touch(principalId);
  account.record(caller, 'number.unassigned', ['number', id], { principal_id: principalId });
  return account.versionedNumber(row);
}
