// The Configuration page's edits, kept apart from React: the form's values as typed (a `Draft`), what
// they mean once read (or why they can't be read), the fields that differ from what the user started
// from, the PATCH that sends only those, and the rebase that keeps the user's edits on top of someone
// else's newer configuration. The rules mirror the server's (validate.rs, routes/configuration.rs), so a
// value the page accepts is one the server accepts.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

import { formatPhone } from '../../format/phone';
import type {
  Configuration,
  ConfigurationPatch,
  RecordingPolicy,
  Role,
  UnassignedNumbers,
} from '../../platform';

export type InvitableRole = Exclude<Role, 'owner'>;
export type LifetimeUnit = 'hours' | 'days';

/** The form as the user sees it: choices, and text exactly as typed. */
export interface Draft {
  teamName: string;
  inbound: RecordingPolicy;
  outbound: RecordingPolicy;
  /** Each already checked and normalised when it was added. */
  domains: string[];
  defaultRole: Role;
  lifetime: string;
  lifetimeUnit: LifetimeUnit;
  onboardingUrl: string;
  unassigned: UnassignedNumbers;
  divertTo: string;
}

/** The page's fields, each one thing the user can change (and the server can name in a 422). */
export type FieldKey =
  | 'teamName'
  | 'inbound'
  | 'outbound'
  | 'domains'
  | 'defaultRole'
  | 'lifetime'
  | 'onboardingUrl'
  | 'unassigned'
  | 'divertTo';

export const FIELD_KEYS: readonly FieldKey[] = [
  'teamName',
  'inbound',
  'outbound',
  'domains',
  'defaultRole',
  'lifetime',
  'onboardingUrl',
  'unassigned',
  'divertTo',
];

/** The server's names for the page's fields, as a `validation_failed` answer keys its problems. */
export const SERVER_FIELDS: Record<string, FieldKey> = {
  team_name: 'teamName',
  'recording.inbound': 'inbound',
  'recording.outbound': 'outbound',
  allowed_email_domains: 'domains',
  default_role: 'defaultRole',
  invitation_lifetime_hours: 'lifetime',
  onboarding_url: 'onboardingUrl',
  unassigned_numbers: 'unassigned',
  divert_to: 'divertTo',
};

export const MAX_LIFETIME_HOURS = 8760;
export const MAX_DOMAINS = 100;
export const MAX_TEAM_NAME = 200;
const HOURS_PER_DAY = 24;

export function toDraft(configuration: Configuration): Draft {
  const hours = configuration.invitation_lifetime_hours;
  const inDays = hours % HOURS_PER_DAY === 0;
  return {
    teamName: configuration.team_name ?? '',
    inbound: configuration.recording.inbound,
    outbound: configuration.recording.outbound,
    domains: [...configuration.allowed_email_domains],
    defaultRole: configuration.default_role,
    lifetime: String(inDays ? hours / HOURS_PER_DAY : hours),
    lifetimeUnit: inDays ? 'days' : 'hours',
    onboardingUrl: configuration.onboarding_url ?? '',
    unassigned: configuration.unassigned_numbers,
    divertTo: configuration.divert_to === null ? '' : formatPhone(configuration.divert_to),
  };
}

// ── Reading single values ────────────────────────────────────────────────────────────────────────────

type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A domain as the server keeps it (a leading `@` dropped, lower case), or why it isn't one. */
export function readDomain(raw: string): Read<string> {
  const domain = raw.trim().replace(/^@+/u, '').toLowerCase();
  const labels = domain.split('.');
  const ok =
    domain.length <= 253 &&
    labels.length >= 2 &&
    labels.every((label) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/u.test(label));
  return ok ? { ok: true, value: domain } : { ok: false, problem: `“${raw.trim()}” isn’t a domain name such as example.com.` };
}

export function readLifetime(amount: string, unit: LifetimeUnit): Read<number> {
  const text = amount.trim();
  if (text === '') return { ok: false, problem: 'Enter how long an invitation stays valid.' };
  if (!/^\d+$/u.test(text)) return { ok: false, problem: `Enter a whole number of ${unit}.` };
  const hours = Number(text) * (unit === 'days' ? HOURS_PER_DAY : 1);
  if (hours < 1 || hours > MAX_LIFETIME_HOURS) {
    return { ok: false, problem: 'Choose between 1 hour and 365 days (8760 hours).' };
  }
  return { ok: true, value: hours };
}

/** The team's name, trimmed: empty means none. */
export function readTeamName(raw: string): Read<string | null> {
  const name = raw.trim();
  if (name === '') return { ok: true, value: null };
  // eslint-disable-next-line no-control-regex -- control characters are what the server refuses
  if (Array.from(name).length > MAX_TEAM_NAME || /[\u0000-\u001f\u007f-\u009f]/u.test(name)) {
    return { ok: false, problem: `Use at most ${String(MAX_TEAM_NAME)} characters, on one line.` };
  }
  return { ok: true, value: name };
}

