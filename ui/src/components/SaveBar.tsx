// The bar that holds a page's unsaved edits: it sticks to the bottom of the scrolling page while there
// is something to save, says so, and offers Discard and Save (with progress while saving, and the
// reason when saving failed or can't start yet).
import { AlertCircle, LoaderCircle } from 'lucide-react';

import './SaveBar.css';

export function SaveBar({
  saving,
  problem,
  onDiscard,
  onSave,
  saveLabel = 'Save changes',
}: {
  saving: boolean;
  /** Why the last Save didn't go through, or what to fix first; replaces "You have unsaved changes". */
  problem?: string | null | undefined;
  onDiscard: () => void;
  onSave: () => void;
  saveLabel?: string;
}) {
  const hasProblem = problem !== null && problem !== undefined && problem !== '';
  return (
    <div className="save-bar" role="region" aria-label="Unsaved changes" data-testid="save-bar">
      <div className="save-bar-inner">
        <p className={`save-bar-message${hasProblem ? ' save-bar-problem' : ''}`} role="status">
          {hasProblem && <AlertCircle size={16} aria-hidden="true" />}
          <span>{hasProblem ? problem : 'You have unsaved changes'}</span>
        </p>
        <div className="save-bar-actions">
          <button type="button" className="btn btn-secondary" disabled={saving} onClick={onDiscard}>
            Discard
          </button>
          <button type="button" className="btn btn-primary" disabled={saving} aria-busy={saving} onClick={onSave}>
            {saving ? (
              <>
                <LoaderCircle size={14} className="spin" aria-hidden="true" />
                Saving…
              </>
            ) : (
              saveLabel
            )}
          </button>
        </div>
      </div>
    </div>
  );
}
