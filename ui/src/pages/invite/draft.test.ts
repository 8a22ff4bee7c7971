import { describe, expect, it } from 'vitest';

import { deliveryOf } from '../../data/outbox';
import { parseAddressList } from '../../format/addresses';
import type { OutboxEntry, Problem } from '../../platform';
import { addPeople, invitationOf, NO_SHARED, peopleFrom, reasonOf, reviewSummary, verdictsOf, type Answers } from './draft';

const NOTHING_ASKED: Answers = { byEmail: new Map(), checking: new Set(), unreachable: false };
const UNREACHABLE: Answers = { ...NOTHING_ASKED, unreachable: true };

function problem(code: string, detail = 'refused'): Problem {
  return { type: 'about:blank', title: detail, status: 409, code, detail };
}

function entry(id: string, state: OutboxEntry['state'], attempts = 0): OutboxEntry {
  return {
    id,
    workspace_id: 'ws',
    invitation: { email: `${id}@acme.nz`, role: null, grants: [], number_ids: [], group_ids: [] },
    state,
    attempts,
    next_attempt_at: 0,
    last_error: null,
    last_error_code: null,
    field_errors: {},
    created_at: 0,
  };
}

describe('Invite People’s draft', () => {
  it('keeps text that isn’t an address, to be fixed, and leaves out addresses already listed', () => {
    const first = peopleFrom(parseAddressList('Ana <ana@acme.nz>, oops'));
    expect(first.map((person) => [person.email, person.name])).toEqual([
      ['ana@acme.nz', 'Ana'],
      ['oops', undefined],
    ]);
    const { people, repeated } = addPeople(first, peopleFrom(parseAddressList('ANA@acme.nz tui@acme.nz')));
    expect(people.map((person) => person.email)).toEqual(['ana@acme.nz', 'oops', 'tui@acme.nz']);
    expect(repeated).toEqual(['ana@acme.nz']);
  });

  it('checks on this computer what the server couldn’t: the address, repeats and the allowed domains', () => {
    const people = peopleFrom(parseAddressList('a@acme.nz, b@gmail.com, nope'));
    people.push({ key: 'again', email: 'A@acme.nz' });
    const context = { allowedDomains: ['acme.nz'], numbers: [] };
    expect(verdictsOf(people, NO_SHARED, NOTHING_ASKED, context).map((verdict) => verdict.kind)).toEqual([
      'checking',
      'checking',
      'problem',
      'problem',
    ]);
    const offline = verdictsOf(people, NO_SHARED, UNREACHABLE, context);
    expect(offline).toEqual([
      { kind: 'ready' },
      { kind: 'problem', reason: 'Domain not allowed — invitations may only go to @acme.nz' },
      { kind: 'problem', reason: 'Not an email address' },
      { kind: 'problem', reason: 'Already in this list' },
    ]);
    expect(reviewSummary(offline)).toBe('1 ready, 3 need attention');
  });

  it('takes the server’s answer over its own, in the review’s words', () => {
    const people = peopleFrom(parseAddressList('a@acme.nz b@acme.nz'));
    const answers: Answers = {
      byEmail: new Map([
        ['a@acme.nz', null],
        ['b@acme.nz', problem('already_member')],
      ]),
      checking: new Set(),
      unreachable: false,
    };
    const verdicts = verdictsOf(people, NO_SHARED, answers, { allowedDomains: ['elsewhere.org'], numbers: [] });
    expect(verdicts).toEqual([{ kind: 'ready' }, { kind: 'problem', reason: 'Already a member' }]);
    expect(reasonOf(problem('email_domain_not_allowed'), [])).toBe('Domain not allowed by your team’s policy');
    expect(reasonOf(problem('rate_limited', 'too many requests, slow down'), null)).toBe('Too many requests, slow down');
  });

  it('invites a CSV row with its own role, numbers and groups as well as everyone’s', () => {
    const person = { key: 'k', email: 'Mei@Acme.nz', row: { line: 2, role: 'admin' as const, numberIds: ['n1'], groupIds: ['g2'] } };
    const shared = { role: 'member' as const, grants: ['view_analytics' as const], numberIds: [], groupIds: ['g1', 'g2'] };
    expect(invitationOf(person, shared, 'member')).toEqual({
      email: 'mei@acme.nz',
      role: 'admin',
      grants: ['view_analytics'],
      number_ids: ['n1'],
      group_ids: ['g1', 'g2'],
    });
    expect(invitationOf({ key: 'j', email: 'jo@acme.nz' }, NO_SHARED, 'admin').role).toBe('admin');
  });

  it('reads delivery from the outbox: gone is delivered, refused waits with its reason', () => {
    const sent = [entry('a', 'queued'), entry('b', 'queued'), entry('c', 'queued')];
    expect(deliveryOf(sent, undefined)).toMatchObject({ total: 3, delivered: 0 });
    const later = deliveryOf(sent, [entry('b', 'needs_attention', 1), entry('c', 'queued', 2), entry('other', 'queued')]);
    expect(later.delivered).toBe(1);
    expect(later.refused.map((held) => held.id)).toEqual(['b']);
    expect(later.queued.map((held) => [held.id, held.attempts])).toEqual([['c', 2]]);
  });
});