/** An onboarding link: empty means none; otherwise an http(s) address with a host. */
export function readUrl(raw: string): Read<string | null> {
  const text = raw.trim();
  if (text === '') return { ok: true, value: null };
  let url: URL | null = null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (url === null || !(url.protocol === 'http:' || url.protocol === 'https:') || url.hostname === '' || text.length > 2048) {
    return { ok: false, problem: 'Enter a web address starting with https://, such as https://example.com/training.' };
  }
  return { ok: true, value: text };
}

/**
 * Someone typing `training.example.com/welcome` means the https address; say it for them once they
 * leave the field, rather than refusing it.
 */
export function completeUrl(raw: string): string {
  const text = raw.trim();
  if (text === '' || /^[a-z][a-z0-9+.-]*:/iu.test(text) || /\s/u.test(text) || !text.includes('.')) return raw;
  return `https://${text.replace(/^\/+/u, '')}`;
}

/** The region of the user's language ("en-NZ" → NZ), for a number typed the national way. */
function localRegion(): CountryCode | undefined {
  const region = /-([A-Z]{2})\b/u.exec(typeof navigator === 'undefined' ? '' : navigator.language)?.[1];
  return region as CountryCode | undefined;
}

/** The number to divert to, in E.164, or why it can't be dialled. */
export function readPhone(raw: string): Read<string> {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'Enter the number to divert calls to.' };
  const parsed = parsePhoneNumberFromString(text, text.startsWith('+') ? undefined : localRegion());
  if (parsed === undefined || !parsed.isValid()) {
    return {
      ok: false,
      problem: text.startsWith('+')
        ? 'This isn’t a valid phone number. Check the country code and the digits.'
        : 'Enter the number in international format, starting with + and the country code, such as +64 9 555 0100.',
    };
  }
  return { ok: true, value: parsed.number };
}

/** The number as typed, in the international format once it reads as one (shown when leaving the field). */
export function tidyPhone(raw: string): string {
  const read = readPhone(raw);
  return read.ok ? formatPhone(read.value) : raw;
}

// ── The whole form ───────────────────────────────────────────────────────────────────────────────────

