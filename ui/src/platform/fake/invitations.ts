// Invitations: created (with numbers and groups that carry over on acceptance), changed while open,
// resent with a new expiry, revoked (their numbers go back to reserve).
import { PlatformError } from '../error';
import type {
  Invitation,
  InvitationPatch,
  ListInvitations,
  NewInvitation,
  Page,
  Problem,
  Role,
  ValidationResult,
  Versioned,
} from '../platform';
import type { Account, Caller, InvitationRow } from './account';
import { give, refuseIfTaken } from './numbers';
import { keysetPage } from './paging';
import { fakeId, normaliseGrants } from './seed';
import { fail, FieldCheck, invalid, normaliseEmail } from './validate';

const HOUR = 3_600_000;

export function listInvitations(account: Account, caller: Caller, query: ListInvitations): Page<Invitation> {
  account.requireAdmin(caller);
  const q = query.q?.trim().toLowerCase() ?? '';
  const found = [...account.invitations.values()].filter(
    (row) => row.email.includes(q) && (query.status === null || account.invitationStatus(row) === query.status),
  );
  const links = account.links();
  return keysetPage(found, query.cursor, query.limit, (row) => account.invitationView(row, links));
}

function find(account: Account, id: string): InvitationRow {
  return account.invitations.get(id) ?? fail('not_found', 'This invitation no longer exists.');
}

export function getInvitation(account: Account, caller: Caller, id: string): Versioned<Invitation> {
  account.requireAdmin(caller);
  return account.versionedInvitation(find(account, id));
}

/** The team's rules for inviting `body`, as the server checks them before storing anything. */
function checkInvitation(account: Account, body: NewInvitation): { address: string; role: Role } {
  const config = account.configuration;
  const check = new FieldCheck();
  const email = normaliseEmail(body.email);
  if (email === null) check.add('email', 'Enter an email address such as ana@example.com.');
  const role = body.role ?? config.default_role;
  if (role === 'owner') check.add('role', 'An invitation can’t make someone an owner. Invite them, then make them an owner.');
  check.finish();
  const address = email ?? '';
  const domain = address.slice(address.lastIndexOf('@') + 1);
  if (config.allowed_email_domains.length > 0 && !config.allowed_email_domains.includes(domain)) {
    const allowed = config.allowed_email_domains.map((allowedDomain) => `@${allowedDomain}`).join(', ');
    fail('email_domain_not_allowed', `Invitations may only go to ${allowed} addresses.`);
  }
  if (account.team.some((member) => member.email.toLowerCase() === address)) {
    fail('already_member', `${address} is already a member of the team.`);
  }
  if ([...account.invitations.values()].some((row) => row.email === address && account.invitationStatus(row) === 'pending')) {
    fail('invitation_pending', `${address} already has a pending invitation. Resend it instead.`);
  }
  return { address, role };
}

/** Each invitation's answer from the rules, creating nothing. */
export function validateInvitations(account: Account, caller: Caller, invitations: NewInvitation[]): ValidationResult {
  account.requireAdmin(caller);
  if (invitations.length === 0 || invitations.length > 100) invalid({ invitations: ['check 1 to 100 invitations'] });
  // As the server: what the schema forbids fails the request; the answers are about the team's rules.
  const malformed: Record<string, string[]> = {};
  invitations.forEach((body, index) => {
    if (normaliseEmail(body.email) === null) malformed[`invitations[${index}].email`] = ['is not an email address'];
    if (body.role === 'owner') malformed[`invitations[${index}].role`] = ['invitations cannot make owners'];
  });
  if (Object.keys(malformed).length > 0) invalid(malformed);
  return {
    results: invitations.map((body) => {
      try {
        checkInvitation(account, body);
        return { email: body.email, error: null };
      } catch (error) {
        if (!(error instanceof PlatformError)) throw error;
        return { email: body.email, error: problemOf(error) };
      }
    }),
  };
}

/** A refusal as the server's problem body carries it. */
function problemOf(error: PlatformError): Problem {
  const conflict = error.code === 'already_member' || error.code === 'invitation_pending';
  const problem: Problem = { type: 'about:blank', title: error.message, status: conflict ? 409 : 422, detail: error.message, code: error.code };
  if (Object.keys(error.fields).length > 0) problem.errors = error.fields as Record<string, string[]>;
  return problem;
}

