import { useHealthCheck } from '../api/get-health-check';
import { errorSentence } from '@/lib/error-messages';

function statusText(health) {
  if (health.status === 'loading') return 'Checking the API…';
  if (health.status === 'ok') return 'API ok';
  return errorSentence(health.error.errors?.[0]);
}

/** One line saying whether the API answers: proves the proxy and the API are up. */
export function ApiStatus() {
  const health = useHealthCheck();
  return (
    <p className={`api-status api-status--${health.status}`} role="status">
      {statusText(health)}
    </p>
  );
}
