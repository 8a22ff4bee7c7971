// Lists read a window at a time (infinite queries) hold every window read. Once nothing shows such a list,
// it keeps its first window only.
import { useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';

/**
 * Keeps only the first window of the list at `queryKey` once the list that read it is gone (its page was
 * left, or its filter changed) and no other list shows it. An infinite query refetches every window it
 * holds when it is shown again, in turn: after a scroll to the end of 10,000 members that was 100 reads
 * before the list was current, and the rows stayed in memory meanwhile. Coming back now reads one window,
 * and the list starts at the top as it does anyway.
 */
export function useFirstWindowOnLeave(queryKey: QueryKey): void {
  const client = useQueryClient();
  const key = JSON.stringify(queryKey);
  useEffect(
    () => () => {
      const queryKey = JSON.parse(key) as QueryKey;
      // After the list's own observer has gone (it unsubscribes in an effect of its own), and only if
      // no other list has taken the query up since.
      setTimeout(() => {
        const query = client.getQueryCache().find({ queryKey, exact: true });
        if (query === undefined || query.getObserversCount() > 0) return;
        void client.cancelQueries({ queryKey, exact: true }).then(() => {
          if (query.getObserversCount() > 0) return;
          client.setQueryData<InfiniteData<unknown>>(queryKey, (data) =>
            data === undefined || data.pages.length <= 1
              ? data
              : { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) },
          );
        });
      }, 0);
    },
    [client, key],
  );
}