export function createInvitation(account: Account, caller: Caller, body: NewInvitation): Versioned<Invitation> {
  account.requireAdmin(caller);
  const config = account.configuration;
  const { address, role } = checkInvitation(account, body);
  const numberIds = [...new Set(body.number_ids)].sort();
  const groupIds = [...new Set(body.group_ids)].sort();
  // All or nothing, as in the server's transaction: check every number and group before changing any.
  const numbers = numberIds.map((id) => {
    const row = account.numbers.get(id) ?? fail('number_not_found', 'One of the chosen phone numbers is no longer on the account.');
    refuseIfTaken(account, row, null);
    return row;
  });
  const groups = groupIds.map((id) => account.groups.get(id) ?? fail('group_not_found', 'One of the chosen groups no longer exists.'));

  // A pending invitation past its expiry no longer blocks a new one.
  for (const row of account.invitations.values()) {
    if (row.email === address && account.invitationStatus(row) === 'expired' && row.status === 'pending') row.status = 'expired';
  }
  const base = account.newRow();
  const row: InvitationRow = {
    ...base,
    id: fakeId(6, base.seq),
    email: address,
    role,
    grants: normaliseGrants(body.grants),
    status: 'pending',
    expiresAt: Date.parse(base.created_at) + config.invitation_lifetime_hours * HOUR,
    invited_by: caller.id,
    member_id: null,
  };
  account.invitations.set(row.id, row);
  for (const number of numbers) give(account, number, row.id);
  for (const group of groups) {
    group.members.push(row.id);
    account.bump(group);
  }
  account.record(caller, 'invitation.created', ['invitation', row.id], {
    email: address,
    role,
    grants: body.grants,
    number_ids: numberIds,
    group_ids: groupIds,
  });
  return account.versionedInvitation(row);
}

/** Only a pending (or expired, which resending reopens) invitation can change. */
function requireOpen(account: Account, row: InvitationRow): void {
  const status = account.invitationStatus(row);
  if (status === 'accepted') fail('invitation_accepted', `${row.email} has already accepted this invitation.`);
  if (status === 'revoked') fail('invitation_revoked', `The invitation to ${row.email} was revoked.`);
}

export function updateInvitation(
  account: Account,
  caller: Caller,
  id: string,
  etag: string,
  patch: InvitationPatch,
): Versioned<Invitation> {
  account.requireAdmin(caller);
  const row = find(account, id);
  account.expect(etag, row.version, `the invitation to ${row.email}`);
  requireOpen(account, row);
  const role = patch.role ?? row.role;
  if (role === 'owner') invalid({ role: ['An invitation can’t make someone an owner. Invite them, then make them an owner.'] });
  const grants = patch.grants == null ? row.grants : normaliseGrants(patch.grants);
  const recorded = { role: { from: row.role, to: role }, grants: { from: row.grants, to: grants } };
  Object.assign(row, { role, grants });
  account.bump(row);
  account.record(caller, 'invitation.updated', ['invitation', id], recorded);
  return account.versionedInvitation(row);
}

export function resendInvitation(account: Account, caller: Caller, id: string): Versioned<Invitation> {
  account.requireAdmin(caller);
  const row = find(account, id);
  requireOpen(account, row);
  const another = [...account.invitations.values()].some(
    (other) => other.id !== id && other.email === row.email && account.invitationStatus(other) === 'pending',
  );
  if (another) fail('invitation_pending', `${row.email} already has another pending invitation.`);
  account.bump(row);
  row.status = 'pending';
  row.expiresAt = Date.parse(row.updated_at) + account.configuration.invitation_lifetime_hours * HOUR;
  account.record(caller, 'invitation.resent', ['invitation', id], {});
  return account.versionedInvitation(row);
}

export function revokeInvitation(account: Account, caller: Caller, id: string): Versioned<Invitation> {
  account.requireAdmin(caller);
  const row = find(account, id);
  // Revoking twice is harmless: the second answers with the revoked invitation.
  if (row.status === 'revoked') return account.versionedInvitation(row);
  requireOpen(account, row);
  row.status = 'revoked';
  account.bump(row);
  account.detachEverywhere(id);
  account.record(caller, 'invitation.revoked', ['invitation', id], { email: row.email });
  return account.versionedInvitation(row);
}
