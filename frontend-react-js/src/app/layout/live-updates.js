/**
 * What each event of the live stream changes in the query cache, feature by
 * feature, and what is read again when events may have been missed.
 */
import {
  noteNewHomeCrud,
  removeDeletedCrud,
} from '@/features/cruds/api/new-home-cruds';
import { MESSAGES_KEY } from '@/features/messages/api/get-messages';
import { showStreamedMessage } from '@/features/messages/api/messages-cache';
import { showUnreadCount } from '@/features/notifications/api/notifications-cache';
import {
  HOME_KEY,
  MESSAGE_GROUPS_KEY,
  NOTIFICATIONS_KEY,
} from '@/lib/query-keys';

const SHOW = {
  message: (queryClient, data) => showStreamedMessage(queryClient, data),
  notification: (queryClient, data) => showUnreadCount(queryClient, data),
  timeline: noteNewHomeCrud,
  // Sent to every stream for every deletion: it only edits the cache, so
  // a busy network costs no requests.
  delete: (queryClient, data) => removeDeletedCrud(queryClient, data),
};

export function showStreamEvent(queryClient, type, data, context) {
  SHOW[type]?.(queryClient, data, context);
}

/** Everything the stream keeps current, read again (the mounted lists at once). */
export function catchUpStream(queryClient) {
  for (const queryKey of [
    MESSAGES_KEY,
    MESSAGE_GROUPS_KEY,
    NOTIFICATIONS_KEY,
    HOME_KEY,
  ]) {
    queryClient.invalidateQueries({ queryKey });
  }
}
