/** POST /api/activities/notifications/read: mark every notification read → { unread_count }. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { NOTIFICATIONS_KEY } from './get-notifications';

export function markNotificationsRead() {
  return api.post('/api/activities/notifications/read');
}

/** Marks them read; every cached page then counts the API's unread number. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: ({ unread_count: unread }) =>
      queryClient.setQueriesData({ queryKey: NOTIFICATIONS_KEY }, (data) => {
        if (!data) return data;
        if (!data.pages) return { ...data, unread_count: unread };
        return {
          ...data,
          pages: data.pages.map((page) => ({ ...page, unread_count: unread })),
        };
      }),
  });
}
