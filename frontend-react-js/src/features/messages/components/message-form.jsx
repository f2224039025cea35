import { useId, useState } from 'react';
import { buttonClass } from '@/components/button';
import { CharCounter } from '@/components/char-counter';
import { FormErrors } from '@/components/states';
import { useSubmit } from '@/hooks/use-submit';
import utilities from '@/styles/utilities.module.css';
import { composeState } from '@/utils/compose-rules';
import { MAX_MESSAGE_CHARS, useSendMessage } from '../api/send-message';
import styles from './message-form.module.css';

/**
 * Writes one message, which shows at once in its open conversation;
 * `onSent(result)` gets the API's answer.
 */
export function MessageForm({ groupUuid, handle, onSent, label, autoFocus }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const state = composeState(message, MAX_MESSAGE_CHARS);
  const send = useSendMessage();
  const { submit, sending, error } = useSubmit(async (idempotencyKey) => {
    const result = await send.mutateAsync({
      message,
      groupUuid,
      handle,
      idempotencyKey,
    });
    setMessage('');
    onSent?.(result);
  }, state.canSubmit);

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Send a message">
      <label htmlFor={`${id}-message`} className={utilities.visuallyHidden}>
        {label}
      </label>
      <textarea
        id={`${id}-message`}
        rows={2}
        placeholder={label}
        value={message}
        autoFocus={autoFocus}
        aria-invalid={state.tooLong || undefined}
        aria-describedby={`${id}-count`}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) submit(event);
        }}
      />
      <CharCounter state={state} id={`${id}-count`} />
      <button
        type="submit"
        className={buttonClass('primary')}
        disabled={!state.canSubmit || sending}
      >
        {sending ? 'Sending…' : 'Send'}
      </button>
      <FormErrors error={error} />
    </form>
  );
}
