/**
 * GET /api/messages/<group uuid>: one page of a conversation, oldest to newest,
 * with `next_cursor` pointing at older messages.
 */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { nextCursor } from '@/lib/react-query';
import { useStreamOpen } from '@/lib/stream/stream-context';

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

/** The messages of every page loaded, oldest first. */
export function conversationMessages(data) {
  return mergeMessages(
    [],
    (data?.pages ?? []).flatMap((page) => page.items),
  );
}

export const POLL_MS = 3000;

export const MESSAGES_KEY = ['messages'];

/**
 * A conversation that picks up new messages while it is open: once it has
 * loaded, its pages (the newest first, then older ones) are fetched again every
 * few seconds while the tab is visible, and at once when it is shown again.
 * While the live stream is `live` it brings them instead, and nothing polls.
 */
export function getInfiniteConversationQueryOptions({
  groupUuid,
  viewer,
  live = false,
}) {
  return infiniteQueryOptions({
    queryKey: [...MESSAGES_KEY, { groupUuid, viewer }],
    queryFn: ({ pageParam, signal }) =>
      getMessages({ groupUuid, cursor: pageParam, signal }),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
    refetchInterval: (query) =>
      live || query.state.data === undefined ? false : POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useInfiniteConversation({ groupUuid, viewer }) {
  const live = useStreamOpen();
  return useInfiniteQuery(
    getInfiniteConversationQueryOptions({ groupUuid, viewer, live }),
  );
}
