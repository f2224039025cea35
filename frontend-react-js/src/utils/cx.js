/** Joins the class names that are set: cx('a', on && 'b') → 'a b' or 'a'. */
export function cx(...names) {
  return names.filter(Boolean).join(' ');
}
