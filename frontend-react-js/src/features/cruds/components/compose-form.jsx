import { useId, useState } from 'react';
import { FormErrors } from '@/components/states';
import { useSubmit } from '@/hooks/use-submit';
import { TTL_CHOICES, useCreateActivity } from '../api/create-activity';
import { composeState } from '../utils/compose-rules';

export const DEFAULT_TTL = '1-day';

/** The live "n / 280" counter under a message box. */
export function CharCounter({ state, max, id }) {
  const near = state.remaining <= 20;
  return (
    <p
      id={id}
      className={`char-counter${state.tooLong ? ' char-counter--over' : near ? ' char-counter--near' : ''}`}
      aria-live={near ? 'polite' : 'off'}
    >
      {state.tooLong
        ? `${-state.remaining} characters too many`
        : `${state.count} / ${max}`}
    </p>
  );
}

/** Write a crud and pick how long it lives. */
export function ComposeForm({ onCreated, autoFocus = false }) {
  const id = useId();
  const [message, setMessage] = useState('');
  const [ttl, setTtl] = useState(DEFAULT_TTL);
  const state = composeState(message);
  const create = useCreateActivity();
  const { submit, sending, error } = useSubmit(async (idempotencyKey) => {
    const activity = await create.mutateAsync({ message, ttl, idempotencyKey });
    setMessage('');
    onCreated?.(activity);
  }, state.canSubmit);

  return (
    <form className="compose" onSubmit={submit} aria-label="Write a crud">
      <label htmlFor={`${id}-message`} className="visually-hidden">
        What is happening?
      </label>
      <textarea
        id={`${id}-message`}
        className="compose__message"
        placeholder="What is happening?"
        rows={3}
        value={message}
        autoFocus={autoFocus}
        aria-describedby={`${id}-count`}
        aria-invalid={state.tooLong || undefined}
        onChange={(event) => setMessage(event.target.value)}
      />
      <div className="compose__footer">
        <CharCounter state={state} max={280} id={`${id}-count`} />
        <label htmlFor={`${id}-ttl`} className="compose__ttl-label">
          Expires after
        </label>
        <select
          id={`${id}-ttl`}
          value={ttl}
          onChange={(event) => setTtl(event.target.value)}
        >
          {TTL_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="button button--primary"
          disabled={!state.canSubmit || sending}
        >
          {sending ? 'Posting…' : 'Crud'}
        </button>
      </div>
      <FormErrors error={error} />
    </form>
  );
}
