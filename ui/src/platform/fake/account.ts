// One workspace's account as the fake server holds it: the team (kept in the world's `teams` so older
// tests can reach it), groups, numbers, invitations, the configuration and the audit trail. Links live on
// one side only — a group lists its members, a number its assignees — and every member or invitation
// view derives its `numbers` and `groups` from them, so one write shows on both sides, as on the server.
import { PlatformError } from '../error';
import type {
  AuditEvent,
  Configuration,
  Group,
  GroupRef,
  Invitation,
  InvitationStatus,
  Member,
  NumberKind,
  NumberRef,
  Permission,
  PhoneNumber,
  Principal,
  PrincipalKind,
  RecordingPolicy,
  Role,
  Sharing,
  Versioned,
} from '../platform';
import type { ProvisioningRow } from './provisioning';
import { countryOf, effectivePermissions, fakeId, FAKE_CONFIGURATION, kindOf, RESERVE_NUMBERS, SEEDED_AT } from './seed';
import { fail } from './validate';

/** Time, versions and creation order for a whole fake world. */
export class Clock {
  private last = 0;
  private revisions = 0;
  private created = 0;

  /** Now, in ms; never before an instant already handed to a write. */
  now(): number {
    return Math.max(Date.now(), this.last);
  }

  /** The instant of a write: strictly after every earlier one, so `updated_at` always moves. */
  tick(): string {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last).toISOString();
  }

  /**
   * A new version. One counter for the whole world makes every ETag unique, so a UI that sends one
   * resource's ETag with another's write fails as it would against a server that happened to differ.
   */
  revision(): number {
    this.revisions += 1;
    return this.revisions;
  }

  /** Creation order, which is what the server's time-ordered ids sort by. */
  sequence(): number {
    this.created += 1;
    return this.created;
  }
}

interface Row {
  /** Creation order: lists come in this order and their cursors name it. */
  seq: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface GroupRow extends Row {
  id: string;
  name: string;
  description: string;
  /** Principal (member or invitation) ids, in the order they joined. */
  members: string[];
}

export interface NumberRow extends Row {
  id: string;
  e164: string;
  label: string;
  country: string;
  kind: NumberKind;
  sharing: Sharing;
  /** Principal ids, in the order they were assigned; empty in reserve. */
  assignees: string[];
}

export interface InvitationRow extends Row {
  id: string;
  email: string;
  role: Role;
  grants: Permission[];
  /** As stored: a pending invitation past `expiresAt` reads as expired without being rewritten. */
  status: InvitationStatus;
  expiresAt: number;
  invited_by: string | null;
  member_id: string | null;
}

/** Each principal's numbers and groups, by principal id. */
export type Links = Map<string, { numbers: NumberRef[]; groups: GroupRef[] }>;

function linksOf(links: Links, principalId: string): { numbers: NumberRef[]; groups: GroupRef[] } {
  const entry = links.get(principalId);
  return { numbers: [...(entry?.numbers ?? [])], groups: [...(entry?.groups ?? [])] };
}

export interface AuditRow extends AuditEvent {
  seq: number;
}

/** Who is asking: the signed-in member of the workspace. */
export interface Caller {
  id: string;
  role: Role;
}

/** The answer a creating call gave, replayed for a retry with the same idempotency key. */
export interface Replay {
  request: string;
  outcome: { ok: true; value: unknown } | { ok: false; error: PlatformError };
}

export interface AccountSeed {
  /** The team as the world holds it now; read on every use, so a test may replace or extend it. */
  team: () => Member[];
  configuration?: Configuration | undefined;
  groups?: Group[] | undefined;
  numbers?: PhoneNumber[] | undefined;
  invitations?: Invitation[] | undefined;
  /** How many spare numbers to hold in reserve beside the team's. */
  reserve: number;
}

export const etagOf = (version: number): string => `"${String(version)}"`;

/** What a member's recording looks like under a policy: the policy decides unless it leaves it to them. */
function effectiveRecording(policy: RecordingPolicy, own: boolean): { enabled: boolean; enforced: boolean } {
  if (policy === 'always') return { enabled: true, enforced: true };
  if (policy === 'never') return { enabled: false, enforced: true };
  return { enabled: own, enforced: false };
}

/**
 * A policy consistent with a seeded team: a member seeded with an enforced recording setting implies the
 * account enforces it (`always` if it records, `never` if not).
 */
function seededPolicy(team: Member[], direction: 'inbound' | 'outbound', fallback: RecordingPolicy): RecordingPolicy {
  const enforced = team.find((member) => member.recording[direction].enforced);
  if (enforced === undefined) return fallback;
  return enforced.recording[direction].enabled ? 'always' : 'never';
}

export class Account {
  readonly groups = new Map<string, GroupRow>();
  readonly numbers = new Map<string, NumberRow>();
  readonly invitations = new Map<string, InvitationRow>();
  /** Oldest first; lists read it backwards. */
  readonly events: AuditRow[] = [];
  readonly replays = new Map<string, Replay>();
  /** The identity provider's tokens, by id. */
  readonly provisioningTokens = new Map<string, ProvisioningRow>();
  configuration: Configuration;
  configurationVersion: number;
  private readonly memberVersions = new Map<string, number>();
  /** Each member's own recording choice, kept apart from what a policy currently enforces. */
  private readonly choices = new Map<string, { inbound: boolean; outbound: boolean }>();
  private readonly absorbed = new Set<string>();
  private readonly teamSource: () => Member[];
  /** A signed-in user the test's team leaves out: they exist (me, actor, owner count) but aren't listed. */
  private readonly outsiders: Member[] = [];

