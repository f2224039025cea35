/** The rules a crud or reply must meet before it can be sent. */

export const MAX_CRUD_CHARS = 280;

/** Characters as the API counts them: code points, not UTF-16 units. */
export function countChars(text) {
  return [...text].length;
}

/**
 * @returns {{ count: number, remaining: number, blank: boolean,
 *   tooLong: boolean, canSubmit: boolean }}
 */
export function composeState(text, max = MAX_CRUD_CHARS) {
  const count = countChars(text);
  const blank = text.trim() === '';
  const tooLong = count > max;
  return {
    count,
    remaining: max - count,
    blank,
    tooLong,
    canSubmit: !blank && !tooLong,
  };
}
