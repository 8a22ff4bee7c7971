import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { App } from '../app/App';
import type { Route } from '../app/navigation';
import { createQueryClient } from '../app/queryClient';
import type { Session } from '../app/session';
import { createFakePlatform, type FakePlatform } from '../platform/fake';

/** Renders the whole app against a fake platform, with a fresh query cache. */
export function renderApp(options: { platform?: FakePlatform; initialRoute?: Route; session?: Session } = {}) {
  const platform = options.platform ?? createFakePlatform();
  const user = userEvent.setup();
  const result = render(
    <App
      platform={platform}
      queryClient={createQueryClient()}
      initialRoute={options.initialRoute}
      session={options.session}
    />,
  );
  return { ...result, platform, user };
}
