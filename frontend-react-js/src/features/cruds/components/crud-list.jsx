import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { useNow } from '@/hooks/use-now';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { timeLeft } from '@/utils/time';
import { CrudItem } from './crud-item';

/**
 * A paginated list of cruds (an infinite query). Cruds whose time has run out
 * leave the screen on their own.
 */
export function CrudList({ query, empty, label }) {
  const now = useNow();

  if (query.isPending) return <Loading label="Loading cruds…" />;
  if (query.isLoadingError) {
    return <ErrorMessage error={query.error} onRetry={() => query.refetch()} />;
  }
  const live = pageItems(query.data).filter(
    (item) => timeLeft(item.expires_at, now) > 0,
  );
  return (
    <section aria-label={label}>
      {live.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ul className={utilities.plainList}>
          {live.map((activity) => (
            <li key={activity.uuid}>
              <CrudItem activity={activity} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={query} label="Load more cruds" />
    </section>
  );
}
