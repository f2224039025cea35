import { useOnVisible } from '@/hooks/use-on-visible';
import { ErrorMessage } from './states';

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
    <div className="load-more" ref={ref}>
      {moreError && <ErrorMessage error={query.error} />}
      <button
        type="button"
        className="button button--secondary"
        onClick={loadMore}
        disabled={loadingMore}
      >
        {loadingMore ? 'Loading…' : label}
      </button>
    </div>
  );
}
