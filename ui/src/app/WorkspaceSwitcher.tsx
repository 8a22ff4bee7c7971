// The workspace switcher at the top of the sidebar: every signed-in workspace (name and server host), the
// current one marked; choosing another switches to it (`switch_workspace`), and "Add a workspace" shows
// the first-launch choices again. `data-testid`s `workspace-switcher`, `workspace-item` and
// `workspace-name` are used by the end-to-end test.
import { AlertCircle, ChevronsUpDown, Plus } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';

import { useSession, useSessionActions } from './session';
import { useSwitchWorkspace } from '../data/workspaces';
import { WorkspaceLabel } from './WorkspaceLabel';

function WorkspaceMark({ name }: { name: string }) {
  return (
    // The letter is drawn by CSS (::before) from data-initial: decoration, not text the switcher's name
    // ("Workspace: …") would have to contain.
    <span className="workspace-mark" aria-hidden="true" data-initial={name.trim().charAt(0).toUpperCase() || '?'} />
  );
}

export function WorkspaceSwitcher() {
  const { workspace, workspaces } = useSession();
  const { addWorkspace } = useSessionActions();
  const switching = useSwitchWorkspace();

  return (
    <>
      {/* Not modal, as the account menu: the window behind stays in the accessibility tree. */}
      <DropdownMenu.Root modal={false}>
        <DropdownMenu.Trigger asChild>
          <button
            type="button"
            className="workspace-switcher"
            aria-label={`Workspace: ${workspace.name}`}
            data-testid="workspace-switcher"
            aria-busy={switching.isPending || undefined}
          >
            <WorkspaceMark name={workspace.name} />
            <span className="workspace-name" data-testid="workspace-name">
              {workspace.name}
            </span>
            <ChevronsUpDown size={14} aria-hidden="true" className="workspace-chevron" />
          </button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content className="menu workspace-menu" align="start" sideOffset={4} collisionPadding={8}>
            <DropdownMenu.Label className="menu-label">Workspaces</DropdownMenu.Label>
            <DropdownMenu.RadioGroup
              value={workspace.id}
              onValueChange={(id) => {
                if (id !== workspace.id) switching.mutate(id);
              }}
            >
              {workspaces.map((item) => (
                <DropdownMenu.RadioItem
                  key={item.id}
                  value={item.id}
                  className="menu-item workspace-item"
                  data-testid="workspace-item"
                  data-current={item.id === workspace.id || undefined}
                >
                  <WorkspaceMark name={item.name} />
                  <WorkspaceLabel workspace={item} />
                  <DropdownMenu.ItemIndicator className="menu-item-indicator">✓</DropdownMenu.ItemIndicator>
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
            <DropdownMenu.Separator className="menu-separator" />
            <DropdownMenu.Item className="menu-item" data-testid="add-workspace" onSelect={addWorkspace}>
              <Plus size={14} aria-hidden="true" />
              Add a workspace
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {switching.isError && (
        <div className="alert alert-danger workspace-error" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>{switching.error.message}</p>
        </div>
      )}
    </>
  );
}
