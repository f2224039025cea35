import { useEffect, useId, useRef, useState } from 'react';
import { buttonClass } from '@/components/button';
import { CharCounter } from '@/components/char-counter';
import { FormErrors } from '@/components/states';
import { useSubmit } from '@/hooks/use-submit';
import utilities from '@/styles/utilities.module.css';
import { composeState } from '@/utils/compose-rules';
import { useCreateReply } from '../api/create-reply';
import styles from './compose-form.module.css';

/** Reply to a crud; the reply expires with it, and shows in its thread. */
export function ReplyForm({ activity, focus = false }) {
  const id = useId();
  const ref = useRef(null);
  const [message, setMessage] = useState('');
  const state = composeState(message);
  const createReply = useCreateReply();
  const { submit, sending, error } = useSubmit(async (idempotencyKey) => {
    await createReply.mutateAsync({
      activityUuid: activity.uuid,
      message,
      idempotencyKey,
    });
    setMessage('');
  }, state.canSubmit);

  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);

  return (
    <form className={styles.compose} onSubmit={submit} aria-label="Reply">
      <label htmlFor={`${id}-message`} className={utilities.visuallyHidden}>
        {`Reply to ${activity.display_name}`}
      </label>
      <textarea
        id={`${id}-message`}
        ref={ref}
        className={styles.message}
        placeholder={`Reply to @${activity.handle}`}
        rows={2}
        value={message}
        aria-describedby={`${id}-count`}
        aria-invalid={state.tooLong || undefined}
        onChange={(event) => setMessage(event.target.value)}
      />
      <div className={styles.footer}>
        <CharCounter
          state={state}
          id={`${id}-count`}
          className={styles.counter}
        />
        <button
          type="submit"
          className={buttonClass('primary')}
          disabled={!state.canSubmit || sending}
        >
          {sending ? 'Replying…' : 'Reply'}
        </button>
      </div>
      <FormErrors error={error} />
    </form>
  );
}
