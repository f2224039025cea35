import { formatFullDate } from '@/utils/time';

/** "Muted until Mar 4, 2026, 3:00 PM", or "Muted until you unmute". */
export function mutedUntilText(mutedUntil) {
  return mutedUntil
    ? `Muted until ${formatFullDate(mutedUntil)}`
    : 'Muted until you unmute';
}
