import { Hash } from 'lucide-react';

import { EmptyState } from '../components/EmptyState';

export function NumbersPage() {
  return (
    <div className="page-content">
      <EmptyState icon={Hash} title="No phone numbers loaded yet">
        Your account’s numbers, their labels and who they are assigned to appear here once Switchboard has
        loaded the workspace.
      </EmptyState>
    </div>
  );
}
