/**
 * Short, human durations for cruds: how long ago one was posted ("5m", "3h")
 * and how long it has left ("expires in 42m"). `now` is passed in so the
 * results are pure and the clock can tick from one place.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const MONTH_DAY = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
});
const FULL_DATE = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeStyle: 'short',
});

function toTime(value) {
  return value instanceof Date ? value.getTime() : Date.parse(value);
}

/** "now", "45s", "12m", "3h", "6d", then the date ("Mar 4"). */
export function formatAgo(createdAt, now = Date.now()) {
  const elapsed = Math.max(0, now - toTime(createdAt));
  if (elapsed < 10 * SECOND) return 'now';
  if (elapsed < MINUTE) return `${Math.floor(elapsed / SECOND)}s`;
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)}d`;
  return MONTH_DAY.format(toTime(createdAt));
}

/** Milliseconds left before `expiresAt` (never negative). */
export function timeLeft(expiresAt, now = Date.now()) {
  return Math.max(0, toTime(expiresAt) - now);
}

/**
 * "expires in 42s", "expires in 12m 5s" (under ten minutes), "expires in 42m",
 * "expires in 3h 20m", "expires in 2d 4h", "expired".
 */
export function formatExpiresIn(expiresAt, now = Date.now()) {
  const left = timeLeft(expiresAt, now);
  if (left <= 0) return 'expired';
  if (left < MINUTE) return `expires in ${Math.ceil(left / SECOND)}s`;
  if (left < 10 * MINUTE) {
    const minutes = Math.floor(left / MINUTE);
    const seconds = Math.floor((left % MINUTE) / SECOND);
    return `expires in ${minutes}m ${seconds}s`;
  }
  if (left < HOUR) return `expires in ${Math.floor(left / MINUTE)}m`;
  if (left < DAY) {
    const hours = Math.floor(left / HOUR);
    const minutes = Math.floor((left % HOUR) / MINUTE);
    return `expires in ${hours}h${minutes ? ` ${minutes}m` : ''}`;
  }
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  return `expires in ${days}d${hours ? ` ${hours}h` : ''}`;
}

/** The full date and time, for a tooltip or a <time> element's title. */
export function formatFullDate(value) {
  return FULL_DATE.format(toTime(value));
}
