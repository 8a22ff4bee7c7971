// The user's initials in the top-right corner, opening the account menu: Settings, Account, Switch
// workspace (a submenu of the signed-in workspaces), About Switchboard, Sign out (confirmed first).
import { ArrowLeftRight, ChevronRight, Info, LogOut, Plus, Settings, UserRound } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useRef, useState, type Ref } from 'react';

import { Avatar } from '../components/Avatar';
import { useMe } from '../data/me';
import { useAvatarSource } from '../data/photos';
import { Tip } from '../components/Tip';
import { useNavigation } from './navigation';
import { useSession, useSessionActions } from './session';
import { SignOutDialog } from './SignOutDialog';
import { useSwitchWorkspace } from '../data/workspaces';
import { WorkspaceLabel } from './WorkspaceLabel';

export function AccountMenu({
  triggerRef,
  onOpenAbout,
}: {
  triggerRef?: Ref<HTMLButtonElement> | undefined;
  onOpenAbout: () => void;
}) {
  const { user, workspace, workspaces } = useSession();
  const photo = useAvatarSource(useMe(workspace.id).data?.value, 28);
  const { addWorkspace } = useSessionActions();
  const switching = useSwitchWorkspace();
  const { navigate, settingsRoute } = useNavigation();
  // When an item opens a dialog, the dialog takes focus; the menu must not pull it back to the trigger.
  const openingDialog = useRef(false);
  const [signOutOpen, setSignOutOpen] = useState(false);

  return (
    <>
      {/* Not modal: a modal menu hides the rest of the window from assistive technology (aria-hidden)
          while its controls stay focusable; the menu still closes when the focus leaves it. */}
    <DropdownMenu.Root modal={false}>
      <Tip content={user.name}>
        <DropdownMenu.Trigger asChild>
          {/* Named by its content rather than aria-label: a name must contain the text that shows, and the
              initials (aria-hidden) only stand in for the photo. */}
          <button ref={triggerRef} type="button" className="account-trigger" data-testid="account-menu">
            <span className="visually-hidden">Account menu</span>
            <Avatar name={user.name} size={28} src={photo} />
          </button>
        </DropdownMenu.Trigger>
      </Tip>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="menu"
          align="end"
          sideOffset={6}
          collisionPadding={8}
          onCloseAutoFocus={(event) => {
            if (openingDialog.current) {
              openingDialog.current = false;
              event.preventDefault();
            }
          }}
        >
          <div className="menu-identity">
            <span className="menu-identity-name">{user.name}</span>
            <span className="menu-identity-email">{user.email}</span>
          </div>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item" onSelect={() => navigate(settingsRoute)}>
            <Settings size={14} aria-hidden="true" />
            Settings
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={() => navigate({ page: 'settings', tab: 'account' })}>
            <UserRound size={14} aria-hidden="true" />
            Account
          </DropdownMenu.Item>
          <DropdownMenu.Sub>
            <DropdownMenu.SubTrigger className="menu-item">
              <ArrowLeftRight size={14} aria-hidden="true" />
              Switch workspace
              <ChevronRight size={14} aria-hidden="true" className="menu-item-indicator" />
            </DropdownMenu.SubTrigger>
            <DropdownMenu.Portal>
              <DropdownMenu.SubContent className="menu workspace-menu" sideOffset={4} collisionPadding={8}>
                <DropdownMenu.RadioGroup
                  value={workspace.id}
                  onValueChange={(id) => {
                    if (id !== workspace.id) switching.mutate(id);
                  }}
                >
                  {workspaces.map((item) => (
                    <DropdownMenu.RadioItem key={item.id} value={item.id} className="menu-item workspace-item">
                      <WorkspaceLabel workspace={item} />
                      <DropdownMenu.ItemIndicator className="menu-item-indicator">✓</DropdownMenu.ItemIndicator>
                    </DropdownMenu.RadioItem>
                  ))}
                </DropdownMenu.RadioGroup>
                <DropdownMenu.Separator className="menu-separator" />
                <DropdownMenu.Item className="menu-item" onSelect={addWorkspace}>
                  <Plus size={14} aria-hidden="true" />
                  Add a workspace
                </DropdownMenu.Item>
              </DropdownMenu.SubContent>
            </DropdownMenu.Portal>
          </DropdownMenu.Sub>
          <DropdownMenu.Item
            className="menu-item"
            onSelect={() => {
              openingDialog.current = true;
              onOpenAbout();
            }}
          >
            <Info size={14} aria-hidden="true" />
            About Switchboard
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item
            className="menu-item"
            data-testid="sign-out"
            onSelect={() => {
              openingDialog.current = true;
              setSignOutOpen(true);
            }}
          >
            <LogOut size={14} aria-hidden="true" />
            Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
    <SignOutDialog open={signOutOpen} onOpenChange={setSignOutOpen} />
    </>
  );
}
