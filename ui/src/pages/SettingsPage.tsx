// Settings, with its tabs Account and Appearance.
import { Camera, Monitor, Moon, Plus, Sun, type LucideIcon } from 'lucide-react';
import { RadioGroup, Tabs } from 'radix-ui';
import { useState } from 'react';

import { MemberAvatar } from '../app/MemberAvatar';
import { useNavigation, type SettingsTab } from '../app/navigation';
import { PhotoDialog } from '../app/PhotoDialog';
import { useSession, useSessionActions } from '../app/session';
import { SignOutDialog } from '../app/SignOutDialog';
import { isTextSizeValue, setTextSize, TEXT_SIZES, textSizeLabel, useTextSize } from '../app/textSize';
import { useTheme, type ThemePreference } from '../app/theme';
import { SegmentedControl } from '../components/SegmentedControl';
import { useMe } from '../data/me';
import { useSwitchWorkspace } from '../data/workspaces';
import { ManagedNote } from '../components/ManagedNote';
import { NameField } from './settings/NameField';
import { WorkspaceLabel } from '../app/WorkspaceLabel';
import { ROLE_LABELS } from './members/labels';

function isSettingsTab(value: string): value is SettingsTab {
  return value === 'account' || value === 'appearance';
}

function WorkspacesSection() {
  const { workspace, workspaces } = useSession();
  const { addWorkspace } = useSessionActions();
  const switching = useSwitchWorkspace();
  return (
    <section className="settings-section" aria-labelledby="settings-workspaces">
      <h2 className="section-title" id="settings-workspaces">
        Workspaces
      </h2>
      <ul className="workspace-list">
        {workspaces.map((item) => (
          <li key={item.id} className="workspace-list-item">
            <WorkspaceLabel workspace={item} />
            {item.id === workspace.id ? (
              <span className="badge">Current</span>
            ) : (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={switching.isPending}
                aria-label={`Switch to ${item.name}`}
                onClick={() => switching.mutate(item.id)}
              >
                Switch
              </button>
            )}
          </li>
        ))}
      </ul>
      {switching.isError && (
        <p className="field-problem" role="alert">
          {switching.error.message}
        </p>
      )}
      <div>
        <button type="button" className="btn btn-secondary" onClick={addWorkspace}>
          <Plus size={14} aria-hidden="true" />
          Add a workspace
        </button>
      </div>
    </section>
  );
}

function AccountTab() {
  const { user, workspace } = useSession();
  const me = useMe(workspace.id).data;
  const [signOutOpen, setSignOutOpen] = useState(false);
  const [photoOpen, setPhotoOpen] = useState(false);
  return (
    <div className="page-narrow">
      <section className="settings-section" aria-labelledby="settings-profile">
        <h2 className="section-title" id="settings-profile">
          Profile
        </h2>
        <div className="profile-row">
          <span className="profile-photo">
            <MemberAvatar member={{ id: me?.value.id ?? '', name: user.name, avatar_url: me?.value.avatar_url ?? null }} size={56} />
            <button
              type="button"
              className="profile-photo-button"
              aria-label="Change photo"
              disabled={me === undefined}
              onClick={() => setPhotoOpen(true)}
            >
              <Camera size={14} aria-hidden="true" />
            </button>
            {me !== undefined && (
              <PhotoDialog open={photoOpen} onOpenChange={setPhotoOpen} member={me.value} etag={me.etag} self />
            )}
          </span>
          <dl className="field-list">
            <dt>Name</dt>
            <dd>
              <NameField />
            </dd>
            <dt>Email</dt>
            <dd className="name-field">
              <span className="selectable">{user.email}</span>
              {me?.value.managed_by === 'identity_provider' && <ManagedNote testId="email-managed" />}
            </dd>
            <dt>Role</dt>
            <dd>{user.role === null ? '…' : ROLE_LABELS[user.role]}</dd>
            <dt>Workspace</dt>
            <dd>{workspace.name}</dd>
          </dl>
        </div>
      </section>
      <WorkspacesSection />
      <section className="settings-section" aria-labelledby="settings-session">
        <h2 className="section-title" id="settings-session">
          Session
        </h2>
        <p className="section-text">Signing out of {workspace.name} removes its credentials from your keychain.</p>
        <div>
          <button type="button" className="btn btn-secondary" onClick={() => setSignOutOpen(true)}>
            Sign out
          </button>
        </div>
        <SignOutDialog open={signOutOpen} onOpenChange={setSignOutOpen} />
      </section>
    </div>
  );
}

const THEMES: { value: ThemePreference; label: string; icon: LucideIcon }[] = [
  { value: 'system', label: 'System', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
];

function isThemePreference(value: string): value is ThemePreference {
  return THEMES.some((theme) => theme.value === value);
}

function AppearanceTab() {
  const { preference, setPreference } = useTheme();
  return (
    <div className="page-narrow">
      <section className="settings-section" aria-labelledby="settings-theme">
        <h2 className="section-title" id="settings-theme">
          Theme
        </h2>
        <p className="section-text">System follows your computer’s light or dark setting.</p>
        <RadioGroup.Root
          className="theme-options"
          aria-labelledby="settings-theme"
          value={preference}
          onValueChange={(value) => {
            if (isThemePreference(value)) setPreference(value);
          }}
        >
          {THEMES.map(({ value, label, icon: Icon }) => (
            <label key={value} className="theme-option">
              <RadioGroup.Item value={value} className="theme-radio" aria-label={label}>
                <RadioGroup.Indicator className="theme-radio-indicator" />
              </RadioGroup.Item>
              <Icon size={16} strokeWidth={1.75} aria-hidden="true" />
              <span>{label}</span>
            </label>
          ))}
        </RadioGroup.Root>
      </section>
      <TextSizeSection />
    </div>
  );
}

function TextSizeSection() {
  const size = useTextSize();
  return (
    <section className="settings-section" aria-labelledby="settings-text-size">
      <h2 className="section-title" id="settings-text-size">
        Text size
      </h2>
      <p className="section-text">Makes everything in the window larger, text and controls alike.</p>
      <SegmentedControl
        aria-labelledby="settings-text-size"
        value={String(size)}
        options={TEXT_SIZES.map((option) => ({ value: String(option), label: textSizeLabel(option) }))}
        onValueChange={(value) => {
          const next = isTextSizeValue(value);
          if (next !== null) setTextSize(next);
        }}
      />
    </section>
  );
}

export function SettingsPage({ tab }: { tab: SettingsTab }) {
  const { navigate } = useNavigation();
  return (
    <Tabs.Root
      className="page-tabs"
      value={tab}
      onValueChange={(value) => {
        if (isSettingsTab(value)) navigate({ page: 'settings', tab: value });
      }}
    >
      <Tabs.List className="tab-list" aria-label="Settings">
        <Tabs.Trigger value="account" className="tab">
          Account
        </Tabs.Trigger>
        <Tabs.Trigger value="appearance" className="tab">
          Appearance
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="account" className="tab-panel page-content">
        <AccountTab />
      </Tabs.Content>
      <Tabs.Content value="appearance" className="tab-panel page-content">
        <AppearanceTab />
      </Tabs.Content>
    </Tabs.Root>
  );
}
