// The workspace switcher at the top of the sidebar. Several signed-in workspaces arrive with sessions;
// for now it shows the current one.
import { ChevronsUpDown, Plus } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';

import { useSession } from './session';

function WorkspaceMark({ name }: { name: string }) {
  return (
    <span className="workspace-mark" aria-hidden="true">
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

export function WorkspaceSwitcher() {
  const { workspace, workspaces } = useSession();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="workspace-switcher" aria-label={`Workspace: ${workspace.name}`}>
          <WorkspaceMark name={workspace.name} />
          <span className="workspace-name" data-testid="workspace-name">
            {workspace.name}
          </span>
          <ChevronsUpDown size={14} aria-hidden="true" className="workspace-chevron" />
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="start" sideOffset={4} collisionPadding={8}>
          <DropdownMenu.Label className="menu-label">Workspaces</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={workspace.id}>
            {workspaces.map((item) => (
              <DropdownMenu.RadioItem key={item.id} value={item.id} className="menu-item">
                <WorkspaceMark name={item.name} />
                {item.name}
                <DropdownMenu.ItemIndicator className="menu-item-indicator">✓</DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="menu-separator" />
          <DropdownMenu.Item className="menu-item" disabled>
            <Plus size={14} aria-hidden="true" />
            Add a workspace…
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
