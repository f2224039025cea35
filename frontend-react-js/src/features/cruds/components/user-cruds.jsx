import { CrudList } from './crud-list';

/** A person's cruds on their profile (`query` from useInfiniteUserActivities). */
export function UserCruds({ query, handle, isOwn }) {
  return (
    <CrudList
      query={query}
      label={`Cruds by @${handle}`}
      empty={
        isOwn
          ? 'You have no live cruds. Write one: it will show here until it expires.'
          : `@${handle} has no live cruds right now.`
      }
    />
  );
}
