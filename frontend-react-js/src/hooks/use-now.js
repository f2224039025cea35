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

// Without the timer (nobody listening yet) the time is read afresh, but only
// once a tick has passed: two reads in one render must agree, or React takes
// the store for one that never settles.
function getSnapshot() {
  if (timer === null) {
    const current = Date.now();
    if (current - now >= TICK_MS || current < now) now = current;
  }
  return now;
}

/** The current time in milliseconds, updated every second while in use. */
export function useNow() {
  return useSyncExternalStore(subscribe, getSnapshot);
}
