import { useId, useState } from 'react';
import { FormErrors } from '@/components/states';
import { MAX_MESSAGE_CHARS, sendMessage } from '../api/send-message';

/** Writes one message; `onSent(result)` gets the API's answer. */
export function MessageForm({ groupUuid, handle, onSent, label, autoFocus }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);
  const count = [...message].length;
  const tooLong = count > MAX_MESSAGE_CHARS;
  const canSend = message.trim() !== '' && !tooLong && !sending;

  async function submit(event) {
    event.preventDefault();
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      const result = await sendMessage({ message, groupUuid, handle });
      setMessage('');
      onSent(result);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  }

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
        disabled={!canSend}
      >
        {sending ? 'Sending…' : 'Send'}
      </button>
      <FormErrors error={error} />
    </form>
  );
}
