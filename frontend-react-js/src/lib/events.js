/**
 * A tiny publish/subscribe for things that happen in one part of the page
 * and show in another: a crud posted from the navigation's dialog appears in
 * the feed, a profile edit shows on the cruds already on screen.
 *
 *   'crud-created'     (activity)
 *   'profile-updated'  (profile)
 */
import { useEffect } from 'react';
import { useLatest } from '@/hooks/use-latest';

const listeners = new Map();

export function emit(name, payload) {
  listeners.get(name)?.forEach((listener) => listener(payload));
}

export function subscribe(name, listener) {
  if (!listeners.has(name)) listeners.set(name, new Set());
  listeners.get(name).add(listener);
  return () => listeners.get(name).delete(listener);
}

/** Subscribes a component to an event for as long as it is mounted. */
export function useEvent(name, handler) {
  const handlerRef = useLatest(handler);
  useEffect(
    () => subscribe(name, (payload) => handlerRef.current(payload)),
    [name, handlerRef],
  );
}
