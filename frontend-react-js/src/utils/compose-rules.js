/**
 * The rules a text must meet before it is sent: a crud or a reply (at most
 * MAX_CRUD_CHARS), a direct message (its own limit, passed as `max`).
 */

export const MAX_CRUD_CHARS = 280;

// Within this many characters of the limit, the counter warns.
const NEAR_LIMIT = 20;

/** Characters as the API counts them: code points, not UTF-16 units. */
export function countChars(text) {
  return [...text].length;
}

/**
 * @returns {{ count: number, max: number, remaining: number, blank: boolean,
 *   near: boolean, tooLong: boolean, canSubmit: boolean }}
 */
export function composeState(text, max = MAX_CRUD_CHARS) {
  const count = countChars(text);
  const blank = text.trim() === '';
  const remaining = max - count;
  const tooLong = remaining < 0;
  return {
    count,
    max,
    remaining,
    blank,
    near: remaining <= NEAR_LIMIT,
    tooLong,
    canSubmit: !blank && !tooLong,
  };
}

/** What the counter says: "12 / 280", or "1 character too many". */
export function counterText({ count, max, remaining }) {
  if (remaining >= 0) return `${count} / ${max}`;
  const over = -remaining;
  return `${over} ${over === 1 ? 'character' : 'characters'} too many`;
}
