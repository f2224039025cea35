/**
 * One live stream of events (GET /api/stream, Server-Sent Events), kept open
 * until `close()`: each connection starts with a fresh single-use ticket
 * (POST /api/stream/ticket), resumes after the last event id it saw, and a
 * failed one is closed and tried again after an exponential backoff with
 * full jitter. The browser's own reconnection is never used: it would send
 * a ticket that has been spent.
 *
 * The server sends a `heartbeat` event every 15 s. A connection that has
 * been silent for SILENCE_MS (it died without closing: a laptop asleep, a
 * network changed) is closed and tried again, as a failed one is.
 *
 * `pause()` closes it for a while (a tab hidden a long time) and `resume()`
 * opens it again, from where it was.
 *
 * `onEvent(type, data)` gets each event with its JSON data; `onCatchUp()`
 * runs when events may have been missed (a `reset`, or a connection again
 * that had no event id to resume from); `onOpenChange(open)` follows whether
 * the stream is open.
 */
import { ApiError } from '@/lib/api-client';

export const STREAM_EVENTS = Object.freeze([
  'message',
  'notification',
  'timeline',
  'delete',
]);

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;
// A connection that lasted this long was a working one: the next failure
// starts the backoff from the beginning again.
const STABLE_MS = 20_000;
// Three heartbeats missed.
export const SILENCE_MS = 45_000;

/** The wait before attempt `attempt` (0 = the first retry): 0 up to 1 s, 2 s, 4 s... 30 s. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/**
 * Whether asking for a ticket again can help: not after a refusal that says
 * who the person is not (401, 403), nor when the API has no such route.
 */
function worthRetrying(error) {
  if (!(error instanceof ApiError)) return true;
  const { status } = error;
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

export function streamUrl(baseUrl, ticket, lastEventId) {
  const query = new URLSearchParams({ ticket });
  if (lastEventId !== null) query.set('last_event_id', lastEventId);
  return `${baseUrl}/api/stream?${query}`;
}

export function openStream({
  baseUrl = '',
  getTicket,
  onEvent,
  onCatchUp,
  onOpenChange,
  EventSourceImpl = globalThis.EventSource,
  random = Math.random,
  now = Date.now,
}) {
  let closed = false;
  let paused = false;
  let connects = 0;
  let source = null;
  let timer = null;
  let attempt = 0;
  let lastEventId = null;
  let connectedBefore = false;
  let openedAt = null;
  let silence = null;

  // Any event, the heartbeat included, shows the connection is alive.
  function heard(es) {
    clearTimeout(silence);
    silence = setTimeout(() => es.onerror(), SILENCE_MS);
  }

  function retryLater() {
    timer = setTimeout(connect, backoffDelay(attempt, random));
    attempt += 1;
  }

  function handle(es, type, event) {
    heard(es);
    if (event.lastEventId) lastEventId = event.lastEventId;
    let data;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    onEvent(type, data);
  }

  function listen(es) {
    es.onopen = () => {
      heard(es);
      openedAt = now();
      // Resumed from an id, the server replays what was missed (or says
      // `reset`); without one, whatever happened while down is unknown.
      if (connectedBefore && lastEventId === null) onCatchUp();
      connectedBefore = true;
      onOpenChange(true);
    };
    es.onerror = () => {
      es.close();
      if (source !== es) return;
      clearTimeout(silence);
      source = null;
      if (openedAt !== null) {
        if (now() - openedAt >= STABLE_MS) attempt = 0;
        openedAt = null;
        onOpenChange(false);
      }
      retryLater();
    };
    for (const type of STREAM_EVENTS) {
      es.addEventListener(type, (event) => handle(es, type, event));
    }
    es.addEventListener('heartbeat', () => heard(es));
    es.addEventListener('reset', () => {
      heard(es);
      onCatchUp();
    });
    // Sent first on every connection, with the id it starts after: a stream
    // that has had no other event yet can still resume from it.
    es.addEventListener('ready', (event) => {
      heard(es);
      if (event.lastEventId) lastEventId = event.lastEventId;
    });
  }

  async function connect() {
    timer = null;
    connects += 1;
    const run = connects;
    // Closed, paused, or overtaken by a resume while the ticket was on its way.
    const stale = () => closed || paused || run !== connects;
    let ticket;
    try {
      ({ ticket } = await getTicket());
    } catch (error) {
      if (!stale() && worthRetrying(error)) retryLater();
      return;
    }
    if (stale()) return;
    source = new EventSourceImpl(streamUrl(baseUrl, ticket, lastEventId));
    listen(source);
  }

  function disconnect() {
    clearTimeout(timer);
    clearTimeout(silence);
    timer = null;
    source?.close();
    source = null;
    if (openedAt !== null) {
      openedAt = null;
      onOpenChange(false);
    }
  }

  if (EventSourceImpl) connect();

  return {
    pause() {
      if (closed || paused) return;
      paused = true;
      disconnect();
    },
    resume() {
      if (closed || !paused) return;
      paused = false;
      attempt = 0;
      connect();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      clearTimeout(silence);
      source?.close();
      source = null;
    },
  };
}
