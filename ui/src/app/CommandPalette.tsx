// The command palette (Ctrl/Cmd+K): every page and tab, the app's actions, and the team's members, groups
// and phone numbers, found by typing. It also lists the keyboard shortcuts. Built on cmdk inside a Radix
// Dialog (focus trap, Esc, return focus). Pages and actions are filtered here; members, groups and numbers
// are searched by the server as the user pauses typing, and open in their page's sheet (the route carries
// which, see navigation.tsx).
import { Command } from 'cmdk';
import {
  BookUser,
  Hash,
  History,
  House,
  Info,
  Mail,
  Monitor,
  Moon,
  Palette,
  Plus,
  Search,
  SlidersHorizontal,
  Sun,
  UserPlus,
  UserRound,
  Users,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useMemo, useRef, useState } from 'react';

import { Avatar } from '../components/Avatar';
import { useGroupSearch } from '../data/groups';
import { useMemberSearch } from '../data/members';
import { useNumberSearch } from '../data/numbers';
import { formatPhone } from '../format/phone';
import { peopleSummary } from '../pages/groups/words';
import { principalName } from '../pages/numbers/labels';
import { enterKeyLabel, primaryShortcut } from '../platform';
import { areaOf, useNavigation, type Route } from './navigation';
import { useSession, useSessionActions } from './session';
import { useTheme, type ThemePreference } from './theme';
import { useDebounced } from './useDebounced';
import './CommandPalette.css';

/** The key press that toggles the palette: Ctrl+K (⌘K on macOS), with its label and ARIA name. */
export const PALETTE_SHORTCUT = primaryShortcut('k');

/** True for the key press that toggles the palette. */
export function isPaletteShortcut(event: KeyboardEvent): boolean {
  return PALETTE_SHORTCUT.matches(event);
}

/**
 * Word-prefix matching instead of cmdk's default fuzzy match, which lets "set" match "Use system theme":
 * every typed word must start a word of the command's label (best) or of its keywords.
 */
export function paletteFilter(_value: string, search: string, keywords: string[] = []): number {
  const query = search.toLowerCase().split(/\s+/u).filter((word) => word !== '');
  if (query.length === 0) return 1;
  const [label = '', ...rest] = keywords.map((keyword) => keyword.toLowerCase());
  const words = (text: string) => text.split(/[\s\-–—]+/u);
  const labelWords = words(label);
  const allWords = [...labelWords, ...rest.flatMap(words)];
  const matchesAll = (pool: string[]) => query.every((q) => pool.some((word) => word.startsWith(q)));
  if (label.startsWith(search.toLowerCase().trim())) return 1;
  if (matchesAll(labelWords)) return 0.8;
  if (matchesAll(allWords)) return 0.5;
  return 0;
}

/** The server is asked once typing pauses this long. */
const SEARCH_DELAY_MS = 150;
/** Matches shown of each kind: enough to pick from, few enough that pages and actions stay in view. */
const RESULTS_PER_KIND = 5;

interface PaletteCommand {
  id: string;
  label: string;
  icon: LucideIcon | { avatar: string };
  /** A quieter line beside the label: an email, a group's head count, a number's label and holder. */
  detail?: string;
  /** The label is a phone number, shown in tabular digits. */
  tabular?: boolean;
  keywords: string[];
  /** Opens a dialog: the palette must not take focus back when it closes. */
  opensDialog?: boolean;
  run: () => void;
}

