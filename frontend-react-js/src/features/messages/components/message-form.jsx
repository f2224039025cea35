import { useId, useState } from 'react';
import { FormErrors } from '@/components/states';
import { useSubmit } from '@/hooks/use-submit';
import { MAX_MESSAGE_CHARS, useSendMessage } from '../api/send-message';

/**
 * Writes one message, which shows at once in its open conversation;
 * `onSent(result)` gets the API's answer.
 */
export function MessageForm({ groupUuid, handle, onSent, label, autoFocus }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const count = [...message].length;
  const tooLong = count > MAX_MESSAGE_CHARS;
  const canSend = message.trim() !== '' && !tooLong;
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
  }, canSend);

  return (
    <form
      className="message-form"
      onSubmit={submit}
      aria-label="Send a message"
    >
      <label htmlFor={`${id}-message`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-message`}
        rows={2}
        placeholder={label}
        value={message}
        autoFocus={autoFocus}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-count`}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) submit(event);
        }}
      />
      <p
        id={`${id}-count`}
        className={`char-counter${tooLong ? ' char-counter--over' : ''}`}
      >
        {count} / {MAX_MESSAGE_CHARS}
      </p>
      <button
        type="submit"
        className="button button--primary"
        disabled={!canSend || sending}
      >
        {sending ? 'Sending…' : 'Send'}
      </button>
      <FormErrors error={error} />
    </form>
  );
}
