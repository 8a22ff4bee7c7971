// The account's policy and its change history.
import type { AuditEvent, Configuration, ConfigurationPatch, ListAuditEvents, Page, Versioned } from '../platform';
import { type Account, type Caller, changes } from './account';
import { keysetPage } from './paging';
import { fail, FieldCheck, isDomain, isE164, isHttpUrl } from './validate';

export function updateConfiguration(account: Account, caller: Caller, etag: string, patch: ConfigurationPatch): Versioned<Configuration> {
  account.requireAdmin(caller);
  const current = account.configuration;
  account.expect(etag, account.configurationVersion, 'the configuration');
  const next = structuredClone(current);
  const check = new FieldCheck();
  if (patch.team_name != null) {
    const name = patch.team_name.trim();
    if (name === '') next.team_name = null;
    // eslint-disable-next-line no-control-regex -- the server refuses control characters, as here
    else if (Array.from(name).length > 200 || /[\u0000-\u001f\u007f-\u009f]/u.test(name)) {
      check.add('team_name', 'must be 1 to 200 characters without control characters');
    } else next.team_name = name;
  }
  if (patch.recording != null) {
    next.recording.inbound = patch.recording.inbound ?? next.recording.inbound;
    next.recording.outbound = patch.recording.outbound ?? next.recording.outbound;
  }
  if (patch.allowed_email_domains != null) {
    const cleaned: string[] = [];
    for (const raw of patch.allowed_email_domains) {
      const domain = raw.trim().replace(/^@+/u, '').toLowerCase();
      if (!isDomain(domain)) check.add('allowed_email_domains', `“${domain}” isn’t a domain name such as example.com.`);
      else if (!cleaned.includes(domain)) cleaned.push(domain);
    }
    if (patch.allowed_email_domains.length > 100) check.add('allowed_email_domains', 'List at most 100 domains.');
    next.allowed_email_domains = cleaned;
  }
  if (patch.default_role != null) {
    if (patch.default_role === 'owner') check.add('default_role', 'Invitations can’t make owners; choose admin or member.');
    next.default_role = patch.default_role;
  }
  if (patch.invitation_lifetime_hours != null) {
    const hours = patch.invitation_lifetime_hours;
    if (!Number.isInteger(hours) || hours < 1 || hours > 8760) {
      check.add('invitation_lifetime_hours', 'Choose between 1 hour and 8760 hours (a year).');
    }
    next.invitation_lifetime_hours = hours;
  }
  if (patch.onboarding_url != null) {
    const url = patch.onboarding_url.trim();
    if (url === '') next.onboarding_url = null;
    else if (!isHttpUrl(url)) check.add('onboarding_url', 'Enter a web address starting with https:// or http://.');
    else next.onboarding_url = url;
  }
  if (patch.unassigned_numbers != null) next.unassigned_numbers = patch.unassigned_numbers;
  if (patch.divert_to != null) {
    const divertTo = patch.divert_to.trim();
    if (divertTo === '') {
      next.divert_to = null;
      // With nowhere to divert to, reserve numbers reject calls (unless this patch says otherwise).
      if (patch.unassigned_numbers == null) next.unassigned_numbers = 'reject';
    } else if (!isE164(divertTo)) {
      check.add('divert_to', 'Enter the number in international format, such as +6495550100.');
    } else {
      next.divert_to = divertTo;
    }
  }
  if (next.unassigned_numbers === 'divert' && next.divert_to === null) {
    check.add('divert_to', 'Enter the number to divert calls to.');
  }
  check.finish();

  const recorded = changes(
    (Object.keys(next) as (keyof Configuration)[])
      .filter((field) => field !== 'updated_at')
      .map((field) => [field, current[field], next[field]]),
  );
  next.updated_at = account.clock.tick();
  account.configuration = next;
  account.configurationVersion = account.clock.revision();
  account.record(caller, 'configuration.updated', ['configuration', null], recorded);
  return account.versionedConfiguration();
}

export function listAuditEvents(account: Account, caller: Caller, query: ListAuditEvents): Page<AuditEvent> {
  account.requireAdmin(caller);
  const since = query.since === null ? null : Date.parse(query.since);
  if (since !== null && Number.isNaN(since)) fail('invalid_query', 'The start of the period isn’t a date and time.');
  const found = [...account.events]
    .reverse()
    .filter(
      (event) =>
        (since === null || Date.parse(event.at) >= since) &&
        (query.actor === null || event.actor_id === query.actor) &&
        (query.target === null || event.target_id === query.target),
    );
  return keysetPage(found, query.cursor, query.limit, (row) => account.eventView(row), true);
}