  constructor(
    readonly clock: Clock,
    seed: AccountSeed,
  ) {
    this.teamSource = seed.team;
    const team = seed.team();
    this.configuration = structuredClone(
      seed.configuration ?? {
        ...FAKE_CONFIGURATION,
        recording: {
          inbound: seededPolicy(team, 'inbound', FAKE_CONFIGURATION.recording.inbound),
          outbound: seededPolicy(team, 'outbound', FAKE_CONFIGURATION.recording.outbound),
        },
      },
    );
    this.configurationVersion = clock.revision();
    for (const group of seed.groups ?? []) {
      this.groups.set(group.id, {
        ...this.created(group.created_at),
        id: group.id,
        name: group.name,
        description: group.description,
        members: group.members.map((principal) => principal.id),
        updated_at: group.updated_at,
      });
    }
    for (const number of seed.numbers ?? []) {
      const { assignees, ...rest } = number;
      this.numbers.set(number.id, { ...this.created(number.created_at), ...rest, assignees: assignees.map((p) => p.id) });
    }
    for (const invitation of seed.invitations ?? []) {
      this.invitations.set(invitation.id, {
        ...this.created(invitation.created_at),
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        grants: [...invitation.grants],
        status: invitation.status,
        expiresAt: Date.parse(invitation.expires_at),
        invited_by: invitation.invited_by,
        member_id: invitation.member_id,
        updated_at: invitation.updated_at,
      });
      this.absorbLinks(invitation.id, invitation.numbers, invitation.groups);
    }
    this.absorbTeam(team);
    RESERVE_NUMBERS.slice(0, seed.reserve).forEach((spare, index) => {
      const id = fakeId(4, index);
      if (!this.numbers.has(id) && ![...this.numbers.values()].some((number) => number.e164 === spare.e164)) {
        this.numbers.set(id, { ...this.created(SEEDED_AT), id, ...spare, sharing: 'direct', assignees: [] });
      }
    });
    this.materialise();
  }

  private created(at: string): Row {
    return { seq: this.clock.sequence(), version: this.clock.revision(), created_at: at, updated_at: at };
  }

  /** The team, with any member not seen before folded into the world (their embedded links included). */
  get team(): Member[] {
    const team = this.teamSource();
    this.absorbTeam(team);
    return team;
  }

  /** Makes `member` exist without joining the listed team (see `outsiders`). */
  admit(member: Member): Member {
    this.outsiders.push(member);
    this.absorbTeam([member]);
    return member;
  }

  /** The team and anyone admitted beside it. */
  everyone(): Member[] {
    return [...this.team, ...this.outsiders];
  }

  private absorbTeam(team: Member[]): void {
    for (const member of team) {
      if (this.absorbed.has(member.id)) continue;
      this.absorbed.add(member.id);
      this.memberVersions.set(member.id, this.clock.revision());
      this.choices.set(member.id, {
        inbound: member.recording.inbound.enabled,
        outbound: member.recording.outbound.enabled,
      });
      this.absorbLinks(member.id, member.numbers, member.groups);
    }
  }

