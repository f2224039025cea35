import { useOnVisible } from '@/hooks/use-on-visible';
import { buttonClass } from './button';
import { ErrorMessage } from './states';
import styles from './load-more.module.css';

/**
 * The end of a paginated list (an infinite query): loads the next page when
 * it scrolls into view, and offers a "Load more" button for keyboards, old
 * browsers and retries.
 */
export function LoadMore({ query, label = 'Load more' }) {
  const loadingMore = query.isFetchingNextPage;
  const moreError = query.isFetchNextPageError && !loadingMore;
  const loadMore = () => {
    if (!query.isFetchingNextPage) query.fetchNextPage();
  };
  const active = query.hasNextPage && !loadingMore && !moreError;
  const ref = useOnVisible(loadMore, active);
  if (!query.hasNextPage) return null;
  return (
    <div className={styles.loadMore} ref={ref}>
      {moreError && <ErrorMessage error={query.error} />}
      <button
        type="button"
        className={buttonClass('secondary')}
        onClick={loadMore}
        disabled={loadingMore}
      >
        {loadingMore ? 'Loading…' : label}
      </button>
    </div>
  );
}
