import { useEffect, useRef } from 'react';
import { useLatest } from './use-latest';

/**
 * Calls `onVisible` when the element behind the returned ref scrolls into
 * view (IntersectionObserver), while `enabled`. Where the observer does not
 * exist nothing happens, and the caller's button remains the way to go on.
 */
export function useOnVisible(onVisible, enabled) {
  const ref = useRef(null);
  const callbackRef = useLatest(onVisible);

  useEffect(() => {
    const element = ref.current;
    if (!enabled || !element || typeof IntersectionObserver === 'undefined') {
      return undefined;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting))
          callbackRef.current();
      },
      { rootMargin: '400px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled, callbackRef]);

  return ref;
}
