import { useAuth } from '@/lib/auth/auth-context';
import { useSearchActivities } from '../api/search-activities';
import { CrudList } from './crud-list';

/** The cruds and replies that match `term`, newest first. */
export function SearchResults({ term }) {
  const { user } = useAuth();
  const results = useSearchActivities(term, user?.uuid);
  return (
    <CrudList
      list={results}
      label={`Results for ${term}`}
      empty={`Nothing matches “${term}”. Cruds expire, so it may be gone.`}
    />
  );
}
