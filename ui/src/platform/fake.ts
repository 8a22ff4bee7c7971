// An in-memory Platform for component tests and for rendering the UI outside the app. It never touches
// @tauri-apps. It keeps a small world — workspaces, each with its team of members — and answers the way the
// backend does (cursor pages, `q`/role/status filters, `{code, message}` errors). Every method can be
// replaced to script successes and failures, and every call is recorded.
import type { AppInfo } from './bindings';
import { PlatformError } from './error';
import type {
  Configuration,
  ListMembers,
  Member,
  Page,
  Permission,
  Platform,
  Role,
  Versioned,
  Workspace,
  WorkspaceState,
} from './platform';

export const FAKE_CONFIGURATION: Configuration = {
  recording: { inbound: 'member_choice', outbound: 'member_choice' },
  allowed_email_domains: [],
  default_role: 'member',
  invitation_lifetime_hours: 168,
  onboarding_url: null,
  unassigned_numbers: 'reject',
  divert_to: null,
  updated_at: '2026-11-01T09:00:00Z',
};

export const FAKE_APP_INFO: AppInfo = {
  version: '9.8.7-test',
  commit: 'abc1234def56',
  profile: 'debug',
};

/** The password every fake server accepts. */
export const FAKE_PASSWORD = 'correct horse';

export const LOCAL_WORKSPACE: Workspace = {
  id: 'ws-local',
  displayName: 'Local workspace',
  serverUrl: 'http://127.0.0.1:41234',
  userId: '00000000-0000-4000-8000-000000000000',
  userEmail: 'owner@localhost',
  userName: 'Workspace Owner',
  kind: 'local',
};

const FIRST = ['Aroha', 'Jordan', 'Mei', 'Tomás', 'Priya', 'Liam', 'Sione', 'Hana', 'Noah', 'Zara', 'Ivan', 'Leilani'];
const LAST = ['Ngata', 'Lee', 'Chen', 'García', 'Patel', 'Walsh', 'Tupou', 'Sato', 'Brown', 'Khan', 'Petrov', 'Kahale'];
const GROUPS = ['Sales', 'Support', 'Billing', 'Onboarding', 'Night shift'];
const ALL_PERMISSIONS: Permission[] = [
  'manage_members',
  'manage_phone_numbers',
  'manage_call_flows',
  'view_analytics',
  'access_call_recordings',
  'make_outbound_calls',
];

function id(prefix: number, index: number): string {
  return `00000000-0000-4000-${String(8000 + prefix)}-${String(index).padStart(12, '0')}`;
}

