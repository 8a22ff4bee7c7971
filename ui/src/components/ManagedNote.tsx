// "Managed by your identity provider": beside a value an identity provider owns (a provisioned member's
// name, email and status), which can be read and copied here but only changed there.
import { Lock } from 'lucide-react';
import type { ReactNode } from 'react';

import './ManagedNote.css';

export const MANAGED_BY_IDENTITY_PROVIDER = 'Managed by your identity provider';

/** The lock and the words, inline; `children` adds what to do (e.g. where to change it). */
export function ManagedNote({ children, testId }: { children?: ReactNode; testId?: string | undefined }) {
  return (
    <span className="managed-note" data-testid={testId}>
      <Lock size={12} aria-hidden="true" />
      <span>
        {MANAGED_BY_IDENTITY_PROVIDER}
        {children !== undefined && <span className="managed-note-detail"> — {children}</span>}
      </span>
    </span>
  );
}
