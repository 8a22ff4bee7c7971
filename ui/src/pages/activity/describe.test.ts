import { describe as suite, expect, it } from 'vitest';

import type { AuditEvent } from '../../platform';
import { describe, type Part } from './describe';

function event(action: string, changes: Record<string, unknown>): AuditEvent {
  return {
    id: 'e1',
    at: '2026-12-01T09:00:00Z',
    actor_id: null,
    actor_kind: 'member',
    action,
    target_type: action.split('.')[0] ?? '',
    target_id: 't1',
    changes,
  };
}

/** The sentence with references shown by their fallbacks. */
function sentence(parts: Part[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : part.fallback)).join('');
}

suite('an audit event in words', () => {
  it('tells a recording policy change a direction at a time, in the page’s own words', () => {
    const words = sentence(
      describe(
        event('configuration.updated', {
          recording: {
            from: { inbound: 'member_choice', outbound: 'member_choice' },
            to: { inbound: 'always', outbound: 'member_choice' },
          },
          unassigned_numbers: { from: 'reject', to: 'divert' },
          divert_to: { from: null, to: '+6495550100' },
        }),
      ),
    );
    expect(words).toBe(
      'changed the configuration: call recording for incoming calls from Member’s choice to Always, ' +
        'unassigned numbers from Reject calls to Divert calls, divert number from nothing to +64 9 555 0100',
    );
  });

  it('says a member’s status and recording, and a number’s sharing, as the app shows them', () => {
    expect(
      sentence(
        describe(
          event('member.updated', {
            email: 'jordan@acme.nz',
            status: { from: 'active', to: 'deactivated' },
            recording: { from: { inbound: false, outbound: false }, to: { inbound: false, outbound: true } },
          }),
        ),
      ),
    ).toBe('changed jordan@acme.nz’s status from Active to Deactivated, call recording for outgoing calls from off to on');
    expect(sentence(describe(event('number.updated', { sharing: { from: 'direct', to: 'shared' } })))).toBe(
      'changed a number: sharing from Direct to Shared',
    );
  });

  it('tells what the identity provider and its tokens did', () => {
    expect(sentence(describe(event('provisioning_token.created', { name: 'Okta' })))).toBe('created the provisioning token “Okta”');
    expect(sentence(describe(event('provisioning_token.revoked', {})))).toBe('revoked a provisioning token');
    expect(sentence(describe(event('member.sign_in_throttled', { failures: 5, retry_after_secs: 1 })))).toBe(
      'made sign-ins to a member wait after 5 wrong passwords',
    );
    expect(sentence(describe(event('member.provisioned', { email: 'ngaio@acme.nz', name: 'Ngaio Marsh' })))).toBe(
      'provisioned ngaio@acme.nz',
    );
  });
});