  /** Turns a principal's embedded references into groups and numbers that list them. */
  private absorbLinks(principalId: string, numbers: NumberRef[], groups: GroupRef[]): void {
    for (const ref of groups) {
      let group = this.groups.get(ref.id);
      if (group === undefined) {
        group = { ...this.created(SEEDED_AT), id: ref.id, name: ref.name, description: '', members: [] };
        this.groups.set(ref.id, group);
      }
      if (!group.members.includes(principalId)) group.members.push(principalId);
    }
    for (const ref of numbers) {
      let number = this.numbers.get(ref.id);
      if (number === undefined) {
        number = {
          ...this.created(SEEDED_AT),
          id: ref.id,
          e164: ref.e164,
          label: ref.label,
          country: countryOf(ref.e164),
          kind: kindOf(ref.e164),
          sharing: 'direct',
          assignees: [],
        };
        this.numbers.set(ref.id, number);
      }
      if (!number.assignees.includes(principalId)) number.assignees.push(principalId);
      // Two people seeded with the same number can only share it.
      if (number.assignees.length > 1) number.sharing = 'shared';
    }
  }

  /**
   * Writes the derived fields back into the world's team, so a test that reads `world.teams` sees what
   * the server would return. The member's own recording choice stays in `choices`.
   */
  materialise(): void {
    const links = this.links();
    for (const member of [...this.teamSource(), ...this.outsiders]) Object.assign(member, this.memberView(member, links));
  }

  // Reading.

  member(id: string): Member | undefined {
    const isIt = (candidate: Member) => candidate.id === id;
    return this.team.find(isIt) ?? this.outsiders.find(isIt);
  }

  memberVersion(id: string): number {
    return this.memberVersions.get(id) ?? 0;
  }

  /** A pending invitation past its expiry reads as expired. */
  invitationStatus(row: InvitationRow): InvitationStatus {
    return row.status === 'pending' && row.expiresAt <= this.clock.now() ? 'expired' : row.status;
  }

  principal(id: string): Principal | undefined {
    const member = this.member(id);
    if (member !== undefined) return { id, kind: 'member', email: member.email, name: member.name };
    const invitation = this.invitations.get(id);
    if (invitation !== undefined) return { id, kind: 'invitation', email: invitation.email, name: null };
    return undefined;
  }

  /** What a group or number may be given to: a member, or an invitation still pending. */
  resolve(id: string): PrincipalKind {
    if (this.member(id) !== undefined) return 'member';
    const invitation = this.invitations.get(id);
    if (invitation?.status === 'pending') return 'invitation';
    return fail('not_found', 'That member or invitation is no longer in the team.');
  }

  /**
   * Every principal's numbers and groups, in the order the account holds them (the order they were
   * created or seeded in, which keeps a seeded member's embedded order). Built once for a whole list.
   */
  links(): Links {
    const links: Links = new Map();
    const of = (principalId: string) => {
      let entry = links.get(principalId);
      if (entry === undefined) {
        entry = { numbers: [], groups: [] };
        links.set(principalId, entry);
      }
      return entry;
    };
    for (const { id, e164, label, assignees } of this.numbers.values()) {
      for (const principalId of assignees) of(principalId).numbers.push({ id, e164, label });
    }
    for (const { id, name, members } of this.groups.values()) {
      for (const principalId of members) of(principalId).groups.push({ id, name });
    }
    return links;
  }

  memberView(member: Member, links = this.links()): Member {
    const own = this.choices.get(member.id) ?? { inbound: false, outbound: false };
    const { recording } = this.configuration;
    // Every field but these is a primitive, so a shallow copy is a deep one (and cheap for a big team).
    return {
      ...member,
      grants: [...member.grants],
      permissions: effectivePermissions(member.role, member.grants),
      ...linksOf(links, member.id),
      recording: {
        inbound: effectiveRecording(recording.inbound, own.inbound),
        outbound: effectiveRecording(recording.outbound, own.outbound),
      },
    };
  }

