/** POST /api/activities/<uuid>/reply: reply to a live crud. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { updateCachedCrud } from './cruds-cache';
import { THREAD_KEY } from './get-activity';

export function createReply({ activityUuid, message, idempotencyKey }) {
  return api.post(
    `/api/activities/${encodeURIComponent(activityUuid)}/reply`,
    { message },
    { idempotencyKey },
  );
}

/** Adds the reply under the crud's thread and counts it wherever the crud shows. */
export function useCreateReply() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReply,
    onSuccess: (reply, { activityUuid }) => {
      queryClient.setQueriesData(
        { queryKey: [...THREAD_KEY, { uuid: activityUuid }] },
        (data) => {
          if (!data?.pages?.length) return data;
          const pages = data.pages.map((page) => ({
            ...page,
            items: page.items.filter((item) => item.uuid !== reply.uuid),
          }));
          const last = pages.at(-1);
          pages[pages.length - 1] = { ...last, items: [...last.items, reply] };
          return { ...data, pages };
        },
      );
      updateCachedCrud(queryClient, activityUuid, (crud) => ({
        ...crud,
        replies_count: crud.replies_count + 1,
      }));
    },
  });
}
