import { useEffect } from 'react';
import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import {
  FollowIcon,
  HeartIcon,
  ReplyIcon,
  RepostIcon,
} from '@/components/icons';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { useAuth } from '@/lib/auth/auth-context';
import { useNow } from '@/hooks/use-now';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import { formatAgo } from '@/utils/time';
import { useInfiniteNotifications } from '../api/get-notifications';
import { useMarkNotificationsRead } from '../api/mark-notifications-read';
import styles from './notifications-list.module.css';

const KINDS = {
  reply: { Icon: ReplyIcon, verb: 'replied to your crud' },
  like: { Icon: HeartIcon, verb: 'liked your crud' },
  repost: { Icon: RepostIcon, verb: 'reposted your crud' },
  follow: { Icon: FollowIcon, verb: 'followed you' },
};

function NotificationItem({ notification, now }) {
  const { actor, activity, reply } = notification;
  const { Icon, verb } = KINDS[notification.kind] ?? KINDS.like;
  // A follow is about the actor; the others about one of your cruds.
  const target = activity
    ? `/@${activity.handle}/status/${activity.uuid}`
    : `/@${actor.handle}`;
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
          <Link to={target}>
            <time dateTime={notification.created_at}>
              {formatAgo(notification.created_at, now)}
            </time>
          </Link>
          {!notification.read && (
            <span className={utilities.visuallyHidden}> (new)</span>
          )}
        </p>
        {reply && <p className={styles.replyText}>{reply.message}</p>}
        {activity && <p className={styles.quote}>{activity.message}</p>}
      </div>
    </article>
  );
}

/** The caller's notifications; viewing them marks them read. */
export function NotificationsList() {
  const { user } = useAuth();
  const list = useInfiniteNotifications({ viewer: user.uuid });
  const { mutate: markRead } = useMarkNotificationsRead();
  const now = useNow();
  const items = pageItems(list.data);
  const unread = items.some((item) => !item.read);
  // A cached list shown again is read afresh first: it may be read by now.
  const refetching = list.isRefetching;

  useEffect(() => {
    if (unread && !refetching) markRead();
  }, [unread, refetching, markRead]);

  if (list.isPending) return <Loading label="Loading notifications…" />;
  if (list.isLoadingError) {
    return <ErrorMessage error={list.error} onRetry={() => list.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <Empty>
        No notifications yet. When people follow you, or reply to, like or
        repost your cruds, it shows here.
      </Empty>
    );
  }
  return (
    <section aria-label="Notifications">
      <ul className={utilities.plainList}>
        {items.map((notification) => (
          <li key={notification.uuid}>
            <NotificationItem notification={notification} now={now} />
          </li>
        ))}
      </ul>
      <LoadMore query={list} label="Load more notifications" />
    </section>
  );
}