const PAGES: { label: string; icon: LucideIcon; keywords: string[]; to: Route }[] = [
  { label: 'Home', icon: House, keywords: ['start', 'overview'], to: { page: 'home' } },
  { label: 'Directory', icon: BookUser, keywords: ['team', 'people'], to: { page: 'directory' } },
  { label: 'Members', icon: Users, keywords: ['admin', 'people', 'team'], to: { page: 'members', tab: 'members' } },
  {
    label: 'Invitations',
    icon: Mail,
    keywords: ['admin', 'invite', 'queued'],
    to: { page: 'members', tab: 'invitations' },
  },
  { label: 'Groups', icon: UsersRound, keywords: ['admin', 'teams'], to: { page: 'members', tab: 'groups' } },
  // Not "assign": that word leads to the Assign a number action.
  { label: 'Phone numbers', icon: Hash, keywords: ['admin', 'numbers', 'phone'], to: { page: 'numbers' } },
  {
    label: 'Configuration',
    icon: SlidersHorizontal,
    keywords: ['admin', 'policy', 'call recording', 'domains'],
    to: { page: 'configuration' },
  },
  {
    label: 'Activity',
    icon: History,
    keywords: ['admin', 'audit', 'log', 'history', 'changes'],
    to: { page: 'activity' },
  },
  {
    label: 'Account settings',
    icon: UserRound,
    keywords: ['profile', 'photo', 'sign out', 'settings'],
    to: { page: 'settings', tab: 'account' },
  },
  {
    label: 'Appearance settings',
    icon: Palette,
    keywords: ['theme', 'colours', 'settings'],
    to: { page: 'settings', tab: 'appearance' },
  },
];

const THEMES: { value: ThemePreference; label: string; icon: LucideIcon }[] = [
  { value: 'system', label: 'Use system theme', icon: Monitor },
  { value: 'light', label: 'Use light theme', icon: Sun },
  { value: 'dark', label: 'Use dark theme', icon: Moon },
];

const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: PALETTE_SHORTCUT.label, action: 'Open or close this palette' },
  { keys: '/', action: 'Search the list' },
  { keys: '↑ ↓', action: 'Move in lists' },
  { keys: enterKeyLabel(), action: 'Open' },
  { keys: 'Esc', action: 'Close' },
];

/**
 * An item's cmdk value, and its React key. cmdk reads an item's keywords again only when its value changes,
 * and a selected item whose value changes under it is no longer selected (Enter does nothing); so the value
 * names the keywords too, and an item whose keywords change is a new item.
 */
function itemValue(command: PaletteCommand): string {
  return [command.id, ...command.keywords].join('\n');
}

function Item({ command, onRun }: { command: PaletteCommand; onRun: (command: PaletteCommand) => void }) {
  const { icon: Icon } = command;
  return (
    <Command.Item
      value={itemValue(command)}
      keywords={[command.label, ...command.keywords]}
      className="palette-item"
      onSelect={() => onRun(command)}
    >
      {'avatar' in Icon ? <Avatar name={Icon.avatar} size={20} /> : <Icon size={16} strokeWidth={1.75} aria-hidden="true" />}
      <span className={command.tabular === true ? 'palette-item-label tabular' : 'palette-item-label'}>{command.label}</span>
      {command.detail !== undefined && command.detail !== '' && (
        <span className="palette-item-detail">{command.detail}</span>
      )}
    </Command.Item>
  );
}

function Section({
  heading,
  commands,
  onRun,
}: {
  heading: string;
  commands: PaletteCommand[];
  onRun: (command: PaletteCommand) => void;
}) {
  if (commands.length === 0) return null;
  return (
    <Command.Group heading={heading} className="palette-group">
      {commands.map((command) => (
        <Item key={itemValue(command)} command={command} onRun={onRun} />
      ))}
    </Command.Group>
  );
}

interface Found {
  sections: { heading: string; commands: PaletteCommand[] }[];
  /** Typing hasn't paused yet, or the server is still answering. */
  searching: boolean;
  error: Error | null;
}

/**
 * The members, groups and numbers the server finds for `typed`, as commands that open them.
 *
 * They come already matched (the server's match is a substring of a name, email, label or number, which
 * the palette's word-prefix filter would often refuse), so each carries the search it was found by among
 * its keywords and the filter keeps it. While a new search is answered the previous answer stays, without
 * that keyword: a row of it stays in view only while its own words still match what is typed, as the
 * Members list filters the rows it has while the server answers.
 *
 * People with the member role can't open profiles (the Admin pages are closed to them), but the Directory
 * lists the team for everyone: for them a person opens the Directory searched for their email, which finds
 * just them, and groups and numbers aren't searched at all (only the Admin pages show them).
 */
