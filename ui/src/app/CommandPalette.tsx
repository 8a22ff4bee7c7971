// The command palette (Ctrl/Cmd+K): every page and tab, and the app's actions, found by typing. It also
// lists the keyboard shortcuts. Built on cmdk inside a Radix Dialog (focus trap, Esc, return focus).
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
  UserRound,
  Users,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';
import { Dialog } from 'radix-ui';
import { useMemo, useRef } from 'react';

import { areaOf, useNavigation, type Route } from './navigation';
import { useSession, useSessionActions } from './session';
import { useTheme, type ThemePreference } from './theme';
import './CommandPalette.css';

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/u.test(navigator.userAgent);
export const PALETTE_SHORTCUT = isMac ? '⌘K' : 'Ctrl K';

/** True for the key press that toggles the palette: Ctrl+K (Cmd+K on macOS). */
export function isPaletteShortcut(event: KeyboardEvent): boolean {
  const modifier = isMac ? event.metaKey : event.ctrlKey;
  return modifier && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
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

interface PaletteCommand {
  id: string;
  label: string;
  icon: LucideIcon;
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
  { label: 'Phone numbers', icon: Hash, keywords: ['admin', 'numbers', 'assign'], to: { page: 'numbers' } },
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
  { keys: PALETTE_SHORTCUT, action: 'Open or close this palette' },
  { keys: '/', action: 'Search the list' },
  { keys: '↑ ↓', action: 'Move in lists' },
  { keys: 'Enter', action: 'Open' },
  { keys: 'Esc', action: 'Close' },
];

function Item({ command, onRun }: { command: PaletteCommand; onRun: (command: PaletteCommand) => void }) {
  const Icon = command.icon;
  return (
    <Command.Item
      value={command.id}
      keywords={[command.label, ...command.keywords]}
      className="palette-item"
      onSelect={() => onRun(command)}
    >
      <Icon size={16} strokeWidth={1.75} aria-hidden="true" />
      <span>{command.label}</span>
    </Command.Item>
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
    const actionCommands: PaletteCommand[] = [
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
          <Command label="Command palette" loop filter={paletteFilter}>
            <div className="palette-search">
              <Search size={16} aria-hidden="true" />
              <Command.Input className="palette-input" placeholder="Go to a page or run a command…" />
            </div>
            <Command.List className="palette-list">
              <Command.Empty className="palette-empty">Nothing matches — try a page name such as “Members”.</Command.Empty>
              <Command.Group heading="Pages" className="palette-group">
                {pages.map((command) => (
                  <Item key={command.id} command={command} onRun={run} />
                ))}
              </Command.Group>
              <Command.Group heading="Actions" className="palette-group">
                {actions.map((command) => (
                  <Item key={command.id} command={command} onRun={run} />
                ))}
              </Command.Group>
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
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
