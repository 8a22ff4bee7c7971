// What Invite People is putting together, and how each address stands before anything is sent: the
// people (typed, pasted or imported from a CSV file), what they all get (role, extra permissions, numbers,
// groups), each one's invitation, and the checks of the review — the server's answers where it gave them,
// this computer's own (the address, duplicates, the allowed domains, direct numbers) where it couldn't.
import type { AddressList } from '../../format/addresses';
import { normaliseEmail } from '../../format/addresses';
import { formatPhone } from '../../format/phone';
import type { Group, ImportedRows, NewInvitation, Permission, PhoneNumber, Problem, Role } from '../../platform';
import { invitedName } from '../numbers/labels';

/** One address to invite. */
export interface Person {
  /** Stable while the address is edited, for React and for removing it. */
  key: string;
  /** A lower-cased address, or text that isn't one, kept as typed so the admin can fix it. */
  email: string;
  name?: string | undefined;
  /** Read from a CSV file: its line, and the role, numbers and groups that row named. */
  row?: CsvRow | undefined;
}

export interface CsvRow {
  line: number;
  role: Role | null;
  numberIds: string[];
  groupIds: string[];
}

/** What everyone invited together gets. */
export interface Shared {
  /** `null`: the team's default role (from the configuration). */
  role: Role | null;
  grants: Permission[];
  numberIds: string[];
  groupIds: string[];
}

export const NO_SHARED: Shared = { role: null, grants: [], numberIds: [], groupIds: [] };

let lastKey = 0;
function newKey(): string {
  lastKey += 1;
  return `person-${String(lastKey)}`;
}

/** The people in typed or pasted text, in order; the pieces that aren't addresses come last, to be fixed. */
export function peopleFrom(list: AddressList): Person[] {
  return [
    ...list.entries.map((entry) => ({ key: newKey(), email: entry.email, name: entry.name })),
    ...list.fragments.map((fragment) => ({ key: newKey(), email: fragment })),
  ];
}

/** Adds `more` to `people`, leaving out any address already there; says which were left out. */
export function addPeople(people: readonly Person[], more: readonly Person[]): { people: Person[]; repeated: string[] } {
  const held = new Set(people.map((person) => person.email));
  const added: Person[] = [];
  const repeated: string[] = [];
  for (const person of more) {
    if (held.has(person.email)) repeated.push(person.email);
    else {
      held.add(person.email);
      added.push(person);
    }
  }
  return { people: [...people, ...added], repeated };
}

function union(a: readonly string[], b: readonly string[] | undefined): string[] {
  return [...new Set([...a, ...(b ?? [])])];
}

/** The role a person is invited with: their CSV row's, else the one chosen for all, else the team's default. */
export function roleOf(person: Person, shared: Shared, defaultRole: Role | null): Role | null {
  return person.row?.role ?? shared.role ?? defaultRole;
}

/** The invitation a person is sent. */
export function invitationOf(person: Person, shared: Shared, defaultRole: Role | null): NewInvitation {
  return {
    email: normaliseEmail(person.email) ?? person.email,
    role: roleOf(person, shared, defaultRole),
    grants: [...shared.grants],
    number_ids: union(shared.numberIds, person.row?.numberIds),
    group_ids: union(shared.groupIds, person.row?.groupIds),
  };
}

// ── Import CSV ───────────────────────────────────────────────────────────────────────────────────────

export interface Imported {
  people: Person[];
  /** How many rows the file had with a person in them. */
  parsed: number;
  /** Why rows were left out, or a name in them wasn't found, each starting "line N: ". */
  problems: string[];
  /** The file's columns an invitation doesn't use. */
  ignoredColumns: string[];
}

/** The file's people, with the groups and numbers their rows name matched by name and by number. */
export function fromImport(
  rows: ImportedRows,
  groups: readonly Group[],
  numbers: readonly PhoneNumber[],
): Imported {
  const groupIds = new Map(groups.map((group) => [group.name.trim().toLowerCase(), group.id]));
  const numberIds = new Map(numbers.map((number) => [number.e164, number.id]));
  const people: Person[] = [];
  const problems: string[] = [];
  for (const row of rows.rows) {
    if (row.status === 'rejected') {
      problems.push(...row.problems);
      continue;
    }
    const { invitee, line } = row;
    const found = (names: readonly string[], ids: Map<string, string>, key: (name: string) => string, what: string) =>
      names.flatMap((name) => {
        const id = ids.get(key(name));
        if (id === undefined) problems.push(`line ${String(line)}: ${what} “${name}” — invited without it`);
        return id === undefined ? [] : [id];
      });
    people.push({
      key: newKey(),
      email: invitee.email,
      name: invitee.name ?? undefined,
      row: {
        line,
        role: invitee.role,
        groupIds: found(invitee.groups, groupIds, (name) => name.trim().toLowerCase(), 'no group named'),
        numberIds: found(invitee.numbers, numberIds, (name) => name, 'the account has no number'),
      },
    });
  }
  return { people, parsed: people.length, problems, ignoredColumns: rows.ignoredColumns };
}

