/** Where a crud's own page is. */
export function crudPath(activity) {
  return `/@${activity.handle}/status/${activity.uuid}`;
}
