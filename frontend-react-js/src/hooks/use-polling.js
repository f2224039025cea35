import { useEffect } from 'react';
import { useLatest } from './use-latest';

/**
 * Calls `poll()` every `intervalMs` while the page is visible, and once at
 * once when it becomes visible again. Nothing runs in a hidden tab.
 */
export function usePolling(poll, intervalMs, enabled = true) {
  const pollRef = useLatest(poll);

  useEffect(() => {
    if (!enabled) return undefined;
    let timer = null;
    const visible = () => document.visibilityState !== 'hidden';
    const start = () => {
      clearInterval(timer);
      timer = setInterval(() => visible() && pollRef.current(), intervalMs);
    };
    const onVisibility = () => {
      if (visible()) {
        pollRef.current();
        start();
      } else {
        clearInterval(timer);
      }
    };
    start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs, enabled, pollRef]);
}
