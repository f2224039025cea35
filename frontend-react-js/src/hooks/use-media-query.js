import { useCallback, useSyncExternalStore } from 'react';

/**
 * Whether the media `query` matches now, e.g. useMediaQuery('(max-width:
 * 1000px)'); the component renders again when that changes.
 */
export function useMediaQuery(query) {
  const subscribe = useCallback(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query],
  );
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(query).matches,
  );
}
