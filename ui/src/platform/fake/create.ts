// An in-memory Platform for component tests and for rendering the UI outside the app. It never touches
// @tauri-apps. It keeps a small world — workspaces, each with an account (team, groups, numbers,
// invitations, configuration, audit trail) — and answers the way the backend does: cursor pages, ETags
// that change on every write, the server's coded refusals, audit events. Answers come at once
// (already-settled promises). Every method can be replaced to script successes and failures, and every
// call is recorded.
import { PlatformError } from '../error';
import type {
  AuditEvent,
  BusyWork,
  Configuration,
  Group,
  ImportedRows,
  Invitation,
  Member,
  OutboxEntry,
  PhoneNumber,
  Platform,
  QuitAnswer,
  QuitRequest,
  RoleInfo,
  Versioned,
  Workspace,
  WorkspaceState,
} from '../platform';
import { Account, type Caller, Clock } from './account';
import { listAuditEvents, updateConfiguration } from './configuration';
import { addGroupMember, createGroup, deleteGroup, getGroup, listGroups, removeGroupMember, updateGroup } from './groups';
import {
  createInvitation,
  getInvitation,
  listInvitations,
  resendInvitation,
  revokeInvitation,
  updateInvitation,
  validateInvitations,
} from './invitations';
import { getMember, listMembers, removeMember, updateMember } from './members';
import { FakeOutbox } from './outbox';
import { avatarSource, FakePhotos, type FakePhotoWorld, removePhoto } from './photos';
import { assignNumber, getNumber, listNumbers, unassignNumber, updateNumber } from './numbers';
import { createProvisioningToken, getProvisioning, revokeProvisioningToken, scimRequest } from './provisioning';
import { ALL_PERMISSIONS, FAKE_APP_INFO, FAKE_PASSWORD, fakeId, fakeMember, fakeTeam, host, LOCAL_WORKSPACE } from './seed';
import { fail } from './validate';

type Method = keyof Platform;

export interface FakeWorld {
  /** Workspaces already signed in; the default is the local one. */
  workspaces?: Workspace[];
  /** The current workspace's id; the default is the first workspace's. */
  current?: string | null;
  /**
   * Each workspace's team, by workspace id; a workspace not listed gets a team of 30. The members'
   * embedded `numbers` and `groups` become the account's numbers and groups when the team is first used.
   */
  teams?: Record<string, Member[]>;
  /** The team the local workspace is seeded with when opened (default: 30 members). */
  localTeam?: Member[];
  /**
   * Each workspace's configuration, by workspace id. By default `FAKE_CONFIGURATION`, except that a
   * recording direction some seeded member shows as enforced is enforced by the policy.
   */
  configurations?: Record<string, Configuration>;
  /** Groups beyond those the team's members name, by workspace id (their `members` are kept as links). */
  groups?: Record<string, Group[]>;
  /** Numbers beyond the team's and the reserve, by workspace id (their `assignees` are kept as links). */
  numbers?: Record<string, PhoneNumber[]>;
  /** Invitations, by workspace id; their embedded `numbers` and `groups` become links like a member's. */
  invitations?: Record<string, Invitation[]>;
  /** How many spare numbers each account holds in reserve (0 to 5; default 5). */
  reserveNumbers?: number;
  /** What Import CSV reads from the file the user picks; `null` (the default) is a cancelled dialog. */
  csvImport?: ImportedRows | null;
  /** Invitations already in the outbox (queued, or refused and waiting), of any workspace. */
  outbox?: OutboxEntry[];
  /** Whether the servers can't be reached: queued invitations wait until `world.setOffline(false)`. */
  offline?: boolean;
  /** What the photo file dialog and a dropped file give. */
  photos?: FakePhotoWorld;
}

/** What one workspace's server holds, as it would answer (a fresh copy on every call). */
export interface FakeAccountState {
  members(workspaceId?: string): Member[];
  groups(workspaceId?: string): Group[];
  numbers(workspaceId?: string): PhoneNumber[];
  invitations(workspaceId?: string): Invitation[];
  configuration(workspaceId?: string): Configuration;
  /** The audit trail, newest first. */
  audit(workspaceId?: string): AuditEvent[];
}

