import { LoadMore } from '@/components/load-more';
import utilities from '@/styles/utilities.module.css';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { useEvent } from '@/lib/events';
import { useNow } from '@/hooks/use-now';
import { timeLeft } from '@/utils/time';
import { withProfile } from '../utils/with-profile';
import { CrudItem } from './crud-item';

/**
 * A paginated list of cruds (a `useCursorList` result). Cruds whose time has
 * run out leave the screen on their own.
 */
export function CrudList({ list, empty, label }) {
  const now = useNow();
  useEvent('profile-updated', (profile) =>
    list.updateItems((items) => withProfile(items, profile)),
  );

  if (list.status === 'loading') return <Loading label="Loading cruds…" />;
  if (list.status === 'error') {
    return <ErrorMessage error={list.error} onRetry={list.reload} />;
  }
  const live = list.items.filter((item) => timeLeft(item.expires_at, now) > 0);
  const replace = (changed) =>
    list.updateItems((items) =>
      items.map((item) => (item.uuid === changed.uuid ? changed : item)),
    );
  return (
    <section aria-label={label}>
      {live.length === 0 ? (
        <Empty>{empty}</Empty>
      ) : (
        <ul className={utilities.plainList}>
          {live.map((activity) => (
            <li key={activity.uuid}>
              <CrudItem activity={activity} onChange={replace} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore list={list} label="Load more cruds" />
    </section>
  );
}
