/**
 * The one data layer: TanStack Query's client, configured once, and the
 * helpers every paginated list shares.
 *
 * Nothing is retried by the cache (the API client already retries the writes
 * that are safe to send again) and a window coming back into focus refetches
 * only the queries that poll. Data is stale at once, so a page opened again
 * shows what is cached and fetches it fresh behind it, as a new visit would.
 */
import { QueryClient } from '@tanstack/react-query';

const queryConfig = Object.freeze({
  queries: { retry: false, refetchOnWindowFocus: false },
});

export function createQueryClient() {
  return new QueryClient({ defaultOptions: queryConfig });
}

/** The API's keyset pages go on while `next_cursor` is set. */
export function nextCursor(page) {
  return page.next_cursor ?? undefined;
}

const byUuid = (item) => item.uuid;

/**
 * The items of an infinite query's pages in order, each once (a list whose
 * order changes between two pages may send an item again).
 */
export function pageItems(data, getId = byUuid) {
  const seen = new Set();
  const items = [];
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      const id = getId(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
    }
  }
  return items;
}
