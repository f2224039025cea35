import { useSyncExternalStore } from 'react';

// One clock for the whole page: every "ago" and "expires in" re-renders from
// the same tick instead of each item running its own timer.
const TICK_MS = 1000;
const listeners = new Set();
let now = Date.now();
let timer = null;

function subscribe(listener) {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = null;
    }
  };
}

function getSnapshot() {
  return timer === null ? Date.now() : now;
}

/** The current time in milliseconds, updated every second while in use. */
export function useNow() {
  return useSyncExternalStore(subscribe, getSnapshot);
}
