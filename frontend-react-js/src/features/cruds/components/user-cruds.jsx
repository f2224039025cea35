import { useEvent } from '@/lib/events';
import { CrudList } from './crud-list';

/** A person's cruds on their profile (`list` from useUserActivities). */
export function UserCruds({ list, handle, isOwn }) {
  useEvent('crud-created', (activity) => {
    if (isOwn && !activity.reply_to_activity_uuid) list.prepend(activity);
  });
  return (
    <CrudList
      list={list}
      label={`Cruds by @${handle}`}
      empty={
        isOwn
          ? 'You have no live cruds. Write one: it will show here until it expires.'
          : `@${handle} has no live cruds right now.`
      }
    />
  );
}
