import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import utilities from '@/styles/utilities.module.css';
import styles from './message-groups.module.css';
import { useAuth } from '@/lib/auth/auth-context';
import { useNow } from '@/hooks/use-now';
import { formatAgo } from '@/utils/time';
import { useMessageGroups } from '../api/list-message-groups';

/** The caller's conversations, most recent first. */
export function MessageGroups() {
  const { user } = useAuth();
  const groups = useMessageGroups(user.uuid);
  const now = useNow();

  if (groups.status === 'loading')
    return <Loading label="Loading conversations…" />;
  if (groups.status === 'error') {
    return <ErrorMessage error={groups.error} onRetry={groups.reload} />;
  }
  if (groups.items.length === 0) {
    return (
      <Empty>
        No conversations yet. Open someone’s profile and choose “Message”, or
        start one above.
      </Empty>
    );
  }
  return (
    <section aria-label="Conversations">
      <ul className={utilities.plainList}>
        {groups.items.map((group) => (
          <li key={group.message_group_uuid}>
            <Link
              to={`/messages/${group.message_group_uuid}`}
              className={styles.group}
            >
              <Avatar src={group.avatar_url} name={group.display_name} />
              <span className={styles.body}>
                <span className={styles.top}>
                  <strong>{group.display_name}</strong>
                  <span className={utilities.muted}>@{group.handle}</span>
                  <time dateTime={group.created_at} className={utilities.muted}>
                    {formatAgo(group.created_at, now)}
                  </time>
                </span>
                <span className={styles.last}>{group.message}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <LoadMore list={groups} label="Load more conversations" />
    </section>
  );
}
