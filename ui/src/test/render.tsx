import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../app/App';
import type { Route } from '../app/navigation';
import { createQueryClient } from '../app/queryClient';
import { WORKSPACES_QUERY_KEY } from '../data/keys';
import type { Connection } from '../app/session';
import { createFakePlatform, type FakePlatform } from '../platform/fake';

/**
 * Renders the whole app against a fake platform, with a fresh query cache. By default the cache already
 * holds the fake's workspace list, as if the app had read it, so the frame is there at once; pass
 * `startEmpty` to watch the app ask for it (first launch, startup errors).
 */
export function renderApp(
  options: { platform?: FakePlatform; initialRoute?: Route; connection?: Connection; startEmpty?: boolean } = {},
) {
  const platform = options.platform ?? createFakePlatform();
  const queryClient = createQueryClient();
  if (options.startEmpty !== true) queryClient.setQueryData(WORKSPACES_QUERY_KEY, structuredClone(platform.world.state));
  const user = userEvent.setup();
  const result = render(
    <App platform={platform} queryClient={queryClient} initialRoute={options.initialRoute} connection={options.connection} />,
  );
  return { ...result, platform, queryClient, user };
}
