import { Link } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { formatFullDate } from '@/utils/time';
import { useInfiniteModerationLog } from '../api/reports';
import { LOG_ACTION_LABELS, untilText } from '../utils/labels';
import styles from './moderation.module.css';

function LogEntry({ entry }) {
  return (
    <article
      className={styles.logEntry}
      aria-label={`${entry.moderator.handle} ${entry.action}`}
    >
      <p className={styles.logLine}>
        <strong>@{entry.moderator.handle}</strong>{' '}
        {LOG_ACTION_LABELS[entry.action] ?? entry.action}{' '}
        <Link to={`/@${entry.target.handle}`}>@{entry.target.handle}</Link>
        {entry.action === 'suspend' && ` ${untilText(entry.suspended_until)}`}
      </p>
      <p className={styles.logReason}>{entry.reason}</p>
      <p className={utilities.muted}>
        <time dateTime={entry.created_at}>
          {formatFullDate(entry.created_at)}
        </time>
        {entry.report_uuid && (
          <>
            {' · '}
            <Link to={`/moderation/reports/${entry.report_uuid}`}>
              the report
            </Link>
          </>
        )}
      </p>
    </article>
  );
}

/** Every moderation action, newest first. */
export function ModerationLog() {
  const query = useInfiniteModerationLog();
  if (query.isPending) return <Loading label="Loading the log…" />;
  if (query.isLoadingError) {
    return <ErrorMessage error={query.error} onRetry={() => query.refetch()} />;
  }
  const entries = pageItems(query.data);
  return (
    <section aria-label="Audit log">
      {entries.length === 0 ? (
        <Empty>No moderation actions yet.</Empty>
      ) : (
        <ul className={utilities.plainList}>
          {entries.map((entry) => (
            <li key={entry.uuid}>
              <LogEntry entry={entry} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={query} label="Load more" />
    </section>
  );
}