function useFound(typed: string, canAdminister: boolean, navigate: (route: Route) => void): Found {
  const q = useDebounced(typed, SEARCH_DELAY_MS);
  const asked = q !== '';
  const members = useMemberSearch(
    { q, status: canAdminister ? null : 'active', limit: RESULTS_PER_KIND },
    { enabled: asked },
  );
  const groups = useGroupSearch(q, RESULTS_PER_KIND, { enabled: asked && canAdminister });
  const numbers = useNumberSearch(q, { limit: RESULTS_PER_KIND, enabled: asked && canAdminister });
  const searches = [members, groups, numbers];

  if (typed === '') return { sections: [], searching: false, error: null };
  const foundBy = (query: { isPlaceholderData: boolean }) => (query.isPlaceholderData ? [] : [q]);

  const memberCommands = (members.data ?? []).map(
    (member): PaletteCommand => ({
      id: `member:${member.id}`,
      label: member.name,
      icon: { avatar: member.name },
      detail: member.email,
      keywords: [member.email, ...foundBy(members)],
      opensDialog: canAdminister,
      run: () =>
        navigate(
          canAdminister
            ? { page: 'members', tab: 'members', open: member.id }
            : { page: 'directory', search: member.email },
        ),
    }),
  );
  const groupCommands = (groups.data ?? []).map(
    (group): PaletteCommand => ({
      id: `group:${group.id}`,
      label: group.name,
      icon: UsersRound,
      detail: peopleSummary(group),
      keywords: foundBy(groups),
      opensDialog: true,
      run: () => navigate({ page: 'members', tab: 'groups', open: group.id }),
    }),
  );
  const numberCommands = (numbers.data ?? []).map((number): PaletteCommand => {
    const holders = number.assignees.length === 0 ? 'In reserve' : number.assignees.map(principalName).join(', ');
    return {
      id: `number:${number.id}`,
      label: formatPhone(number.e164),
      tabular: true,
      icon: Hash,
      detail: [number.label, holders].filter((part) => part !== '').join(' · '),
      // The digits as E.164 holds them, so typing them without spaces keeps the row while the server answers.
      keywords: [number.e164.replace('+', ''), number.label, ...foundBy(numbers)],
      opensDialog: true,
      run: () => navigate({ page: 'numbers', open: number.id }),
    };
  });

  return {
    sections: [
      { heading: canAdminister ? 'Members' : 'People', commands: memberCommands },
      { heading: 'Groups', commands: groupCommands },
      { heading: 'Phone numbers', commands: numberCommands },
    ],
    searching: typed !== q || searches.some((search) => search.isFetching),
    error: searches.find((search) => search.isError)?.error ?? null,
  };
}

/** What the open palette shows; it mounts with the dialog's content, so every opening starts blank. */
function PaletteBody({
  pages,
  actions,
  canAdminister,
  onRun,
}: {
  pages: PaletteCommand[];
  actions: PaletteCommand[];
  canAdminister: boolean;
  onRun: (command: PaletteCommand) => void;
}) {
  const { navigate } = useNavigation();
  const [search, setSearch] = useState('');
  const found = useFound(search.trim(), canAdminister, navigate);

  let status = '';
  if (found.searching) status = 'Searching…';
  else if (found.error !== null) status = `The search failed: ${found.error.message}`;

  return (
    <>
      <Command label="Command palette" loop filter={paletteFilter}>
        <div className="palette-search">
          <Search size={16} aria-hidden="true" />
          <Command.Input
            className="palette-input"
            placeholder={canAdminister ? 'Go to a page, a member, a group or a number…' : 'Go to a page or a person…'}
            value={search}
            onValueChange={setSearch}
          />
        </div>
        {/* Outside the listbox, which holds only options: a live region, so the change is announced. */}
        <div
          className={found.error !== null && !found.searching ? 'palette-status palette-status-error' : 'palette-status'}
          role="status"
          data-testid="palette-status"
        >
          {status}
        </div>
        <Command.List className="palette-list">
          {!found.searching && found.error === null && (
            <Command.Empty className="palette-empty">Nothing matches — try a page name such as “Members”.</Command.Empty>
          )}
          {/* The sections stay in this order as the user types (cmdk ranks the items within each). */}
          <Section heading="Pages" commands={pages} onRun={onRun} />
          {found.sections.map(({ heading, commands }) => (
            <Section key={heading} heading={heading} commands={commands} onRun={onRun} />
          ))}
          <Section heading="Actions" commands={actions} onRun={onRun} />
        </Command.List>
      </Command>
      <footer className="palette-footer">
        <h2 className="visually-hidden">Keyboard shortcuts</h2>
        <ul className="palette-shortcuts">
          {SHORTCUTS.map(({ keys, action }) => (
            <li key={keys}>
              <kbd>{keys}</kbd> {action}
            </li>
          ))}
        </ul>
      </footer>
    </>
  );
}