// ── Review ───────────────────────────────────────────────────────────────────────────────────────────

export type Verdict =
  | { kind: 'ready' }
  | { kind: 'checking' }
  | { kind: 'problem'; reason: string };

/** What the server said about each address it was asked about, and what is being asked. */
export interface Answers {
  /** By lower-cased address: `null` when it could be sent. */
  byEmail: ReadonlyMap<string, Problem | null>;
  checking: ReadonlySet<string>;
  /** The server couldn't be asked: what it hasn't answered is checked on this computer only. */
  unreachable: boolean;
}

export interface ReviewContext {
  /** The team's allowed domains as last read; empty allows any, `null` when not read. */
  allowedDomains: readonly string[] | null;
  numbers: readonly PhoneNumber[] | undefined;
}

function domainsInWords(domains: readonly string[]): string {
  return domains.map((domain) => `@${domain}`).join(', ');
}

function domainReason(allowed: readonly string[] | null): string {
  return allowed === null || allowed.length === 0
    ? 'Domain not allowed by your team’s policy'
    : `Domain not allowed — invitations may only go to ${domainsInWords(allowed)}`;
}

/** The server's refusal of one address, in the review's words. */
export function reasonOf(problem: Problem, allowed: readonly string[] | null): string {
  switch (problem.code) {
    case 'already_member':
      return 'Already a member';
    case 'invitation_pending':
      return 'Already invited — their invitation is still open';
    case 'email_domain_not_allowed':
      return domainReason(allowed);
    case 'validation_failed':
      if (problem.errors?.['email'] !== undefined) return 'Not an email address';
      break;
    default:
      break;
  }
  const text = (problem.detail ?? problem.title).trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * How each person stands, in order. Checked here whatever the server says: the address itself, a repeat
 * of an earlier one, and direct numbers (one person each: held by someone already, or going to an earlier
 * person of this list). Then the server's answer; without one, the allowed domains as last read.
 */
export function verdictsOf(
  people: readonly Person[],
  shared: Shared,
  answers: Answers,
  context: ReviewContext,
): Verdict[] {
  const seen = new Set<string>();
  /** Direct numbers given to someone earlier in the list, and to whom. */
  const directTo = new Map<string, string>();
  const numbers = new Map((context.numbers ?? []).map((number) => [number.id, number]));
  return people.map((person): Verdict => {
    const email = normaliseEmail(person.email);
    if (email === null) return { kind: 'problem', reason: 'Not an email address' };
    if (seen.has(email)) return { kind: 'problem', reason: 'Already in this list' };
    seen.add(email);

    const direct = union(shared.numberIds, person.row?.numberIds).flatMap((id) => {
      const number = numbers.get(id);
      return number?.sharing === 'direct' ? [number] : [];
    });
    for (const number of direct) {
      const holder = number.assignees[0];
      if (holder !== undefined) {
        return { kind: 'problem', reason: `${formatPhone(number.e164)} is a direct number held by ${invitedName(holder)}` };
      }
      const earlier = directTo.get(number.id);
      if (earlier !== undefined) {
        return { kind: 'problem', reason: `${formatPhone(number.e164)} is a direct number, and goes to ${earlier} already` };
      }
    }

    const answer = answers.byEmail.get(email);
    let verdict: Verdict;
    if (answer !== undefined && answer !== null) verdict = { kind: 'problem', reason: reasonOf(answer, context.allowedDomains) };
    else if (answer === null) verdict = { kind: 'ready' };
    else if (answers.checking.has(email) || !answers.unreachable) verdict = { kind: 'checking' };
    else {
      const domain = email.slice(email.lastIndexOf('@') + 1);
      const allowed = context.allowedDomains ?? [];
      verdict = allowed.length > 0 && !allowed.includes(domain) ? { kind: 'problem', reason: domainReason(allowed) } : { kind: 'ready' };
    }
    if (verdict.kind !== 'problem') for (const number of direct) directTo.set(number.id, email);
    return verdict;
  });
}

/** "12 ready, 2 need attention"; "Checking 14 addresses…" while the server is asked. */
export function reviewSummary(verdicts: readonly Verdict[]): string {
  const ready = verdicts.filter((verdict) => verdict.kind === 'ready').length;
  const problems = verdicts.filter((verdict) => verdict.kind === 'problem').length;
  if (verdicts.some((verdict) => verdict.kind === 'checking')) {
    return `Checking ${verdicts.length.toLocaleString()} ${verdicts.length === 1 ? 'address' : 'addresses'}…`;
  }
  return `${ready.toLocaleString()} ready, ${problems.toLocaleString()} ${problems === 1 ? 'needs' : 'need'} attention`;
}
