import { useCallback, useEffect, useState } from 'react';
import { useLatest } from './use-latest';

/**
 * Runs `fetcher({ signal })` when `key` changes and keeps its state:
 * `{ status: 'loading' | 'success' | 'error', data, error, reload, setData }`.
 * `key` is a string naming the request (with its parameters); an earlier
 * request still running when the key changes is aborted.
 */
export function useQuery(key, fetcher, { enabled = true } = {}) {
  const [state, setState] = useState({ key: null, status: 'loading' });
  const [version, setVersion] = useState(0);
  const fetcherRef = useLatest(fetcher);

  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    fetcherRef.current({ signal: controller.signal }).then(
      (data) => setState({ key, status: 'success', data }),
      (error) => {
        if (!controller.signal.aborted) {
          setState({ key, status: 'error', error });
        }
      },
    );
    return () => controller.abort();
  }, [key, enabled, version, fetcherRef]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback(
    (update) =>
      setState((current) => ({
        ...current,
        data: typeof update === 'function' ? update(current.data) : update,
      })),
    [],
  );

  // A result for an earlier key is not shown for the new one.
  const current = state.key === key ? state : { status: 'loading' };
  return { ...current, reload, setData };
}
