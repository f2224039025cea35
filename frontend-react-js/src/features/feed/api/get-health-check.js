/** GET /api/health-check: whether the API and its stores answer. */
import { useEffect, useState } from 'react';
import { api } from '@/lib/api-client';

export function getHealthCheck({ signal } = {}) {
  return api.get('/api/health-check', { signal });
}

/**
 * Runs the health check once on mount.
 * @returns {{status: 'loading'} | {status: 'ok', data: object} | {status: 'error', error: Error}}
 */
export function useHealthCheck() {
  const [state, setState] = useState({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    getHealthCheck({ signal: controller.signal }).then(
      (data) => setState({ status: 'ok', data }),
      (error) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, []);

  return state;
}
