import { useEffect } from 'react';
import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { HeartIcon, ReplyIcon, RepostIcon } from '@/components/icons';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import styles from './notifications-list.module.css';
import { useAuth } from '@/lib/auth/auth-context';
import { emit } from '@/lib/events';
import { useNow } from '@/hooks/use-now';
import { formatAgo } from '@/utils/time';
import { useNotifications } from '../api/get-notifications';
import { markNotificationsRead } from '../api/mark-notifications-read';

const KINDS = {
  reply: { Icon: ReplyIcon, verb: 'replied to your crud' },
  like: { Icon: HeartIcon, verb: 'liked your crud' },
  repost: { Icon: RepostIcon, verb: 'reposted your crud' },
};

function NotificationItem({ notification, now }) {
  const { actor, activity, reply } = notification;
  const { Icon, verb } = KINDS[notification.kind] ?? KINDS.like;
  return (
    <article
      className={cx(styles.notification, !notification.read && styles.unread)}
    >
      <span className={cx(styles.kind, styles[notification.kind])}>
        <Icon />
      </span>
      <div className={styles.body}>
        <p className={styles.line}>
          <Link to={`/@${actor.handle}`} className={styles.actor}>
            <Avatar
              src={actor.avatar_url}
              name={actor.display_name}
              size="small"
            />
            <strong>{actor.display_name}</strong>
          </Link>{' '}
          {verb}{' '}
          <Link to={`/@${activity.handle}/status/${activity.uuid}`}>
            <time dateTime={notification.created_at}>
              {formatAgo(notification.created_at, now)}
            </time>
          </Link>
          {!notification.read && (
            <span className={utilities.visuallyHidden}> (new)</span>
          )}
        </p>
        {reply && <p className={styles.replyText}>{reply.message}</p>}
        <p className={styles.quote}>{activity.message}</p>
      </div>
    </article>
  );
}

/** The caller's notifications; viewing them marks them read. */
export function NotificationsList() {
  const { user } = useAuth();
  const list = useNotifications(user.uuid);
  const now = useNow();
  const loaded = list.status === 'success';
  const unread = loaded && list.items.some((item) => !item.read);

  useEffect(() => {
    if (!unread) return;
    markNotificationsRead().then(
      () => emit('notifications-read'),
      () => {},
    );
  }, [unread]);

  if (list.status === 'loading')
    return <Loading label="Loading notifications…" />;
  if (list.status === 'error') {
    return <ErrorMessage error={list.error} onRetry={list.reload} />;
  }
  if (list.items.length === 0) {
    return (
      <Empty>
        No notifications yet. When people reply to, like or repost your cruds,
        it shows here.
      </Empty>
    );
  }
  return (
    <section aria-label="Notifications">
      <ul className={utilities.plainList}>
        {list.items.map((notification) => (
          <li key={notification.uuid}>
            <NotificationItem notification={notification} now={now} />
          </li>
        ))}
      </ul>
      <LoadMore list={list} label="Load more notifications" />
    </section>
  );
}
