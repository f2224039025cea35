/**
 * GET /api/messages/<group uuid>: one page of a conversation, oldest to newest,
 * with `next_cursor` pointing at older messages.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '@/lib/api-client';
import { usePolling } from '@/hooks/use-polling';

export function getMessages({ groupUuid, cursor, limit, signal }) {
  return api.get(`/api/messages/${encodeURIComponent(groupUuid)}`, {
    params: { cursor, limit },
    signal,
  });
}

/** Merges messages by uuid and keeps them in time order. */
export function mergeMessages(current, incoming) {
  const byUuid = new Map(current.map((message) => [message.uuid, message]));
  for (const message of incoming) byUuid.set(message.uuid, message);
  return [...byUuid.values()].sort((a, b) =>
    a.created_at === b.created_at
      ? a.uuid.localeCompare(b.uuid)
      : a.created_at.localeCompare(b.created_at),
  );
}

export const POLL_MS = 3000;

/**
 * A conversation that picks up new messages while it is open: the newest page
 * is fetched again every few seconds while the tab is visible.
 */
export function useConversation(groupUuid) {
  const [state, setState] = useState({ key: null, status: 'loading' });
  const [version, setVersion] = useState(0);
  const olderRef = useRef(null);

  useEffect(() => {
    const controller = new AbortController();
    getMessages({ groupUuid, signal: controller.signal }).then(
      (page) =>
        setState({
          key: groupUuid,
          status: 'success',
          other: page.other,
          items: page.items,
          olderCursor: page.next_cursor,
          loadingOlder: false,
          olderError: null,
        }),
      (error) => {
        if (!controller.signal.aborted) {
          setState({ key: groupUuid, status: 'error', error });
        }
      },
    );
    return () => controller.abort();
  }, [groupUuid, version]);

  const ready = state.key === groupUuid && state.status === 'success';

  const poll = useCallback(() => {
    getMessages({ groupUuid }).then(
      (page) =>
        setState((latest) =>
          latest.key === groupUuid && latest.status === 'success'
            ? { ...latest, items: mergeMessages(latest.items, page.items) }
            : latest,
        ),
      () => {},
    );
  }, [groupUuid]);
  usePolling(poll, POLL_MS, ready);

  const loadOlder = useCallback(() => {
    if (!ready || !state.olderCursor || olderRef.current) return;
    olderRef.current = true;
    setState((latest) => ({ ...latest, loadingOlder: true, olderError: null }));
    getMessages({ groupUuid, cursor: state.olderCursor })
      .then(
        (page) =>
          setState((latest) => ({
            ...latest,
            items: mergeMessages(page.items, latest.items),
            olderCursor: page.next_cursor,
            loadingOlder: false,
          })),
        (error) =>
          setState((latest) => ({
            ...latest,
            loadingOlder: false,
            olderError: error,
          })),
      )
      .finally(() => {
        olderRef.current = null;
      });
  }, [ready, state.olderCursor, groupUuid]);

  const add = useCallback(
    (message) =>
      setState((latest) => ({
        ...latest,
        items: mergeMessages(latest.items ?? [], [message]),
      })),
    [],
  );

  const current = state.key === groupUuid ? state : { status: 'loading' };
  return {
    ...current,
    items: current.items ?? [],
    hasOlder: Boolean(current.olderCursor),
    loadOlder,
    add,
    reload: () => setVersion((v) => v + 1),
  };
}
