import { useState } from 'react';
import { buttonClass } from '@/components/button';
import { ChoiceGroup } from '@/components/choice-group';
import { Dialog } from '@/components/dialog';
import { Field } from '@/components/field';
import { FormErrors } from '@/components/states';
import {
  COMMENT_MAX_CHARS,
  REPORT_REASONS,
  useCreateReport,
} from '../api/create-report';
import styles from './report-dialog.module.css';

function ReportForm({ person, activity, onClose }) {
  const [reason, setReason] = useState(null);
  const [comment, setComment] = useState('');
  const report = useCreateReport();
  const tooLong = [...comment].length > COMMENT_MAX_CHARS;

  if (report.isSuccess) {
    return (
      <>
        <p role="status">Thanks, a moderator will look at it.</p>
        <div className={styles.buttons}>
          <button
            type="button"
            className={buttonClass('primary')}
            onClick={onClose}
          >
            Done
          </button>
        </div>
      </>
    );
  }

  function submit(event) {
    event.preventDefault();
    if (!reason || tooLong || report.isPending) return;
    report.mutate({
      activityUuid: activity?.uuid,
      handle: activity ? undefined : person.handle,
      reason,
      comment,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <ChoiceGroup
        legend="Why are you reporting it?"
        choices={REPORT_REASONS}
        value={reason}
        onChange={setReason}
      />
      <Field
        label="Anything the moderators should know (optional)"
        multiline
        rows={3}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        error={
          tooLong
            ? `At most ${COMMENT_MAX_CHARS} characters (${[...comment].length} now).`
            : undefined
        }
      />
      <FormErrors error={report.error} />
      <div className={styles.buttons}>
        <button
          type="button"
          className={buttonClass('secondary')}
          onClick={onClose}
        >
          Cancel
        </button>
        <button
          type="submit"
          className={buttonClass('primary')}
          disabled={!reason || tooLong || report.isPending}
        >
          {report.isPending ? 'Sending…' : 'Send report'}
        </button>
      </div>
    </form>
  );
}

/** Report a crud (when `activity` is given) or a person to the moderators. */
export function ReportDialog({ person, activity, open, onClose }) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={activity ? 'Report this crud' : `Report @${person.handle}`}
    >
      {open && (
        <ReportForm person={person} activity={activity} onClose={onClose} />
      )}
    </Dialog>
  );
}
