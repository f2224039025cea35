import { useState } from 'react';
import { Link } from 'react-router';
import { Avatar } from '@/components/avatar';
import { buttonClass } from '@/components/button';
import { ChoiceGroup } from '@/components/choice-group';
import { Field } from '@/components/field';
import { PageHeader } from '@/components/page-header';
import { ErrorMessage, FormErrors, Loading } from '@/components/states';
import utilities from '@/styles/utilities.module.css';
import { cx } from '@/utils/cx';
import { formatFullDate } from '@/utils/time';
import {
  ACTIONS,
  REASON_MAX_CHARS,
  SUSPEND_DURATIONS,
  useActOnReport,
  useLiftSuspension,
  useReport,
} from '../api/reports';
import {
  REASON_LABELS,
  STATE_LABELS,
  reportStatus,
  untilText,
} from '../utils/labels';
import styles from './moderation.module.css';

/** A crud as it was when reported: text only, no actions. */
function SnapshotCrud({ activity, label, highlight = false }) {
  return (
    <article
      className={cx(styles.snapshot, highlight && styles.reported)}
      aria-label={label}
    >
      <Avatar
        src={activity.avatar_url}
        name={activity.display_name}
        size="small"
      />
      <div className={styles.snapshotBody}>
        <p className={styles.snapshotMeta}>
          <strong>{activity.display_name}</strong>{' '}
          <span className={utilities.muted}>@{activity.handle}</span>{' '}
          <time className={utilities.muted} dateTime={activity.created_at}>
            {formatFullDate(activity.created_at)}
          </time>
        </p>
        <p className={styles.snapshotMessage}>{activity.message}</p>
      </div>
    </article>
  );
}

function Snapshot({ snapshot }) {
  return (
    <section aria-label="The crud as it was reported" className={styles.block}>
      <h2 className={styles.blockTitle}>As it was reported</h2>
      {snapshot.parent && (
        <SnapshotCrud
          activity={snapshot.parent}
          label="The crud it replied to"
        />
      )}
      <SnapshotCrud
        activity={snapshot.activity}
        label="The reported crud"
        highlight
      />
      {snapshot.replies.length > 0 && (
        <>
          <h3 className={styles.subTitle}>Replies</h3>
          <ul className={utilities.plainList}>
            {snapshot.replies.map((reply) => (
              <li key={reply.uuid}>
                <SnapshotCrud
                  activity={reply}
                  label={`Reply by ${reply.display_name}`}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ActionForm({ report }) {
  const act = useActOnReport(report.uuid);
  const choices = ACTIONS.filter(
    (choice) => choice.value !== 'remove' || report.activity,
  );
  const [action, setAction] = useState(null);
  const [duration, setDuration] = useState('7-days');
  const [reason, setReason] = useState('');
  const length = [...reason.trim()].length;
  const ready = action && length > 0 && length <= REASON_MAX_CHARS;

  function submit(event) {
    event.preventDefault();
    if (!ready || act.isPending) return;
    act.mutate({ action, reason: reason.trim(), duration });
  }

  return (
    <form
      onSubmit={submit}
      className={styles.block}
      aria-label="Act on the report"
      noValidate
    >
      <h2 className={styles.blockTitle}>Act on it</h2>
      <ChoiceGroup
        legend="Action"
        choices={choices}
        value={action}
        onChange={setAction}
      />
      {action === 'suspend' && (
        <ChoiceGroup
          legend="Suspend for"
          choices={SUSPEND_DURATIONS}
          value={duration}
          onChange={setDuration}
        />
      )}
      <Field
        label="Reason (for the log)"
        multiline
        rows={3}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={
          length > REASON_MAX_CHARS
            ? `At most ${REASON_MAX_CHARS} characters (${length} now).`
            : undefined
        }
      />
      <FormErrors error={act.error} />
      <button
        type="submit"
        className={buttonClass('primary')}
        disabled={!ready || act.isPending}
      >
        {act.isPending ? 'Saving…' : 'Apply'}
      </button>
    </form>
  );
}

function LiftSuspension({ target, lift }) {
  const [reason, setReason] = useState('');
  const ready = reason.trim() !== '';
  if (lift.isSuccess) {
    return (
      <p role="status" className={styles.block}>
        The suspension of @{target.handle} is lifted.
      </p>
    );
  }
  return (
    <form
      className={styles.block}
      aria-label="Lift the suspension"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !lift.isPending) {
          lift.mutate({ handle: target.handle, reason: reason.trim() });
        }
      }}
    >
      <h2 className={styles.blockTitle}>
        @{target.handle} is suspended {untilText(target.suspended_until)}
      </h2>
      <Field
        label="Reason for lifting it"
        multiline
        rows={2}
        required
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <FormErrors error={lift.error} />
      <button
        type="submit"
        className={buttonClass('secondary')}
        disabled={!ready || lift.isPending}
      >
        {lift.isPending ? 'Lifting…' : 'Lift the suspension'}
      </button>
    </form>
  );
}

/** Whether the report's target is suspended now. */
function isSuspended(target) {
  if (typeof target.suspended === 'boolean') return target.suspended;
  return Boolean(target.suspended_until);
}

/** One report: who reported what and why, the crud as it was, and the actions. */
export function ReportDetail({ uuid }) {
  const query = useReport(uuid);
  const lift = useLiftSuspension();
  if (query.isPending) return <Loading label="Loading the report…" />;
  if (query.isError) {
    return (
      <>
        <PageHeader title="Report" />
        <ErrorMessage
          error={query.error}
          onRetry={
            query.error?.status === 404 ? undefined : () => query.refetch()
          }
        />
      </>
    );
  }
  const { report, snapshot, open_reports_on_target: openOnTarget } = query.data;
  const open = !report.closed_at;
  return (
    <>
      <title>Report · Moderation · Cruddur</title>
      <PageHeader title="Report">
        <p className={styles.back}>
          <Link to="/moderation">Back to the reports</Link>
        </p>
      </PageHeader>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd>
          <span className={cx(styles.badge, open && styles.badgeOpen)}>
            {reportStatus(report)}
          </span>
          {report.closed_at && ` ${formatFullDate(report.closed_at)}`}
        </dd>
        <dt>Reason</dt>
        <dd>{REASON_LABELS[report.reason]}</dd>
        {report.comment && (
          <>
            <dt>Comment</dt>
            <dd className={styles.preWrap}>{report.comment}</dd>
          </>
        )}
        <dt>Reported by</dt>
        <dd>
          <Link to={`/@${report.reporter.handle}`}>
            @{report.reporter.handle}
          </Link>{' '}
          on {formatFullDate(report.created_at)}
        </dd>
        <dt>About</dt>
        <dd>
          {report.activity ? 'A crud by ' : ''}
          <Link to={`/@${report.target.handle}`}>@{report.target.handle}</Link>
          {' · '}
          {openOnTarget} open {openOnTarget === 1 ? 'report' : 'reports'} on
          them
        </dd>
        {report.activity && (
          <>
            <dt>The crud now</dt>
            <dd>
              <span className={styles.state} data-state={report.activity.state}>
                {STATE_LABELS[report.activity.state]}
              </span>
              {report.activity.state === 'live' && (
                <>
                  {' · '}
                  <Link
                    to={`/@${report.activity.handle}/status/${report.activity.uuid}`}
                  >
                    open it
                  </Link>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {snapshot && <Snapshot snapshot={snapshot} />}
      {open && <ActionForm report={report} />}
      {(isSuspended(report.target) || lift.isSuccess) && (
        <LiftSuspension target={report.target} lift={lift} />
      )}
    </>
  );
}
