// Admin → Configuration: the account's policy for call recording, invitations and unassigned numbers.
// Everyone may read it; owners and admins change it (configuration/ConfigurationForm.tsx). Owners and
// admins also see provisioning from an identity provider (configuration/ProvisioningSection.tsx).
import { AlertCircle, RotateCw } from 'lucide-react';
import { useCallback } from 'react';

import { useSession } from '../app/session';
import { useConfiguration } from '../data/configuration';
import { useMe } from '../data/me';
import { useWorkspaceId } from '../data/workspace';
import { ConfigurationForm } from './configuration/ConfigurationForm';
import { ProvisioningSection } from './configuration/ProvisioningSection';
import './configuration/configuration.css';

function Loading() {
  return (
    <div className="page-content page-narrow" aria-busy="true" data-testid="config-loading">
      <span className="visually-hidden">Loading the configuration…</span>
      {[3, 4, 2].map((fields, section) => (
        <div key={section} className="settings-section config-section" aria-hidden="true">
          <span className="skeleton config-skeleton-title" />
          <span className="skeleton config-skeleton-text" />
          <div className="config-fields">
            {Array.from({ length: fields }, (_, field) => (
              <span key={field} className="config-skeleton-field">
                <span className="skeleton config-skeleton-label" />
                <span className="skeleton config-skeleton-control" />
              </span>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

export function ConfigurationPage() {
  const workspaceId = useWorkspaceId();
  const { workspace } = useSession();
  const configuration = useConfiguration();
  const me = useMe(workspaceId);
  const { refetch } = configuration;
  const reread = useCallback(async () => {
    const result = await refetch();
    return result.isSuccess ? result.data : null;
  }, [refetch]);

  if (configuration.isError && configuration.data === undefined) {
    return (
      <div className="page-content page-narrow config-load-error">
        <div className="alert alert-danger" role="alert">
          <AlertCircle size={16} aria-hidden="true" />
          <p>
            Couldn’t load the configuration. {configuration.error.message}
          </p>
        </div>
        <div>
          <button type="button" className="btn btn-secondary" onClick={() => void refetch()} disabled={configuration.isFetching}>
            <RotateCw size={14} aria-hidden="true" className={configuration.isFetching ? 'spin' : undefined} />
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (configuration.data === undefined || me.isPending) return <Loading />;
  const role = me.data?.value.role;
  const manages = role === 'owner' || role === 'admin';
  return (
    <ConfigurationForm
      server={configuration.data}
      canEdit={manages}
      workspaceName={workspace.name}
      reread={reread}
      after={manages ? <ProvisioningSection isOwner={role === 'owner'} /> : undefined}
    />
  );
}
