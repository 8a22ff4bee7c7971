import type { SessionWorkspace } from './session';

/** A workspace's name, and where it is (this computer, or the server's host) unless the name says it. */
export function WorkspaceLabel({ workspace }: { workspace: SessionWorkspace }) {
  return (
    <span className="workspace-item-text">
      <span className="workspace-item-name">{workspace.name}</span>
      {workspace.place !== workspace.name && <span className="workspace-item-place">{workspace.place}</span>}
    </span>
  );
}
