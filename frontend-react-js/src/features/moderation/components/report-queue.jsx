import { Link } from 'react-router';
import { LoadMore } from '@/components/load-more';
import { Empty, ErrorMessage, Loading } from '@/components/states';
import { useNow } from '@/hooks/use-now';
import { pageItems } from '@/lib/react-query';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import { formatAgo, formatFullDate } from '@/utils/time';
import { useInfiniteReports } from '../api/reports';
import { REASON_LABELS, STATE_LABELS, reportStatus } from '../utils/labels';
import styles from './moderation.module.css';

const DELETED_TEXT = 'Its author deleted it, and its text is gone.';

function ReportRow({ report, now }) {
  const open = !report.closed_at;
  const about = report.activity
    ? `a crud by @${report.target.handle}`
    : `@${report.target.handle}`;
  return (
    <article
      className={cx(styles.report, open && styles.open)}
      aria-label={`Report on ${about}`}
    >
      <header className={styles.reportTop}>
        <span className={cx(styles.badge, open && styles.badgeOpen)}>
          {reportStatus(report)}
        </span>
        <span className={styles.reason}>{REASON_LABELS[report.reason]}</span>
        <time
          className={styles.when}
          dateTime={report.created_at}
          title={formatFullDate(report.created_at)}
        >
          {formatAgo(report.created_at, now)}
        </time>
      </header>
      <p className={styles.about}>
        <Link to={`/moderation/reports/${report.uuid}`}>Report on {about}</Link>{' '}
        <span className={utilities.muted}>by @{report.reporter.handle}</span>
      </p>
      {report.activity && (
        <blockquote className={styles.quote}>
          <p>{report.activity.message ?? DELETED_TEXT}</p>
          <footer className={utilities.muted}>
            {STATE_LABELS[report.activity.state]}
          </footer>
        </blockquote>
      )}
      {report.comment && <p className={styles.comment}>“{report.comment}”</p>}
    </article>
  );
}

/** The reports, open ones first, newest first within each. */
export function ReportQueue() {
  const query = useInfiniteReports();
  const now = useNow();
  if (query.isPending) return <Loading label="Loading the reports…" />;
  if (query.isLoadingError) {
    return <ErrorMessage error={query.error} onRetry={() => query.refetch()} />;
  }
  const reports = pageItems(query.data);
  return (
    <section aria-label="Reports">
      {reports.length === 0 ? (
        <Empty>Nobody has reported anything. All quiet.</Empty>
      ) : (
        <ul className={utilities.plainList}>
          {reports.map((report) => (
            <li key={report.uuid}>
              <ReportRow report={report} now={now} />
            </li>
          ))}
        </ul>
      )}
      <LoadMore query={query} label="Load more reports" />
    </section>
  );
}