export function CommandPalette({
  open,
  onOpenChange,
  onOpenAbout,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onOpenAbout: () => void;
}) {
  const { navigate } = useNavigation();
  const { setPreference } = useTheme();
  const { addWorkspace } = useSessionActions();
  const { user } = useSession();
  const openingDialog = useRef(false);
  const canAdminister = user.role !== 'member';

  const [pages, actions] = useMemo(() => {
    const visible = canAdminister ? PAGES : PAGES.filter(({ to }) => areaOf(to.page) !== 'admin');
    const pageCommands: PaletteCommand[] = visible.map(({ label, icon, keywords, to }) => ({
      id: `page:${label}`,
      label,
      icon,
      keywords,
      run: () => navigate(to),
    }));
    // What an admin comes to do most, beside going somewhere; all are on Admin pages, closed to members.
    const adminCommands: PaletteCommand[] = canAdminister
      ? [
          {
            id: 'invite-people',
            label: 'Invite People',
            icon: UserPlus,
            keywords: ['invite', 'invitation', 'add', 'people', 'email', 'csv', 'import'],
            opensDialog: true,
            run: () => navigate({ page: 'members', tab: 'members', invite: true }),
          },
          {
            id: 'new-group',
            label: 'New group',
            icon: Plus,
            keywords: ['create', 'add', 'groups', 'team'],
            opensDialog: true,
            run: () => navigate({ page: 'members', tab: 'groups', newGroup: true }),
          },
          {
            // Assigning starts from a free number: the numbers in reserve are what there is to give, and a
            // number's sheet assigns it to a member or an invitation in one step. (A member's profile assigns
            // too, but that needs a member first, which typing their name in this palette already offers.)
            id: 'assign-number',
            label: 'Assign a number…',
            icon: Hash,
            keywords: ['phone', 'numbers', 'reserve', 'unassigned', 'give'],
            run: () => navigate({ page: 'numbers', shown: 'reserve' }),
          },
        ]
      : [];
    const actionCommands: PaletteCommand[] = [
      ...adminCommands,
      ...THEMES.map(({ value, label, icon }) => ({
        id: `theme:${value}`,
        label,
        icon,
        keywords: ['theme', 'appearance', value],
        run: () => setPreference(value),
      })),
      {
        id: 'add-workspace',
        label: 'Add a workspace',
        icon: Plus,
        keywords: ['workspace', 'sign in', 'server', 'local'],
        run: addWorkspace,
      },
      {
        id: 'about',
        label: 'About Switchboard',
        icon: Info,
        keywords: ['version', 'commit', 'build'],
        opensDialog: true,
        run: onOpenAbout,
      },
    ];
    return [pageCommands, actionCommands];
  }, [navigate, setPreference, onOpenAbout, addWorkspace, canAdminister]);

  const run = (command: PaletteCommand) => {
    openingDialog.current = command.opensDialog === true;
    onOpenChange(false);
    command.run();
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay palette-overlay" />
        <Dialog.Content
          className="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            if (openingDialog.current) {
              openingDialog.current = false;
              event.preventDefault();
            }
          }}
        >
          <Dialog.Title className="visually-hidden">Command palette</Dialog.Title>
          <PaletteBody pages={pages} actions={actions} canAdminister={canAdminister} onRun={run} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