/** A member as the server would return it; `overrides` replace any field. */
export function fakeMember(index: number, domain = 'acme.test', overrides: Partial<Member> = {}): Member {
  const first = FIRST[index % FIRST.length] ?? 'Alex';
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? 'Doe';
  const role: Role = index === 0 ? 'owner' : index % 7 === 1 ? 'admin' : 'member';
  const groupCount = index % 4;
  return {
    id: id(1, index),
    email: `${first.toLowerCase()}.${last.toLowerCase()}${index >= FIRST.length * LAST.length ? String(index) : ''}@${domain}`
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, ''),
    name: `${first} ${last}`,
    role,
    permissions: role === 'member' ? ['make_outbound_calls'] : [...ALL_PERMISSIONS],
    grants: [],
    status: index % 11 === 5 ? 'deactivated' : 'active',
    avatar_url: null,
    numbers: index % 3 === 2 ? [] : [{ id: id(2, index), e164: `+6495550${String(100 + index).padStart(3, '0')}`, label: 'Direct' }],
    groups: GROUPS.slice(0, groupCount).map((name, g) => ({ id: id(3, g), name })),
    recording: { inbound: { enabled: true, enforced: false }, outbound: { enabled: false, enforced: false } },
    created_at: '2026-11-01T09:00:00Z',
    updated_at: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

/** `count` members, the first being the owner. */
export function fakeTeam(count: number, domain = 'acme.test'): Member[] {
  return Array.from({ length: count }, (_, index) => fakeMember(index, domain));
}

function host(serverUrl: string): string {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

function matches(member: Member, query: ListMembers): boolean {
  if (query.role !== null && member.role !== query.role) return false;
  if (query.status !== null && member.status !== query.status) return false;
  if (query.group_id !== null && !member.groups.some((group) => group.id === query.group_id)) return false;
  const q = query.q?.trim().toLowerCase() ?? '';
  if (q === '') return true;
  return (
    member.name.toLowerCase().includes(q) ||
    member.email.toLowerCase().includes(q) ||
    member.numbers.some((number) => number.e164.includes(q.replace(/[\s()-]/gu, '')))
  );
}

type Method = keyof Platform;

export interface FakeWorld {
  /** Workspaces already signed in; the default is the local one. */
  workspaces?: Workspace[];
  /** The current workspace's id; the default is the first workspace's. */
  current?: string | null;
  /** Each workspace's team, by workspace id; a workspace not listed gets a team of 30. */
  teams?: Record<string, Member[]>;
  /** The team the local workspace is seeded with when opened (default: 30 members). */
  localTeam?: Member[];
}

export interface FakePlatform extends Platform {
  /** How many times each method was called. */
  readonly calls: Record<Method, number>;
  /** Every call, in order, with its arguments. */
  readonly requests: { method: Method; args: unknown[] }[];
  /** The fake's current state (workspaces and teams), to assert on or change in a test. */
  readonly world: { state: WorkspaceState; teams: Map<string, Member[]> };
}

function ownerOf(team: Member[], workspace: Workspace): Member {
  return (
    team.find((member) => member.id === workspace.userId) ??
    fakeMember(0, 'localhost', { id: workspace.userId, name: workspace.userName, email: workspace.userEmail })
  );
}

export function createFakePlatform(overrides: Partial<Platform> = {}, world: FakeWorld = {}): FakePlatform {
  const workspaces = (world.workspaces ?? [LOCAL_WORKSPACE]).map((workspace) => ({ ...workspace }));
  const state: WorkspaceState = {
    current: world.current === undefined ? (workspaces[0]?.id ?? null) : world.current,
    workspaces,
    preferences: { theme: 'system' },
  };
  const teams = new Map<string, Member[]>(Object.entries(world.teams ?? {}));
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
  const snapshot = (): WorkspaceState => structuredClone(state);
  const currentWorkspace = (): Workspace => {
    const workspace = state.workspaces.find((candidate) => candidate.id === state.current);
    if (workspace === undefined) throw new PlatformError('no_workspace', 'No workspace is open. Open one or sign in first.');
    return workspace;
  };
  const versioned = (member: Member): Versioned<Member> => ({ value: structuredClone(member), etag: `"${member.updated_at}"` });
  let nextWorkspace = 1;

  const emptyPage = <T,>(): Promise<Page<T>> => Promise.resolve({ data: [], next_cursor: null });

  const behaviour: Platform = {
    appInfo: () => Promise.resolve({ ...FAKE_APP_INFO }),
    workspaces: () => Promise.resolve(snapshot()),
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
          userId: id(9, nextWorkspace),
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
      state.workspaces = state.workspaces.filter((workspace) => workspace.id !== workspaceId);
      if (state.current === workspaceId) state.current = state.workspaces[0]?.id ?? null;
      return Promise.resolve(snapshot());
    },
    me: () => {
      try {
        const workspace = currentWorkspace();
        return Promise.resolve(versioned(ownerOf(teamOf(workspace), workspace)));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    listMembers: (query) => {
      let team: Member[];
      try {
        team = teamOf(currentWorkspace());
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      const found = team.filter((member) => matches(member, query));
      const start = query.cursor === null ? 0 : Number(query.cursor);
      const limit = query.limit ?? 50;
      const data = found.slice(start, start + limit).map((member) => structuredClone(member));
      const end = start + data.length;
      const page: Page<Member> = { data, next_cursor: end < found.length ? String(end) : null };
      return Promise.resolve(page);
    },
    getMember: (memberId) => {
      try {
        const member = teamOf(currentWorkspace()).find((candidate) => candidate.id === memberId);
        if (member === undefined) throw new PlatformError('not_found', 'This member is no longer in the team.');
        return Promise.resolve(versioned(member));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    updateMember: (memberId, etag, patch) => {
      try {
        const team = teamOf(currentWorkspace());
        const index = team.findIndex((candidate) => candidate.id === memberId);
        const member = team[index];
        if (member === undefined) throw new PlatformError('not_found', 'This member is no longer in the team.');
        if (etag !== `"${member.updated_at}"`) {
          throw new PlatformError('precondition_failed', `Someone else changed ${member.name} while you were editing.`);
        }
        const updated: Member = {
          ...member,
          name: patch.name ?? member.name,
          role: patch.role ?? member.role,
          status: patch.status ?? member.status,
          grants: patch.grants ?? member.grants,
          updated_at: new Date().toISOString(),
        };
        team[index] = updated;
        return Promise.resolve(versioned(updated));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    // Not modelled yet: the lists are empty until the pages that show them exist.
    listInvitations: () => emptyPage(),
    listGroups: () => emptyPage(),
    listNumbers: () => emptyPage(),
    getConfiguration: () => Promise.resolve({ value: structuredClone(FAKE_CONFIGURATION), etag: '"c1"' }),
    listRoles: () =>
      Promise.resolve([
        { role: 'owner', description: 'Owns the account; manages everything, including other owners.', default_permissions: [...ALL_PERMISSIONS] },
        { role: 'admin', description: 'Manages the team, numbers and policy.', default_permissions: [...ALL_PERMISSIONS] },
        { role: 'member', description: 'Makes and receives calls.', default_permissions: ['make_outbound_calls'] },
      ]),
  };

  const calls = {} as Record<Method, number>;
  const requests: { method: Method; args: unknown[] }[] = [];
  const platform = {} as Record<Method, (...args: never[]) => Promise<unknown>>;
  for (const method of Object.keys(behaviour) as Method[]) {
    calls[method] = 0;
    // Both are objects of arrow functions, which have no `this` to lose.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const implementation = (overrides[method] ?? behaviour[method]) as (...args: unknown[]) => Promise<unknown>;
    platform[method] = (...args: unknown[]) => {
      calls[method] += 1;
      requests.push({ method, args });
      return implementation(...args);
    };
  }
  return {
    ...(platform as unknown as Platform),
    calls,
    requests,
    world: {
      get state() {
        return state;
      },
      teams,
    },
  };
}