/** What the form says, compared with where the user started. */
export interface Reading {
  /** The fields whose meaning differs from the starting configuration. */
  changed: Set<FieldKey>;
  /** The fields that can't be sent as they are, and why. */
  problems: Partial<Record<FieldKey, string>>;
  /** The changed, readable fields, as the server takes them. */
  patch: ConfigurationPatch;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Compares the draft with the configuration the user started from. A field is only checked when the
 * user changed it (or a choice they made needs it), so a value stored before today's rules is never
 * flagged on its own.
 */
export function readDraft(draft: Draft, base: Configuration): Reading {
  const start = toDraft(base);
  const changed = new Set<FieldKey>();
  const problems: Partial<Record<FieldKey, string>> = {};
  const patch: ConfigurationPatch = {};

  if (draft.teamName !== start.teamName) {
    const name = readTeamName(draft.teamName);
    if (!name.ok) {
      changed.add('teamName');
      problems.teamName = name.problem;
    } else if (name.value !== base.team_name) {
      changed.add('teamName');
      // The server clears the name when sent an empty string.
      patch.team_name = name.value ?? '';
    }
  }
  if (draft.inbound !== base.recording.inbound) {
    changed.add('inbound');
    patch.recording = { ...patch.recording, inbound: draft.inbound };
  }
  if (draft.outbound !== base.recording.outbound) {
    changed.add('outbound');
    patch.recording = { ...patch.recording, outbound: draft.outbound };
  }
  if (!sameList(draft.domains, base.allowed_email_domains)) {
    changed.add('domains');
    if (draft.domains.length > MAX_DOMAINS) problems.domains = `List at most ${String(MAX_DOMAINS)} domains.`;
    else patch.allowed_email_domains = [...draft.domains];
  }
  if (draft.defaultRole !== base.default_role) {
    changed.add('defaultRole');
    patch.default_role = draft.defaultRole;
  }
  if (draft.lifetime !== start.lifetime || draft.lifetimeUnit !== start.lifetimeUnit) {
    const lifetime = readLifetime(draft.lifetime, draft.lifetimeUnit);
    if (!lifetime.ok) {
      changed.add('lifetime');
      problems.lifetime = lifetime.problem;
    } else if (lifetime.value !== base.invitation_lifetime_hours) {
      changed.add('lifetime');
      patch.invitation_lifetime_hours = lifetime.value;
    }
  }
  if (draft.onboardingUrl !== start.onboardingUrl) {
    const url = readUrl(draft.onboardingUrl);
    if (!url.ok) {
      changed.add('onboardingUrl');
      problems.onboardingUrl = url.problem;
    } else if (url.value !== base.onboarding_url) {
      changed.add('onboardingUrl');
      // The server clears the link when sent an empty string.
      patch.onboarding_url = url.value ?? '';
    }
  }
  if (draft.unassigned !== base.unassigned_numbers) {
    changed.add('unassigned');
    patch.unassigned_numbers = draft.unassigned;
  }
  // The number only matters while calls are diverted; rejecting leaves whatever is stored alone.
  if (draft.unassigned === 'divert' && (draft.divertTo !== start.divertTo || base.divert_to === null)) {
    const number = readPhone(draft.divertTo);
    if (!number.ok) {
      changed.add('divertTo');
      problems.divertTo = number.problem;
    } else if (number.value !== base.divert_to) {
      changed.add('divertTo');
      patch.divert_to = number.value;
    }
  }
  return { changed, problems, patch };
}

/** Which parts of the draft each field is made of. */
const DRAFT_PARTS: Record<FieldKey, readonly (keyof Draft)[]> = {
  teamName: ['teamName'],
  inbound: ['inbound'],
  outbound: ['outbound'],
  domains: ['domains'],
  defaultRole: ['defaultRole'],
  lifetime: ['lifetime', 'lifetimeUnit'],
  onboardingUrl: ['onboardingUrl'],
  unassigned: ['unassigned'],
  divertTo: ['divertTo'],
};

/**
 * The user's edits moved onto a newer configuration: the fields they changed keep their values, every
 * other field takes the newer one (so saving doesn't undo someone else's change to a field the user
 * never touched).
 */
export function rebase(draft: Draft, oldBase: Configuration, newBase: Configuration): Draft {
  const { changed } = readDraft(draft, oldBase);
  const next = toDraft(newBase);
  const rebased: Draft = { ...next };
  for (const key of changed) {
    for (const part of DRAFT_PARTS[key]) {
      Object.assign(rebased, { [part]: draft[part] });
    }
  }
  return rebased;
}

// ── Words ────────────────────────────────────────────────────────────────────────────────────────────

export const POLICY_LABELS: Record<RecordingPolicy, string> = {
  always: 'Always',
  never: 'Never',
  member_choice: 'Member’s choice',
};

export const ROLE_LABELS: Record<Role, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/**
 * "Incoming calls are always recorded; outgoing calls are never recorded." — the recording policy in
 * one sentence.
 */
export function recordingSentence(inbound: RecordingPolicy, outbound: RecordingPolicy): string {
  if (inbound === outbound) {
    return inbound === 'member_choice'
      ? 'Each member decides whether their incoming and outgoing calls are recorded.'
      : `Incoming and outgoing calls are ${inbound} recorded.`;
  }
  const part = (policy: RecordingPolicy, direction: 'incoming' | 'outgoing') =>
    policy === 'member_choice'
      ? `each member decides whether their ${direction} calls are recorded`
      : `${direction} calls are ${policy} recorded`;
  const sentence = `${part(inbound, 'incoming')}; ${part(outbound, 'outgoing')}.`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** 168 → "7 days", 36 → "36 hours", 24 → "1 day". */
export function lifetimeWords(hours: number): string {
  if (hours % HOURS_PER_DAY === 0) {
    const days = hours / HOURS_PER_DAY;
    return `${String(days)} ${days === 1 ? 'day' : 'days'}`;
  }
  return `${String(hours)} ${hours === 1 ? 'hour' : 'hours'}`;
}

export interface FieldDifference {
  label: string;
  before: string;
  now: string;
}

/** The fields that differ between two configurations, in words (for the conflict dialog). */
export function differences(before: Configuration, now: Configuration): FieldDifference[] {
  const rows: [string, string, string][] = [
    ['Team name', before.team_name ?? 'None', now.team_name ?? 'None'],
    ['Incoming calls', POLICY_LABELS[before.recording.inbound], POLICY_LABELS[now.recording.inbound]],
    ['Outgoing calls', POLICY_LABELS[before.recording.outbound], POLICY_LABELS[now.recording.outbound]],
    [
      'Allowed email domains',
      before.allowed_email_domains.join(', ') || 'Any domain',
      now.allowed_email_domains.join(', ') || 'Any domain',
    ],
    ['Default role', ROLE_LABELS[before.default_role], ROLE_LABELS[now.default_role]],
    ['Invitation lifetime', lifetimeWords(before.invitation_lifetime_hours), lifetimeWords(now.invitation_lifetime_hours)],
    ['Onboarding link', before.onboarding_url ?? 'None', now.onboarding_url ?? 'None'],
    [
      'Unassigned numbers',
      before.unassigned_numbers === 'divert' ? 'Divert calls' : 'Reject calls',
      now.unassigned_numbers === 'divert' ? 'Divert calls' : 'Reject calls',
    ],
    [
      'Divert calls to',
      before.divert_to === null ? 'None' : formatPhone(before.divert_to),
      now.divert_to === null ? 'None' : formatPhone(now.divert_to),
    ],
  ];
  return rows.filter(([, a, b]) => a !== b).map(([label, a, b]) => ({ label, before: a, now: b }));
}
