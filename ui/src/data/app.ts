// What the running app is (version, commit, build profile): not per workspace.
import { useQuery } from '@tanstack/react-query';

import { usePlatform } from '../platform';

export const APP_INFO_QUERY_KEY = ['app-info'] as const;

export function useAppInfo() {
  const platform = usePlatform();
  return useQuery({
    queryKey: APP_INFO_QUERY_KEY,
    queryFn: () => platform.appInfo(),
    // The running binary's version cannot change under us.
    staleTime: Infinity,
  });
}
