// The root component: every provider the UI needs, then the session gate (first launch, or the frame of
// the current workspace). Tests render <App> with a fake Platform; main.tsx renders it with the real one.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Tooltip } from 'radix-ui';
import { useState } from 'react';

import { PlatformProvider, tauriPlatform, type Platform } from '../platform';
import { Frame } from './Frame';
import { NavigationProvider, type Route } from './navigation';
import { QuitDialog } from './QuitDialog';
import { createQueryClient } from './queryClient';
import { SessionGate } from './SessionGate';
import type { Connection } from './session';
import { ApplyTextSize } from './textSize';
import { ThemeProvider } from './theme';

export interface AppProps {
  platform?: Platform | undefined;
  queryClient?: QueryClient | undefined;
  initialRoute?: Route | undefined;
  /** Overrides the connection state the app observes from its own requests (for tests). */
  connection?: Connection | undefined;
}

export function App({ platform = tauriPlatform, queryClient, initialRoute, connection }: AppProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <PlatformProvider platform={platform}>
      <QueryClientProvider client={client}>
        <ThemeProvider>
          <ApplyTextSize />
          <NavigationProvider initialRoute={initialRoute}>
            <Tooltip.Provider delayDuration={500}>
              <SessionGate connection={connection}>
                <Frame />
              </SessionGate>
              <QuitDialog />
            </Tooltip.Provider>
          </NavigationProvider>
        </ThemeProvider>
      </QueryClientProvider>
    </PlatformProvider>
  );
}
