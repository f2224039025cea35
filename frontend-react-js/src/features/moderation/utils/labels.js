/** The words the moderation pages show for the API's report and log values. */
import { formatFullDate } from '@/utils/time';

export const REASON_LABELS = Object.freeze({
  spam: 'Spam',
  harassment: 'Harassment or hate',
  illegal: 'Illegal content',
  other: 'Something else',
});

export const RESOLUTION_LABELS = Object.freeze({
  dismissed: 'Dismissed',
  removed: 'Crud removed',
  suspended: 'Person suspended',
});

export const STATE_LABELS = Object.freeze({
  live: 'Live',
  expired: 'Expired',
  removed: 'Removed by a moderator',
  deleted: 'Deleted by its author',
});

export const LOG_ACTION_LABELS = Object.freeze({
  dismiss: 'dismissed a report on',
  remove: 'removed a crud by',
  suspend: 'suspended',
  unsuspend: 'lifted the suspension of',
});

export function reportStatus(report) {
  if (!report.closed_at) return 'Open';
  return RESOLUTION_LABELS[report.resolution] ?? 'Closed';
}

/** "until Mar 4, 2026, 3:00 PM", or "until lifted". */
export function untilText(until) {
  return until ? `until ${formatFullDate(until)}` : 'until lifted';
}
