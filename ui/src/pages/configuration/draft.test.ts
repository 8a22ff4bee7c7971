import { describe, expect, it } from 'vitest';

import { FAKE_CONFIGURATION } from '../../platform/fake';
import type { Configuration } from '../../platform';
import { differences, readDraft, rebase, recordingSentence, toDraft } from './draft';

const BASE: Configuration = { ...FAKE_CONFIGURATION, divert_to: '+6495550100' };

describe('the configuration draft', () => {
  it('puts the recording policy in one sentence', () => {
    expect(recordingSentence('always', 'never')).toBe('Incoming calls are always recorded; outgoing calls are never recorded.');
    expect(recordingSentence('never', 'member_choice')).toBe(
      'Incoming calls are never recorded; each member decides whether their outgoing calls are recorded.',
    );
    expect(recordingSentence('member_choice', 'always')).toBe(
      'Each member decides whether their incoming calls are recorded; outgoing calls are always recorded.',
    );
    expect(recordingSentence('always', 'always')).toBe('Incoming and outgoing calls are always recorded.');
    expect(recordingSentence('member_choice', 'member_choice')).toBe(
      'Each member decides whether their incoming and outgoing calls are recorded.',
    );
  });

  it('shows whole days in days and anything else in hours', () => {
    expect(toDraft({ ...BASE, invitation_lifetime_hours: 168 })).toMatchObject({ lifetime: '7', lifetimeUnit: 'days' });
    expect(toDraft({ ...BASE, invitation_lifetime_hours: 36 })).toMatchObject({ lifetime: '36', lifetimeUnit: 'hours' });
    expect(toDraft(BASE).divertTo).toBe('+64 9 555 0100');
  });

  it('finds no change where only the way of writing differs', () => {
    const draft = { ...toDraft(BASE), lifetime: '168', lifetimeUnit: 'hours' as const, divertTo: '+6495550100' };
    expect(readDraft(draft, BASE).changed.size).toBe(0);
  });

  it('patches only what changed, clearing the link with an empty string', () => {
    const base = { ...BASE, onboarding_url: 'https://example.com/old' };
    const draft = { ...toDraft(base), onboardingUrl: '  ', outbound: 'never' as const };
    expect(readDraft(draft, base).patch).toEqual({ recording: { outbound: 'never' }, onboarding_url: '' });
  });

  it('checks the divert number only while calls are diverted', () => {
    const rejecting = { ...FAKE_CONFIGURATION };
    expect(readDraft({ ...toDraft(rejecting), divertTo: 'nonsense' }, rejecting).problems).toEqual({});
    expect(readDraft({ ...toDraft(rejecting), unassigned: 'divert' }, rejecting).problems).toEqual({
      divertTo: 'Enter the number to divert calls to.',
    });
  });

  it('keeps the user’s edits and takes everything else from the newer configuration', () => {
    const theirs: Configuration = { ...BASE, default_role: 'admin', recording: { inbound: 'never', outbound: 'never' } };
    const draft = { ...toDraft(BASE), inbound: 'always' as const, lifetime: '3' };
    const rebased = rebase(draft, BASE, theirs);
    expect(rebased).toMatchObject({ inbound: 'always', outbound: 'never', defaultRole: 'admin', lifetime: '3', lifetimeUnit: 'days' });
    expect(readDraft(rebased, theirs).patch).toEqual({ recording: { inbound: 'always' }, invitation_lifetime_hours: 72 });
  });

  it('lists the fields two configurations disagree on, in words', () => {
    expect(
      differences(BASE, { ...BASE, allowed_email_domains: ['acme.nz'], invitation_lifetime_hours: 36, divert_to: null }),
    ).toEqual([
      { label: 'Allowed email domains', before: 'Any domain', now: 'acme.nz' },
      { label: 'Invitation lifetime', before: '7 days', now: '36 hours' },
      { label: 'Divert calls to', before: '+64 9 555 0100', now: 'None' },
    ]);
  });
});
