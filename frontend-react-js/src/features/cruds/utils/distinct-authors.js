export const MAX_PEOPLE = 5;

/** The distinct authors of `items`, in order, leaving out `exceptHandle`. */
export function distinctAuthors(items, exceptHandle, max = MAX_PEOPLE) {
  const people = new Map();
  for (const item of items) {
    if (item.handle === exceptHandle || people.has(item.handle)) continue;
    people.set(item.handle, {
      handle: item.handle,
      display_name: item.display_name,
      avatar_url: item.avatar_url,
    });
    if (people.size === max) break;
  }
  return [...people.values()];
}
