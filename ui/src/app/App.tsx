// The root component: every provider the UI needs, then the frame. Tests render <App> with a fake
// Platform; main.tsx renders it with the real one.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Tooltip } from 'radix-ui';
import { useState } from 'react';

import { PlatformProvider, tauriPlatform, type Platform } from '../platform';
import { Frame } from './Frame';
import { NavigationProvider, type Route } from './navigation';
import { createQueryClient } from './queryClient';
import { PLACEHOLDER_SESSION, SessionProvider, type Session } from './session';
import { ThemeProvider } from './theme';

export interface AppProps {
  platform?: Platform | undefined;
  queryClient?: QueryClient | undefined;
  session?: Session | undefined;
  initialRoute?: Route | undefined;
}

export function App({ platform = tauriPlatform, queryClient, session = PLACEHOLDER_SESSION, initialRoute }: AppProps) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <PlatformProvider platform={platform}>
      <QueryClientProvider client={client}>
        <ThemeProvider>
          <SessionProvider session={session}>
            <NavigationProvider initialRoute={initialRoute}>
              <Tooltip.Provider delayDuration={500}>
                {/* First launch (no workspace yet: "Open a local workspace" / "Sign in to a server")
                    will be chosen here, before the frame. */}
                <Frame />
              </Tooltip.Provider>
            </NavigationProvider>
          </SessionProvider>
        </ThemeProvider>
      </QueryClientProvider>
    </PlatformProvider>
  );
}
