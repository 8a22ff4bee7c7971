// Configuration → Provisioning (SCIM): what an owner gives the identity provider (Okta, Entra ID…) so it
// can add, update and deactivate members — the base URL and a token — and the tokens made so far, with
// their last use and Revoke. Owners and admins see it; only owners create and revoke tokens, as the
// server allows.
import { KeyRound, Plus } from 'lucide-react';
import { useRef, useState } from 'react';

import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton, useCopy } from '../../components/CopyButton';
import { Field } from '../../components/Field';
import { LoadAlert } from '../../components/LoadError';
import { useProvisioning, useRevokeProvisioningToken } from '../../data/provisioning';
import { absoluteTime, ago, calendarDay } from '../../format/time';
import type { ProvisioningToken } from '../../platform';
import { CreateTokenDialog } from './CreateTokenDialog';

export const OWNERS_ONLY = 'Only owners can create and revoke tokens.';

function lastUse(token: ProvisioningToken, now: Date): string {
  if (token.last_used_at === null) return 'Never used';
  const at = new Date(token.last_used_at);
  return now.getTime() - at.getTime() < 60_000 ? 'Last used just now' : `Last used ${ago(at, now)}`;
}

function BaseUrl({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const { copy, copied, status } = useCopy(url, input);
  return (
    <Field
      label="SCIM base URL"
      hint="Paste it into your identity provider’s provisioning settings (the “SCIM connector base URL” or “Tenant URL”)."
    >
      {(control) => (
        <div className="provisioning-url">
          <input
            {...control}
            ref={input}
            className="input provisioning-url-input mono"
            type="text"
            readOnly
            value={url}
            onFocus={(event) => event.currentTarget.select()}
            data-testid="scim-base-url"
          />
          <CopyButton copied={copied} onCopy={copy} label="Copy the SCIM base URL" />
          <span className="provisioning-status" role="status">
            {status}
          </span>
        </div>
      )}
    </Field>
  );
}

function TokenRow({ token, canRevoke, now, onRevoke }: { token: ProvisioningToken; canRevoke: boolean; now: Date; onRevoke: () => void }) {
  const created = new Date(token.created_at);
  return (
    <li className="provisioning-token" data-testid="provisioning-token">
      <KeyRound size={16} aria-hidden="true" className="provisioning-token-icon" />
      <div className="provisioning-token-text">
        <strong className="selectable">{token.name}</strong>
        <span className="provisioning-token-detail">
          <time dateTime={token.created_at} title={absoluteTime.format(created)}>
            Created {calendarDay.format(created)}
          </time>
          {' · '}
          {token.last_used_at === null ? (
            <span data-testid="token-last-use">Never used</span>
          ) : (
            <time dateTime={token.last_used_at} title={absoluteTime.format(new Date(token.last_used_at))} data-testid="token-last-use">
              {lastUse(token, now)}
            </time>
          )}
        </span>
      </div>
      {canRevoke && (
        <button type="button" className="btn btn-secondary btn-sm" onClick={onRevoke} aria-label={`Revoke ${token.name}`}>
          Revoke
        </button>
      )}
    </li>
  );
}

export function ProvisioningSection({ isOwner }: { isOwner: boolean }) {
  const provisioning = useProvisioning();
  const revoke = useRevokeProvisioningToken();
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ProvisioningToken | null>(null);
  const data = provisioning.data;
  const now = new Date();

  const closeRevoke = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <section className="settings-section config-section provisioning-section" aria-labelledby="config-provisioning">
      <h2 className="section-title" id="config-provisioning">
        Provisioning (SCIM)
      </h2>
      <p className="section-text">
        Lets your identity provider (Okta, Microsoft Entra ID, Google, JumpCloud) add, update and deactivate members for
        you, so people join and leave the team when they join and leave your organisation.
      </p>
      {provisioning.isError && data === undefined ? (
        <LoadAlert placement="sheet" onRetry={() => void provisioning.refetch()}>
          Couldn’t load the provisioning settings. {provisioning.error.message}
        </LoadAlert>
      ) : data === undefined ? (
        <div className="provisioning-loading" aria-busy="true" data-testid="provisioning-loading">
          <span className="visually-hidden">Loading the provisioning settings…</span>
          <span className="skeleton config-skeleton-label" aria-hidden="true" />
          <span className="skeleton config-skeleton-control" aria-hidden="true" />
        </div>
      ) : (
        <div className="config-fields">
          <BaseUrl url={data.scim_base_url} />
          <div className="provisioning-tokens-block">
            <div className="provisioning-tokens-head">
              <h3 className="provisioning-tokens-title" id="provisioning-tokens-title">
                Tokens
              </h3>
              <button
                type="button"
                className="btn btn-primary"
                disabled={!isOwner}
                aria-describedby={isOwner ? undefined : 'provisioning-owners-only'}
                onClick={() => setCreating(true)}
              >
                <Plus size={14} aria-hidden="true" />
                Create token
              </button>
            </div>
            {!isOwner && (
              <p className="provisioning-note" id="provisioning-owners-only">
                {OWNERS_ONLY}
              </p>
            )}
            {data.tokens.length === 0 ? (
              <p className="provisioning-empty" data-testid="provisioning-empty">
                No tokens yet — {isOwner ? 'create one' : 'an owner can create one'} for your identity provider to start
                provisioning.
              </p>
            ) : (
              <ul className="provisioning-tokens" aria-labelledby="provisioning-tokens-title">
                {data.tokens.map((token) => (
                  <TokenRow key={token.id} token={token} canRevoke={isOwner} now={now} onRevoke={() => setRevoking(token)} />
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
      <CreateTokenDialog open={creating} onOpenChange={setCreating} />
      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => {
          if (!open) closeRevoke();
        }}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        pendingLabel="Revoking…"
        destructive
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => {
          if (revoking !== null) revoke.mutate(revoking.id, { onSuccess: closeRevoke });
        }}
        testId="revoke-token-dialog"
      >
        <p>
          Your identity provider’s requests with this token are refused from now on, so it stops provisioning members until
          you give it a new token. This can’t be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
