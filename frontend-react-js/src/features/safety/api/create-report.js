/**
 * POST /api/reports: report a crud (`activity_uuid`) or a person (`handle`)
 * to the moderators, with a reason and an optional comment.
 */
import { useMutation } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export const REPORT_REASONS = Object.freeze([
  { value: 'spam', label: 'Spam' },
  { value: 'harassment', label: 'Harassment or hate' },
  { value: 'illegal', label: 'Illegal content' },
  { value: 'other', label: 'Something else' },
]);

export const COMMENT_MAX_CHARS = 1000;

export function createReport({ activityUuid, handle, reason, comment }) {
  const target = activityUuid ? { activity_uuid: activityUuid } : { handle };
  const trimmed = comment?.trim();
  return api.post('/api/reports', {
    ...target,
    reason,
    ...(trimmed ? { comment: trimmed } : {}),
  });
}

export function useCreateReport() {
  return useMutation({ mutationFn: createReport });
}
