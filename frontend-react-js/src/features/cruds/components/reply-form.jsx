import { useEffect, useId, useRef, useState } from 'react';
import { FormErrors } from '@/components/states';
import { useSubmit } from '@/hooks/use-submit';
import { useCreateReply } from '../api/create-reply';
import { composeState } from '../utils/compose-rules';
import { CharCounter } from './compose-form';

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
    <form
      className="compose compose--reply"
      onSubmit={submit}
      aria-label="Reply"
    >
      <label htmlFor={`${id}-message`} className="visually-hidden">
        {`Reply to ${activity.display_name}`}
      </label>
      <textarea
        id={`${id}-message`}
        ref={ref}
        className="compose__message"
        placeholder={`Reply to @${activity.handle}`}
        rows={2}
        value={message}
        aria-describedby={`${id}-count`}
        aria-invalid={state.tooLong || undefined}
        onChange={(event) => setMessage(event.target.value)}
      />
      <div className="compose__footer">
        <CharCounter state={state} max={280} id={`${id}-count`} />
        <button
          type="submit"
          className="button button--primary"
          disabled={!state.canSubmit || sending}
        >
          {sending ? 'Replying…' : 'Reply'}
        </button>
      </div>
      <FormErrors error={error} />
    </form>
  );
}
