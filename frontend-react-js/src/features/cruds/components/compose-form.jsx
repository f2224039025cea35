import { useId, useState } from 'react';
import { buttonClass } from '@/components/button';
import { CharCounter } from '@/components/char-counter';
import { FormErrors } from '@/components/states';
import { useSubmit } from '@/hooks/use-submit';
import utilities from '@/styles/utilities.module.css';
import { composeState } from '@/utils/compose-rules';
import { cx } from '@/utils/cx';
import { TTL_CHOICES, useCreateActivity } from '../api/create-activity';
import styles from './compose-form.module.css';

const DEFAULT_TTL = '1-day';

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
    <form
      className={styles.compose}
      onSubmit={submit}
      aria-label="Write a crud"
    >
      <label htmlFor={`${id}-message`} className={utilities.visuallyHidden}>
        What is happening?
      </label>
      <textarea
        id={`${id}-message`}
        className={styles.message}
        placeholder="What is happening?"
        rows={3}
        value={message}
        autoFocus={autoFocus}
        aria-describedby={`${id}-count`}
        aria-invalid={state.tooLong || undefined}
        onChange={(event) => setMessage(event.target.value)}
      />
      <div className={styles.footer}>
        <CharCounter
          state={state}
          id={`${id}-count`}
          className={cx(styles.counter, styles.ownLine)}
        />
        <label htmlFor={`${id}-ttl`} className={styles.ttlLabel}>
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
          className={buttonClass('primary')}
          disabled={!state.canSubmit || sending}
        >
          {sending ? 'Posting…' : 'Crud'}
        </button>
      </div>
      <FormErrors error={error} />
    </form>
  );
}
