import { useCallback, useEffect, useRef, useState } from 'react';
import { useLatest } from './use-latest';

const defaultGetId = (item) => item.uuid;

function mergeById(getId, first, second) {
  const seen = new Set(first.map(getId));
  return [...first, ...second.filter((item) => !seen.has(getId(item)))];
}

/**
 * A list read page by page with the API's cursors. `fetchPage({ cursor,
 * signal })` resolves to `{ items, next_cursor, ...rest }`; the first page's
 * other fields (a profile, the crud a thread is about) are kept as `extra`.
 * `key` names the list with its parameters: a new key starts again from the
 * first page. Items need a unique id (`uuid` unless `getId` says otherwise).
 */
export function useCursorList(key, fetchPage, { getId = defaultGetId } = {}) {
  const [state, setState] = useState({ key: null, status: 'loading' });
  const [version, setVersion] = useState(0);
  const fetchRef = useLatest(fetchPage);
  const getIdRef = useLatest(getId);
  const stateRef = useLatest(state);
  const moreRef = useRef(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchRef.current({ cursor: undefined, signal: controller.signal }).then(
      ({ items, next_cursor: nextCursor, ...extra }) =>
        setState({
          key,
          status: 'success',
          items,
          extra,
          nextCursor,
          loadingMore: false,
          moreError: null,
        }),
      (error) => {
        if (!controller.signal.aborted) {
          setState({ key, status: 'error', error, items: [] });
        }
      },
    );
    return () => {
      controller.abort();
      moreRef.current?.abort();
    };
  }, [key, version, fetchRef]);

  const loadMore = useCallback(() => {
    const current = stateRef.current;
    if (current.key !== key || !current.nextCursor || moreRef.current) return;
    const controller = new AbortController();
    moreRef.current = controller;
    setState((latest) => ({ ...latest, loadingMore: true, moreError: null }));
    fetchRef
      .current({ cursor: current.nextCursor, signal: controller.signal })
      .then(
        ({ items, next_cursor: nextCursor }) =>
          setState((latest) => ({
            ...latest,
            items: mergeById(getIdRef.current, latest.items, items),
            nextCursor,
            loadingMore: false,
          })),
        (error) => {
          if (controller.signal.aborted) return;
          setState((latest) => ({
            ...latest,
            loadingMore: false,
            moreError: error,
          }));
        },
      )
      .finally(() => {
        if (moreRef.current === controller) moreRef.current = null;
      });
  }, [key, fetchRef, getIdRef, stateRef]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);

  const updateItems = useCallback((update) => {
    setState((latest) =>
      latest.status === 'success'
        ? { ...latest, items: update(latest.items) }
        : latest,
    );
  }, []);

  const prepend = useCallback(
    (item) =>
      updateItems((items) => mergeById(getIdRef.current, [item], items)),
    [updateItems, getIdRef],
  );

  const append = useCallback(
    (item) =>
      updateItems((items) => [
        ...items.filter(
          (other) => getIdRef.current(other) !== getIdRef.current(item),
        ),
        item,
      ]),
    [updateItems, getIdRef],
  );

  const updateExtra = useCallback((update) => {
    setState((latest) => ({ ...latest, extra: update(latest.extra) }));
  }, []);

  const current = state.key === key ? state : { status: 'loading' };
  return {
    status: current.status,
    error: current.error,
    items: current.items ?? [],
    extra: current.extra ?? null,
    hasMore: Boolean(current.nextCursor),
    loadingMore: Boolean(current.loadingMore),
    moreError: current.moreError ?? null,
    loadMore,
    reload,
    prepend,
    append,
    updateItems,
    updateExtra,
  };
}
