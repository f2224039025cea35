import { useOnVisible } from '@/hooks/use-on-visible';
import { buttonClass } from './button';
import { ErrorMessage } from './states';
import styles from './load-more.module.css';

/**
 * The end of a paginated list: loads the next page when it scrolls into view,
 * and offers a "Load more" button for keyboards, old browsers and retries.
 */
export function LoadMore({ list, label = 'Load more' }) {
  const active = list.hasMore && !list.loadingMore && !list.moreError;
  const ref = useOnVisible(list.loadMore, active);
  if (!list.hasMore) return null;
  return (
    <div className={styles.loadMore} ref={ref}>
      {list.moreError && <ErrorMessage error={list.moreError} />}
      <button
        type="button"
        className={buttonClass('secondary')}
        onClick={list.loadMore}
        disabled={list.loadingMore}
      >
        {list.loadingMore ? 'Loading…' : label}
      </button>
    </div>
  );
}
