// Provisioning from an identity provider (SCIM): the base URL and the tokens, for owners and admins.
// A new token's secret is the mutation's answer and goes to whoever asked for it, never into the cache:
// the list holds tokens as the server lists them, without secrets, and the finished mutation is
// dropped as soon as nothing watches it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { usePlatform, type NewProvisioningToken, type Provisioning } from '../platform';
import { invalidate, workspaceKey } from './keys';
import { useWorkspaceId, writeMeta } from './workspace';

export const provisioningKeys = {
  all: (workspaceId: string) => workspaceKey(workspaceId, 'provisioning'),
};

/** `enabled` is false for members, whom the server refuses: there is nothing to ask for. */
export function useProvisioning(enabled = true) {
  const platform = usePlatform();
  const workspaceId = useWorkspaceId();
  return useQuery({ queryKey: provisioningKeys.all(workspaceId), queryFn: () => platform.getProvisioning(), enabled });
}

/** Creates a token (owners); its answer holds the secret, shown once. */
export function useCreateProvisioningToken() {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    // Forgotten once nothing shows it, so the secret isn't kept in the mutation cache for five minutes.
    gcTime: 0,
    mutationFn: (token: NewProvisioningToken) => platform.createProvisioningToken(token),
    onSuccess: (created) => {
      client.setQueryData<Provisioning>(provisioningKeys.all(workspaceId), (current) =>
        current === undefined ? current : { ...current, tokens: [...current.tokens, created.provisioning_token] },
      );
      invalidate(client, workspaceId, ['provisioning']);
    },
  });
}

/** Revokes a token (owners); the identity provider's next request with it is refused. */
export function useRevokeProvisioningToken() {
  const platform = usePlatform();
  const client = useQueryClient();
  const workspaceId = useWorkspaceId();
  return useMutation({
    meta: writeMeta(workspaceId),
    mutationFn: (id: string) => platform.revokeProvisioningToken(id),
    onSuccess: (_, id) => {
      client.setQueryData<Provisioning>(provisioningKeys.all(workspaceId), (current) =>
        current === undefined ? current : { ...current, tokens: current.tokens.filter((token) => token.id !== id) },
      );
      invalidate(client, workspaceId, ['provisioning']);
    },
    // Already gone (revoked elsewhere): the list reads the server again rather than keep showing it.
    onError: () => invalidate(client, workspaceId, ['provisioning']),
  });
}
