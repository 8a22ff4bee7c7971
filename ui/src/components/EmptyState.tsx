import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

import './EmptyState.css';

/** What a page or tab shows when it has nothing yet: one sentence and, when there is one, the next action. */
export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty-state">
      <span className="empty-state-icon" aria-hidden="true">
        <Icon size={20} strokeWidth={1.75} />
      </span>
      <h2 className="empty-state-title">{title}</h2>
      <p className="empty-state-text">{children}</p>
      {action !== undefined && <div className="empty-state-action">{action}</div>}
    </div>
  );
}
