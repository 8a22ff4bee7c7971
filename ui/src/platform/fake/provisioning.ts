// Provisioning from an identity provider (SCIM): the base URL, and the tokens an owner makes for the
// provider. As on the server, a token's secret exists in the answer that creates it and nowhere else
// readable: the account keeps it only to tell the provider's requests apart.
import type { CreatedProvisioningToken, NewProvisioningToken, Provisioning, ProvisioningToken } from '../platform';
import type { Account, Caller } from './account';
import { fakeId } from './seed';
import { checkName, fail, FieldCheck } from './validate';

export interface ProvisioningRow extends ProvisioningToken {
  seq: number;
  /** What the identity provider sends as its bearer token. */
  secret: string;
}

function view(row: ProvisioningRow): ProvisioningToken {
  return {
    id: row.id,
    name: row.name,
    created_by: row.created_by,
    created_at: row.created_at,
    last_used_at: row.last_used_at,
  };
}

/** 32 random bytes, base64url, behind the server's token prefix. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const text = btoa(String.fromCharCode(...bytes));
  return `sbscim_${text.replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '')}`;
}

/** `serverUrl` is the workspace's: the SCIM API sits beside `/v1` on the same server. */
export function getProvisioning(account: Account, caller: Caller, serverUrl: string): Provisioning {
  account.requireAdmin(caller);
  return {
    scim_base_url: `${serverUrl.replace(/\/+$/u, '')}/scim/v2`,
    tokens: [...account.provisioningTokens.values()].sort((a, b) => a.seq - b.seq).map(view),
  };
}

export function createProvisioningToken(account: Account, caller: Caller, body: NewProvisioningToken): CreatedProvisioningToken {
  account.requireOwner(caller, 'Only owners can create provisioning tokens.');
  const check = new FieldCheck();
  const name = checkName(check, 'name', body.name, 'a name');
  check.finish();
  const seq = account.clock.sequence();
  const row: ProvisioningRow = {
    seq,
    id: fakeId(8, seq),
    name,
    created_by: caller.id,
    created_at: account.clock.tick(),
    last_used_at: null,
    secret: newSecret(),
  };
  account.provisioningTokens.set(row.id, row);
  account.record(caller, 'provisioning_token.created', ['provisioning_token', row.id], { name });
  return { token: row.secret, provisioning_token: view(row) };
}

export function revokeProvisioningToken(account: Account, caller: Caller, id: string): void {
  account.requireOwner(caller, 'Only owners can revoke provisioning tokens.');
  if (!account.provisioningTokens.delete(id)) fail('not_found', 'This provisioning token no longer exists.');
  account.record(caller, 'provisioning_token.revoked', ['provisioning_token', id], {});
}

/**
 * The identity provider calling the SCIM API with `secret`: 200 and the token's last use recorded, or 401
 * for a secret no token has (never created, or revoked).
 */
export function scimRequest(account: Account, secret: string): 200 | 401 {
  const row = [...account.provisioningTokens.values()].find((candidate) => candidate.secret === secret);
  if (row === undefined) return 401;
  row.last_used_at = account.clock.tick();
  return 200;
}
