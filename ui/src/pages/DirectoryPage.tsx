import { BookUser } from 'lucide-react';

import { EmptyState } from '../components/EmptyState';
import { ADMIN_HOME, useNavigation } from '../app/navigation';

export function DirectoryPage() {
  const { navigate } = useNavigation();
  return (
    <div className="page-content">
      <EmptyState
        icon={BookUser}
        title="No one to show yet"
        action={
          <button type="button" className="btn btn-secondary" onClick={() => navigate(ADMIN_HOME)}>
            Go to Members
          </button>
        }
      >
        Your team’s names, numbers and groups appear here once Switchboard has loaded the workspace.
      </EmptyState>
    </div>
  );
}