export interface FakePlatform extends Platform {
  /** How many times each method was called. */
  readonly calls: Record<Method, number>;
  /** Every call, in order, with its arguments. */
  readonly requests: { method: Method; args: unknown[] }[];
  /**
   * The fake's current state, to assert on or change in a test: workspaces, teams, and (for the current
   * workspace unless another's id is given) what its server holds.
   */
  readonly world: {
    state: WorkspaceState;
    teams: Map<string, Member[]>;
    /** Every workspace's outbox entries, as the app holds them. */
    outbox(): OutboxEntry[];
    /** Takes the servers away or brings them back; coming back sends what is queued, as the app does. */
    setOffline(offline: boolean): void;
    /**
     * The identity provider calling the SCIM API with a provisioning token's secret: 200 (and the token's
     * last use recorded) or 401 when no token of the workspace has that secret.
     */
    scimRequest(secret: string, workspaceId?: string): 200 | 401;
    /**
     * Photos: what the file dialog (`picked`) and a drop (`dropped`) give next, refusals for the next saves
     * (`saveFailures`), the photos open now, and `emit` to drag files over the window or drop them.
     */
    photos: FakePhotos;
    /** Quitting: the user closing the window while `work` is under way, and what the UI answered. */
    quit: FakeQuit;
  } & FakeAccountState;
}

/** The app's side of quitting while work is under way (see `Platform.watchQuit`). */
export interface FakeQuit {
  /** The user closes the window while `work` is under way, or that work changed: the UI is told. */
  ask(work: BusyWork): void;
  /** The work ended: the app quits by itself. */
  finish(): void;
  /** The answers the UI gave, in order. */
  readonly answers: { request: number; answer: QuitAnswer }[];
  /** Whether the app has quit. */
  readonly quit: boolean;
}

const ROLES: RoleInfo[] = [
  {
    role: 'owner',
    description: 'Everything an admin can do, plus managing owners and the account itself',
    default_permissions: [...ALL_PERMISSIONS],
  },
  {
    role: 'admin',
    description: 'Manages the team: members, invitations, groups, numbers and policy',
    default_permissions: [...ALL_PERMISSIONS],
  },
  { role: 'member', description: 'Makes and receives calls; manages only their own profile', default_permissions: ['make_outbound_calls'] },
];

