import { memo } from 'react';
import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { ClockIcon, RepostIcon } from '@/components/icons';
import { useNow } from '@/hooks/use-now';
import { cx } from '@/utils/cx';
import { formatAgo, formatExpiresIn, formatFullDate } from '@/utils/time';
import { crudPath } from '../utils/paths';
import { CrudActions } from './crud-actions';
import { CrudMenu } from './crud-menu';
import styles from './crud-item.module.css';

/** Why a crud is in the timeline: someone the reader follows reposted it. */
function RepostedBy({ by }) {
  return (
    <p className={styles.repostedBy}>
      <RepostIcon />
      <span>
        reposted by{' '}
        <Link to={`/@${by.handle}`} className={styles.reposter}>
          {by.display_name}
        </Link>
      </span>
    </p>
  );
}

/**
 * One crud: who reposted it into the timeline (when someone did), who wrote it, when, how long it has left, the text (always as
 * text, never as HTML) and its actions. A change to one cached crud renders
 * that crud alone: the others keep their objects, and so skip rendering.
 */
export const CrudItem = memo(function CrudItem({
  activity,
  headingLevel = 'h3',
  large = false,
}) {
  const now = useNow();
  const profilePath = `/@${activity.handle}`;
  const Heading = headingLevel;
  return (
    <article
      className={cx(styles.crud, large && styles.large)}
      aria-label={`Crud by ${activity.display_name}`}
    >
      {activity.reposted_by ? <RepostedBy by={activity.reposted_by} /> : null}
      <Link
        to={profilePath}
        className={styles.avatar}
        tabIndex={-1}
        aria-hidden="true"
      >
        <Avatar src={activity.avatar_url} name={activity.display_name} />
      </Link>
      <div className={styles.body}>
        <header className={styles.meta}>
          <Heading className={styles.author}>
            <Link to={profilePath} className={styles.name}>
              {activity.display_name}
            </Link>{' '}
            <span className={styles.handle}>@{activity.handle}</span>
          </Heading>
          <Link to={crudPath(activity)} className={styles.time}>
            <time
              dateTime={activity.created_at}
              title={formatFullDate(activity.created_at)}
            >
              {formatAgo(activity.created_at, now)}
            </time>
          </Link>
          <CrudMenu activity={activity} className={styles.menu} />
        </header>
        <p className={styles.message}>{activity.message}</p>
        <p className={styles.expiry}>
          <ClockIcon />
          <time
            dateTime={activity.expires_at}
            title={formatFullDate(activity.expires_at)}
          >
            {formatExpiresIn(activity.expires_at, now)}
          </time>
        </p>
        <CrudActions activity={activity} />
      </div>
    </article>
  );
});
