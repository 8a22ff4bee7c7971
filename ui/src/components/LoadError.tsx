// What a list shows when reading it failed: in place of the rows when there are none to show, or above
// the rows it still has (older, or only the first windows). Either way the backend's words and a retry.
import { AlertCircle, RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';

import { EmptyState } from './EmptyState';
import './LoadError.css';

function RetryButton({ label, onRetry }: { label: string; onRetry: () => void }) {
  return (
    <button type="button" className="btn btn-secondary" onClick={onRetry}>
      <RotateCw size={14} aria-hidden="true" />
      {label}
    </button>
  );
}

/** Nothing could be read: "Couldn't load the groups", why, and Try again. */
export function LoadError({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <EmptyState icon={AlertCircle} title={`Couldn’t load ${what}`} action={<RetryButton label="Try again" onRetry={onRetry} />}>
      {error.message}
    </EmptyState>
  );
}

/** Rows are shown, but reading (more of) them failed: says what the rows are, and retries. */
export function LoadAlert({
  children,
  onRetry,
  retryLabel = 'Try again',
  placement = 'page',
}: {
  children: ReactNode;
  onRetry?: (() => void) | undefined;
  retryLabel?: string;
  /** Above a page's table (inset like the toolbar), or inside a sheet's column. */
  placement?: 'page' | 'sheet';
}) {
  return (
    <div className={`alert alert-danger load-alert load-alert-${placement}`} role="alert">
      <AlertCircle size={16} aria-hidden="true" />
      <p>{children}</p>
      {onRetry !== undefined && <RetryButton label={retryLabel} onRetry={onRetry} />}
    </div>
  );
}
