import { useState } from 'react';
import { newIdempotencyKey } from '@/lib/idempotency-key';

/**
 * A form's submit handler that runs `action` when `canSubmit`, one at a time:
 * `sending` while it runs, `error` when it failed (cleared on the next try).
 * `action` gets a fresh idempotency key for each submit, for the API client to
 * send (and keep for its automatic retries of that submit).
 */
export function useSubmit(action, canSubmit) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);

  async function submit(event) {
    event.preventDefault();
    if (!canSubmit || sending) return;
    setSending(true);
    setError(null);
    try {
      await action(newIdempotencyKey());
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  }

  return { submit, sending, error };
}
