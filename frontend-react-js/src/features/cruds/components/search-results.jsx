import { useAuth } from '@/lib/auth/auth-context';
import { useInfiniteSearchActivities } from '../api/search-activities';
import { CrudList } from './crud-list';

/** The cruds and replies that match `term`, newest first. */
export function SearchResults({ term }) {
  const { user } = useAuth();
  const results = useInfiniteSearchActivities({
    term,
    viewer: user?.uuid ?? null,
  });
  return (
    <CrudList
      query={results}
      label={`Results for ${term}`}
      empty={`Nothing matches “${term}”. Cruds expire, so it may be gone.`}
    />
  );
}
