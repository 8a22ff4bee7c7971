import { createContext, useContext, type ReactNode } from 'react';

import type { Platform } from './platform';
import { tauriPlatform } from './tauri';

const PlatformContext = createContext<Platform>(tauriPlatform);

/** Supplies the Platform to the tree; without a provider, components get the real (Tauri) one. */
export function PlatformProvider({ platform, children }: { platform: Platform; children: ReactNode }) {
  return <PlatformContext.Provider value={platform}>{children}</PlatformContext.Provider>;
}

export function usePlatform(): Platform {
  return useContext(PlatformContext);
}