  groupView(row: GroupRow): Group {
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      members: this.principals(row.members),
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  numberView(row: NumberRow): PhoneNumber {
    return {
      id: row.id,
      e164: row.e164,
      label: row.label,
      country: row.country,
      kind: row.kind,
      sharing: row.sharing,
      assignees: this.principals(row.assignees),
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  invitationView(row: InvitationRow, links = this.links()): Invitation {
    return {
      id: row.id,
      email: row.email,
      role: row.role,
      permissions: effectivePermissions(row.role, row.grants),
      grants: [...row.grants],
      ...linksOf(links, row.id),
      status: this.invitationStatus(row),
      expires_at: new Date(row.expiresAt).toISOString(),
      invited_by: row.invited_by,
      member_id: row.member_id,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  }

  eventView(row: AuditRow): AuditEvent {
    return {
      id: row.id,
      at: row.at,
      actor_id: row.actor_id,
      actor_kind: row.actor_kind,
      action: row.action,
      target_type: row.target_type,
      target_id: row.target_id,
      changes: structuredClone(row.changes),
    };
  }

  private principals(ids: string[]): Principal[] {
    return ids.map((id) => this.principal(id)).filter((principal) => principal !== undefined);
  }

  versionedMember(member: Member): Versioned<Member> {
    return { value: this.memberView(member), etag: etagOf(this.memberVersion(member.id)) };
  }

  versionedGroup(row: GroupRow): Versioned<Group> {
    return { value: this.groupView(row), etag: etagOf(row.version) };
  }

  versionedNumber(row: NumberRow): Versioned<PhoneNumber> {
    return { value: this.numberView(row), etag: etagOf(row.version) };
  }

  versionedInvitation(row: InvitationRow): Versioned<Invitation> {
    return { value: this.invitationView(row), etag: etagOf(row.version) };
  }

  versionedConfiguration(): Versioned<Configuration> {
    return { value: structuredClone(this.configuration), etag: etagOf(this.configurationVersion) };
  }

  // Writing.

  /** A stale ETag is refused, as the server's `If-Match` is; `*` matches any version. */
  expect(etag: string, version: number, what: string): void {
    if (etag.trim() !== '*' && etag.trim() !== etagOf(version)) {
      fail('precondition_failed', `Someone else changed ${what} while you were editing. Reload to see their change, then try again.`);
    }
  }

  requireAdmin(caller: Caller): void {
    if (caller.role === 'member') fail('forbidden', 'Only owners and admins can do this.');
  }

  requireOwner(caller: Caller, message: string): void {
    if (caller.role !== 'owner') fail('forbidden', message);
  }

  setChoice(memberId: string, direction: 'inbound' | 'outbound', enabled: boolean): void {
    const own = this.choices.get(memberId) ?? { inbound: false, outbound: false };
    this.choices.set(memberId, { ...own, [direction]: enabled });
  }

  choice(memberId: string): { inbound: boolean; outbound: boolean } {
    return { ...(this.choices.get(memberId) ?? { inbound: false, outbound: false }) };
  }

  /** A new version for a group, number or invitation that changed. */
  bump(row: Row): void {
    row.version = this.clock.revision();
    row.updated_at = this.clock.tick();
  }

  /** A member or invitation whose own fields, numbers or groups changed gets a new ETag. */
  touch(principalId: string): void {
    const member = this.member(principalId);
    if (member !== undefined) {
      this.memberVersions.set(principalId, this.clock.revision());
      member.updated_at = this.clock.tick();
      return;
    }
    const invitation = this.invitations.get(principalId);
    if (invitation !== undefined) this.bump(invitation);
  }

  /** Detaches a principal from every group and number, bumping each (their lists change). */
  detachEverywhere(principalId: string): void {
    for (const row of [...this.groups.values()]) {
      if (!row.members.includes(principalId)) continue;
      row.members = row.members.filter((id) => id !== principalId);
      this.bump(row);
    }
    for (const row of [...this.numbers.values()]) {
      if (!row.assignees.includes(principalId)) continue;
      row.assignees = row.assignees.filter((id) => id !== principalId);
      this.bump(row);
    }
  }

  newRow(): Row {
    const at = this.clock.tick();
    return { seq: this.clock.sequence(), version: this.clock.revision(), created_at: at, updated_at: at };
  }

  record(actor: Caller, action: string, target: [type: string, id: string | null], changes: Record<string, unknown>): void {
    const seq = this.clock.sequence();
    this.events.push({
      seq,
      id: fakeId(5, seq),
      at: this.clock.tick(),
      actor_id: actor.id,
      actor_kind: 'member',
      action,
      target_type: target[0],
      target_id: target[1],
      changes: structuredClone(changes),
    });
  }
}

/** `{"field": {"from": …, "to": …}}` for each field that changed, as the server's audit trail records. */
export function changes(fields: [field: string, from: unknown, to: unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, from, to] of fields) {
    if (JSON.stringify(from) !== JSON.stringify(to)) out[field] = { from, to };
  }
  return out;
}