/** A request body as the wire would carry it: keys in a fixed order, an absent optional as null. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => {
    if (field === undefined) return null;
    if (typeof field !== 'object' || field === null || Array.isArray(field)) return field;
    return Object.fromEntries(Object.entries(field).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}

/** Settles at once, rejecting with whatever the work threw. */
function answer<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function createFakePlatform(overrides: Partial<Platform> = {}, world: FakeWorld = {}): FakePlatform {
  const workspaces = (world.workspaces ?? [LOCAL_WORKSPACE]).map((workspace) => ({ ...workspace }));
  const state: WorkspaceState = {
    current: world.current === undefined ? (workspaces[0]?.id ?? null) : world.current,
    workspaces,
    preferences: { theme: 'system' },
  };
  const teams = new Map<string, Member[]>(Object.entries(world.teams ?? {}));
  const accounts = new Map<string, Account>();
  const clock = new Clock();

  const teamOf = (workspace: Workspace): Member[] => {
    let team = teams.get(workspace.id);
    if (team === undefined) {
      team = workspace.kind === 'local' && world.localTeam !== undefined ? world.localTeam : fakeTeam(30, host(workspace.serverUrl));
      // The signed-in user is a member of their own team.
      if (!team.some((member) => member.id === workspace.userId)) {
        team = [
          fakeMember(0, 'x', { id: workspace.userId, name: workspace.userName, email: workspace.userEmail }),
          ...team.slice(1),
        ];
      }
      teams.set(workspace.id, team);
    }
    return team;
  };
  const accountOf = (workspace: Workspace): Account => {
    let account = accounts.get(workspace.id);
    if (account === undefined) {
      account = new Account(clock, {
        team: () => teamOf(workspace),
        configuration: world.configurations?.[workspace.id],
        groups: world.groups?.[workspace.id],
        numbers: world.numbers?.[workspace.id],
        invitations: world.invitations?.[workspace.id],
        reserve: world.reserveNumbers ?? 5,
      });
      accounts.set(workspace.id, account);
    }
    return account;
  };
  const currentWorkspace = (): Workspace =>
    state.workspaces.find((candidate) => candidate.id === state.current) ??
    fail('no_workspace', 'No workspace is open. Open one or sign in first.');
  /** A workspace's account and who is signed in to it (the current workspace's by default). */
  const session = (workspace: Workspace = currentWorkspace()): { account: Account; caller: Caller } => {
    const account = accountOf(workspace);
    const user =
      account.member(workspace.userId) ??
      // A test's team may leave out whoever is signed in; they are an owner all the same.
      account.admit(
        fakeMember(0, 'localhost', { id: workspace.userId, name: workspace.userName, email: workspace.userEmail, numbers: [], groups: [] }),
      );
    return { account, caller: { id: user.id, role: user.role } };
  };
  const nameAfterTeam = (read: Versioned<Configuration>): Versioned<Configuration> => {
    const workspace = currentWorkspace();
    workspace.displayName =
      read.value.team_name ?? (workspace.kind === 'local' ? LOCAL_WORKSPACE.displayName : host(workspace.serverUrl));
    return read;
  };
  const read = <T,>(work: (account: Account, caller: Caller) => T): Promise<T> =>
    answer(() => {
      const { account, caller } = session();
      return work(account, caller);
    });
  const write = <T,>(work: (account: Account, caller: Caller) => T): Promise<T> =>
    answer(() => {
      const { account, caller } = session();
      const result = work(account, caller);
      account.materialise();
      return result;
    });
  /**
   * A creating call under an idempotency key: the first answer (success or refusal) is kept, and the same
   * key with the same body gets it again; with another body the server refuses the key.
   */
  const keyed = <T,>(key: string, what: string, body: unknown, create: (account: Account, caller: Caller) => T): Promise<T> =>
    write((account, caller) => {
      const trimmed = key.trim();
      if (trimmed === '' || trimmed.length > 255) fail('idempotency_key_invalid', 'This request has no valid idempotency key.');
      const slot = `${caller.id} ${what} ${trimmed}`;
      const request = canonical(body);
      const replay = account.replays.get(slot);
      if (replay !== undefined) {
        if (replay.request !== request) {
          fail('idempotency_key_reused', 'This request was already sent with different details. Start again to send the new ones.');
        }
        if (replay.outcome.ok) return structuredClone(replay.outcome.value) as T;
        throw replay.outcome.error;
      }
      try {
        const value = create(account, caller);
        account.replays.set(slot, { request, outcome: { ok: true, value: structuredClone(value) } });
        return value;
      } catch (error) {
        if (error instanceof PlatformError) account.replays.set(slot, { request, outcome: { ok: false, error } });
        throw error;
      }
    });
  const snapshot = (): WorkspaceState => structuredClone(state);
  let nextWorkspace = 1;
  const outbox = new FakeOutbox(world.outbox ?? [], world.offline ?? false);
  /** The sender's round, after the caller has its answer (as the app's runs in the background). */
  const sendOutbox = () =>
    queueMicrotask(() =>
      outbox.flush((entry) => {
        const workspace = state.workspaces.find((candidate) => candidate.id === entry.workspace_id);
        if (workspace === undefined) return { refused: new PlatformError('signed_out', 'You’re signed out of this workspace.') };
        const { account, caller } = session(workspace);
        try {
          const created = createInvitation(account, caller, entry.invitation);
          account.materialise();
          return { delivered: created.value.email };
        } catch (error) {
          if (error instanceof PlatformError) return { refused: error };
          throw error;
        }
      }),
    );
  if (outbox.all().some((entry) => entry.state === 'queued')) sendOutbox();
  const photos = new FakePhotos(world.photos);
  const quitListeners = new Set<(request: QuitRequest) => void>();
  const quitAnswers: { request: number; answer: QuitAnswer }[] = [];
  let quitRequest = 0;
  let asking = 0;
  let quitted = false;
  const quit: FakeQuit = {
    ask: (work) => {
      if (asking === 0) asking = ++quitRequest;
      for (const listener of quitListeners) listener({ request: asking, work: { ...work } });
    },
    finish: () => {
      if (asking !== 0) quitted = true;
      asking = 0;
    },
    answers: quitAnswers,
    get quit() {
      return quitted;
    },
  };

  const behaviour: Platform = {
    appInfo: () => Promise.resolve({ ...FAKE_APP_INFO }),
    workspaces: () => Promise.resolve(snapshot()),
    setPreferences: (preferences) => {
      state.preferences = { ...preferences };
      return Promise.resolve(snapshot());
    },
    setZoom: () => Promise.resolve(),
    rememberPage: (workspaceId, page) =>
      answer(() => {
        const workspace = state.workspaces.find((candidate) => candidate.id === workspaceId);
        if (workspace === undefined) throw new PlatformError('workspace_not_found', 'That workspace isn’t on this computer.');
        workspace.lastPage = page;
      }),
    openLocalWorkspace: () => {
      let local = state.workspaces.find((workspace) => workspace.kind === 'local');
      if (local === undefined) {
        local = { ...LOCAL_WORKSPACE };
        state.workspaces.push(local);
      }
      state.current = local.id;
      return Promise.resolve({ ...local });
    },
    signIn: ({ serverUrl, email, password }) => {
      let url: URL;
      try {
        url = new URL(serverUrl);
      } catch {
        return Promise.reject(new PlatformError('invalid_server_url', 'Enter a full address starting with https://.'));
      }
      if (url.hostname.endsWith('.invalid')) {
        return Promise.reject(new PlatformError('offline', `Couldn’t reach ${url.host}. Check the address and your connection.`));
      }
      if (password !== FAKE_PASSWORD) {
        return Promise.reject(new PlatformError('invalid_credentials', 'That email and password don’t match an account on this server.'));
      }
      const serverUrlNormalised = url.origin;
      let workspace = state.workspaces.find(
        (candidate) => candidate.serverUrl === serverUrlNormalised && candidate.userEmail === email,
      );
      if (workspace === undefined) {
        const name = email.split('@')[0] ?? email;
        workspace = {
          id: `ws-${String(nextWorkspace++)}`,
          displayName: url.host,
          serverUrl: serverUrlNormalised,
          userId: fakeId(9, nextWorkspace),
          userEmail: email,
          userName: name.charAt(0).toUpperCase() + name.slice(1),
          kind: 'remote',
        };
        state.workspaces.push(workspace);
      }
      state.current = workspace.id;
      return Promise.resolve({ ...workspace });
    },
    switchWorkspace: (workspaceId) => {
      if (!state.workspaces.some((workspace) => workspace.id === workspaceId)) {
        return Promise.reject(new PlatformError('no_workspace', 'That workspace is no longer on this computer.'));
      }
      state.current = workspaceId;
      return Promise.resolve(snapshot());
    },
    signOut: (workspaceId) => {
      outbox.forget(workspaceId);
      state.workspaces = state.workspaces.filter((workspace) => workspace.id !== workspaceId);
      if (state.current === workspaceId) state.current = state.workspaces[0]?.id ?? null;
      return Promise.resolve(snapshot());
    },

    me: () => read((account, caller) => getMember(account, caller.id)),
    updateMe: (etag, patch) => write((account, caller) => updateMember(account, caller, caller.id, etag, patch, true)),
    listMembers: (query) => read((account) => listMembers(account, query)),
    getMember: (id) => read((account) => getMember(account, id)),
    updateMember: (id, etag, patch) => write((account, caller) => updateMember(account, caller, id, etag, patch)),
    removeMember: (id, etag, how) => write((account, caller) => removeMember(account, caller, id, etag, how)),

    listInvitations: (query) => read((account, caller) => listInvitations(account, caller, query)),
    getInvitation: (id) => read((account, caller) => getInvitation(account, caller, id)),
    createInvitation: (key, invitation) =>
      keyed(key, 'create_invitation', invitation, (account, caller) => createInvitation(account, caller, invitation)),
    updateInvitation: (id, etag, patch) => write((account, caller) => updateInvitation(account, caller, id, etag, patch)),
    resendInvitation: (id) => write((account, caller) => resendInvitation(account, caller, id)),
    revokeInvitation: (id) => write((account, caller) => revokeInvitation(account, caller, id)),
    importInvitationsCsv: () => Promise.resolve(structuredClone(world.csvImport ?? null)),
    validateInvitations: (invitations) => {
      if (outbox.offline) return Promise.reject(new PlatformError('offline', 'Couldn’t reach the server. Check your connection.'));
      return read((account, caller) => validateInvitations(account, caller, invitations));
    },
    invite: (invitations) =>
      answer(() => {
        const added = outbox.enqueue(currentWorkspace().id, invitations, clock.now());
        sendOutbox();
        return added;
      }),
    outboxEntries: () => answer(() => outbox.list(currentWorkspace().id)),
    retryOutboxEntry: (id, invitation) =>
      answer(() => {
        const entry = outbox.retry(id, invitation, clock.now());
        sendOutbox();
        return entry;
      }),
    discardOutboxEntry: (id) => answer(() => outbox.discard(id)),
    watchOutbox: (listener) => outbox.watch(listener),

    listGroups: (query) => read((account) => listGroups(account, query)),
    getGroup: (id) => read((account) => getGroup(account, id)),
    createGroup: (key, group) => keyed(key, 'create_group', group, (account, caller) => createGroup(account, caller, group)),
    updateGroup: (id, etag, patch) => write((account, caller) => updateGroup(account, caller, id, etag, patch)),
    deleteGroup: (id, etag) => write((account, caller) => deleteGroup(account, caller, id, etag)),
    addGroupMember: (id, etag, principalId) => write((account, caller) => addGroupMember(account, caller, id, etag, principalId)),
    removeGroupMember: (id, etag, principalId) =>
      write((account, caller) => removeGroupMember(account, caller, id, etag, principalId)),

    listNumbers: (query) => read((account) => listNumbers(account, query)),
    getNumber: (id) => read((account) => getNumber(account, id)),
    updateNumber: (id, etag, patch) => write((account, caller) => updateNumber(account, caller, id, etag, patch)),
    assignNumber: (id, etag, principalId) => write((account, caller) => assignNumber(account, caller, id, etag, principalId)),
    unassignNumber: (id, etag, principalId) => write((account, caller) => unassignNumber(account, caller, id, etag, principalId)),

    // As the core does: reading or changing the configuration names the workspace after the team.
    getConfiguration: () => read((account) => nameAfterTeam(account.versionedConfiguration())),
    updateConfiguration: (etag, patch) =>
      write((account, caller) => nameAfterTeam(updateConfiguration(account, caller, etag, patch))),
    listRoles: () => Promise.resolve(structuredClone(ROLES)),
    listAuditEvents: (query) => read((account, caller) => listAuditEvents(account, caller, query)),
    getProvisioning: () => read((account, caller) => getProvisioning(account, caller, currentWorkspace().serverUrl)),
    // Not keyed, as on the server: an answer replayed to a retry would hand the secret out twice.
    createProvisioningToken: (token) => write((account, caller) => createProvisioningToken(account, caller, token)),
    revokeProvisioningToken: (id) => write((account, caller) => revokeProvisioningToken(account, caller, id)),

    pickPhoto: () => answer(() => photos.pick()),
    watchFileDrops: (listener) => photos.watch(listener),
    openDroppedPhoto: () => answer(() => photos.openDropped()),
    photoPreviewSrc: (photoId) => photos.preview(photoId),
    savePhoto: (photoId, crop, memberId, etag, onProgress) =>
      write((account, caller) => photos.save(account, caller, photoId, crop, memberId, etag, onProgress)),
    removePhoto: (memberId, etag) => write((account, caller) => removePhoto(account, caller, memberId, etag)),
    closePhoto: (photoId) => answer(() => photos.close(photoId)),
    avatarSrc: (memberId, avatarUrl, size) => avatarSource(memberId, avatarUrl, size),
    watchQuit: (listener) => {
      quitListeners.add(listener);
      return () => {
        quitListeners.delete(listener);
      };
    },
    answerQuit: (request, choice) =>
      answer(() => {
        quitAnswers.push({ request, answer: choice });
        if (choice === 'now') quitted = true;
        if (request === asking) asking = 0;
      }),
  };

  const calls = {} as Record<Method, number>;
  const requests: { method: Method; args: unknown[] }[] = [];
  const platform = {} as Record<Method, (...args: never[]) => unknown>;
  for (const method of Object.keys(behaviour) as Method[]) {
    calls[method] = 0;
    // Both are objects of arrow functions, which have no `this` to lose.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const implementation = (overrides[method] ?? behaviour[method]) as (...args: unknown[]) => unknown;
    platform[method] = (...args: unknown[]) => {
      calls[method] += 1;
      requests.push({ method, args });
      return implementation(...args);
    };
  }

  /** The account of a workspace this computer knows (the current one by default). */
  const held = (workspaceId: string | undefined): Account => {
    const id = workspaceId ?? state.current;
    const workspace = state.workspaces.find((candidate) => candidate.id === id);
    if (workspace === undefined) throw new Error(`The fake has no workspace ${String(id)}.`);
    return accountOf(workspace);
  };
  return {
    ...(platform as unknown as Platform),
    calls,
    requests,
    world: {
      get state() {
        return state;
      },
      teams,
      outbox: () => outbox.all(),
      setOffline: (offline) => {
        outbox.offline = offline;
        if (!offline) sendOutbox();
      },
      photos,
      quit,
      scimRequest: (secret, workspaceId) => scimRequest(held(workspaceId), secret),
      members: (workspaceId) => {
        const account = held(workspaceId);
        const links = account.links();
        return account.team.map((member) => account.memberView(member, links));
      },
      groups: (workspaceId) => {
        const account = held(workspaceId);
        return [...account.groups.values()].map((row) => account.groupView(row));
      },
      numbers: (workspaceId) => {
        const account = held(workspaceId);
        return [...account.numbers.values()].map((row) => account.numberView(row));
      },
      invitations: (workspaceId) => {
        const account = held(workspaceId);
        const links = account.links();
        return [...account.invitations.values()].map((row) => account.invitationView(row, links));
      },
      configuration: (workspaceId) => structuredClone(held(workspaceId).configuration),
      audit: (workspaceId) => {
        const account = held(workspaceId);
        return [...account.events].reverse().map((row) => account.eventView(row));
      },
    },
  };
}
