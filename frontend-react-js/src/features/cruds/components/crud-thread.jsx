import { useLocation } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { useAuth } from '@/lib/auth/auth-context';
import { useNow } from '@/hooks/use-now';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { timeLeft } from '@/utils/time';
import { useInfiniteActivityThread } from '../api/get-activity';
import { CrudItem } from './crud-item';
import { ReplyForm } from './reply-form';
import styles from './crud-thread.module.css';

/** One crud with its replies (oldest first) and a reply form. */
export function CrudThread({ handle, uuid }) {
  const { status, user } = useAuth();
  const location = useLocation();
  const thread = useInfiniteActivityThread({
    handle,
    uuid,
    viewer: user?.uuid ?? null,
  });
  const now = useNow();

  if (thread.isPending) return <Loading label="Loading the crud…" />;
  if (thread.isLoadingError) {
    return (
      <>
        <PageHeader title="Crud" />
        <ErrorMessage
          error={thread.error}
          onRetry={
            thread.error?.status === 404 ? undefined : () => thread.refetch()
          }
        />
      </>
    );
  }
  const { activity } = thread.data.pages[0];
  const expired = timeLeft(activity.expires_at, now) <= 0;
  const replies = pageItems(thread.data).filter(
    (item) => timeLeft(item.expires_at, now) > 0,
  );

  return (
    <>
      <title>{`${activity.display_name}: “${activity.message.slice(0, 40)}” · Cruddur`}</title>
      <PageHeader title="Crud" />
      {expired ? (
        <Empty>This crud has expired.</Empty>
      ) : (
        <>
          <CrudItem activity={activity} headingLevel="h2" large />
          {status === 'signed-in' && (
            <ReplyForm
              activity={activity}
              focus={Boolean(location.state?.focusReply)}
            />
          )}
        </>
      )}
      <section aria-label="Replies">
        <h2 className={styles.sectionTitle}>Replies</h2>
        {replies.length === 0 ? (
          <Empty>No replies yet.</Empty>
        ) : (
          <ul className={utilities.plainList}>
            {replies.map((reply) => (
              <li key={reply.uuid}>
                <CrudItem activity={reply} />
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={thread} label="Load more replies" />
      </section>
    </>
  );
}
