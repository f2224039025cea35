import { useLocation } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import utilities from '@/styles/utilities.module.css';
import { useAuth } from '@/lib/auth/auth-context';
import { useNow } from '@/hooks/use-now';
import { timeLeft } from '@/utils/time';
import { useActivityThread } from '../api/get-activity';
import { CrudItem } from './crud-item';
import { ReplyForm } from './reply-form';
import styles from './crud-thread.module.css';

/** One crud with its replies (oldest first) and a reply form. */
export function CrudThread({ handle, uuid }) {
  const { status, user } = useAuth();
  const location = useLocation();
  const thread = useActivityThread(handle, uuid, user?.uuid);
  const now = useNow();
  const activity = thread.extra?.activity;

  if (thread.status === 'loading') return <Loading label="Loading the crud…" />;
  if (thread.status === 'error') {
    return (
      <>
        <PageHeader title="Crud" />
        <ErrorMessage
          error={thread.error}
          onRetry={thread.error?.status === 404 ? undefined : thread.reload}
        />
      </>
    );
  }
  const expired = timeLeft(activity.expires_at, now) <= 0;
  const replace = (changed) =>
    thread.updateItems((items) =>
      items.map((item) => (item.uuid === changed.uuid ? changed : item)),
    );
  const replies = thread.items.filter(
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
          <CrudItem
            activity={activity}
            headingLevel="h2"
            large
            onChange={(changed) =>
              thread.updateExtra((extra) => ({ ...extra, activity: changed }))
            }
          />
          {status === 'signed-in' && (
            <ReplyForm
              activity={activity}
              focus={Boolean(location.state?.focusReply)}
              onReplied={(reply) => {
                thread.append(reply);
                thread.updateExtra((extra) => ({
                  ...extra,
                  activity: {
                    ...extra.activity,
                    replies_count: extra.activity.replies_count + 1,
                  },
                }));
              }}
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
                <CrudItem activity={reply} onChange={replace} />
              </li>
            ))}
          </ul>
        )}
        <LoadMore list={thread} label="Load more replies" />
      </section>
    </>
  );
}
