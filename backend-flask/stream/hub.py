"""The streams this process holds, and the events it hands them.

One task listens to the event bus and hands each batch of events to the
streams whose people hear them (services/live_events says who); another
sends the heartbeat and ends streams whose sessions have ended. Streams
join between batches, so each knows the last event it was not handed.
"""

import asyncio
import logging
import random
import time
from collections.abc import Iterable

import psycopg

from lib.errors import ApiError
from lib.event_bus import Listener
from services import live_events
from stream.chunked_socket import ChunkedSocket
from stream.sse import HEARTBEAT, encode_event

log = logging.getLogger("cruddur.stream")

HEARTBEAT_SECONDS = 15
PURGE_SECONDS = 60
# Events a stream may have waiting while its answer's head and replay are
# made; one more ends it as too slow.
QUEUE_LIMIT = 512
# Open streams a person may have at once (a stream a tab): one account cannot
# hold the process's sockets and memory. Past it the tab polls instead.
STREAMS_PER_PERSON = 32
# Events wait while the listener is away: it tries again soon after PostgreSQL is back.
RECONNECT_SECONDS = 0.1
MAX_RECONNECT_SECONDS = 1.0


class Stream:
    """One open stream: a person's session and their connection. Events
    offered before the connection is attached (while the answer's head and
    replay are made) wait, and are written as one chunk when it is; after
    that each is written as it is offered. An event with an id at or below
    the last one sent (replayed already) is not written again. A stream
    whose client stops reading ends `too_slow`."""

    def __init__(self, person: str, sub: str, issued_at: float, expires_at: float):
        self.person = person
        self.session = (sub, issued_at)
        self.expires_at = expires_at
        self.ended: str | None = None
        self.sent = 0  # the last event id written
        self._waiting: list[tuple[int | None, bytes]] = []
        self._socket: ChunkedSocket | None = None
        self._over = asyncio.Event()

    def offer(self, event_id: int | None, data: bytes):
        if self.ended:
            return
        if self._socket is None:
            if len(self._waiting) >= QUEUE_LIMIT:
                self.end("too_slow")
            else:
                self._waiting.append((event_id, data))
        elif self._fresh(event_id):
            self._write(data)

    def attach(self, socket: ChunkedSocket):
        """Writes what waited, then each event as it comes, to `socket`."""
        self._socket = socket
        waiting, self._waiting = self._waiting, []
        fresh = [data for event_id, data in waiting if self._fresh(event_id)]
        if fresh and not self.ended:
            self._write(b"".join(fresh))

    def _fresh(self, event_id: int | None) -> bool:
        if event_id is None:
            return True
        if event_id <= self.sent:
            return False
        self.sent = event_id
        return True

    def _write(self, data: bytes):
        # The hub writes to every stream in turn: one connection's failure
        # ends its stream, never the handing out to the others.
        try:
            caught_up = self._socket.write(data)
        except (OSError, RuntimeError):
            self.end("client_left")
            return
        if not caught_up:
            self.end("too_slow")

    def end(self, reason: str):
        if self.ended:
            return
        self.ended = reason
        self._waiting.clear()
        self._over.set()

    async def wait_until_ended(self):
        await self._over.wait()


class Hub:
    def __init__(self, listener: Listener, heartbeat_seconds: float = HEARTBEAT_SECONDS):
        self.listener = listener
        self.heartbeat_seconds = heartbeat_seconds
        self.people: dict[str, set[Stream]] = {}
        self.position: int | None = None  # the last event handed out
        self.listening = False
        self._between_batches = asyncio.Lock()

    def streams(self) -> Iterable[Stream]:
        return [stream for streams in self.people.values() for stream in streams]

    async def join(self, stream: Stream) -> int:
        """Adds the stream; the id of the last event it will not be handed.
        ApiError 429 when the person has as many streams open as they may."""
        async with self._between_batches:
            streams = self.people.setdefault(stream.person, set())
            if len(streams) >= STREAMS_PER_PERSON:
                raise ApiError(429, "too_many_streams")
            streams.add(stream)
            return self.position

    def leave(self, stream: Stream):
        streams = self.people.get(stream.person)
        if streams is not None:
            streams.discard(stream)
            if not streams:
                del self.people[stream.person]

    async def listen(self):
        """Hands out events until cancelled; a lost connection is retried
        with backoff, and the log is read on from where it was left, so no
        event is lost however long PostgreSQL was away."""
        delay = RECONNECT_SECONDS
        while True:
            try:
                if self.position is None:
                    self.position = await self.listener.latest_id()
                async for batch in self.listener.batches(self.position):
                    if not batch:
                        self.listening, delay = True, RECONNECT_SECONDS
                        log.info("listening for events after %s", self.position)
                        continue
                    async with self._between_batches:
                        await self.hand_out(batch)
                        self.position = batch[-1]["id"]
            except (psycopg.Error, OSError, ApiError):
                log.warning("lost the event bus; retrying in %.1f s", delay, exc_info=True)
            self.listening = False
            await asyncio.sleep(delay * (1 + random.random()))  # noqa: S311 (jitter, not a secret)
            delay = min(delay * 2, MAX_RECONNECT_SECONDS)

    async def hand_out(self, batch: list[dict]):
        if not self.people:
            return
        deliveries = await asyncio.to_thread(live_events.deliveries, batch, set(self.people))
        for delivery in deliveries:
            people = list(self.people) if delivery.people is None else delivery.people
            shared = None if delivery.data_for else encode_event(delivery.kind, delivery.data, delivery.id)
            for person in people:
                streams = self.people.get(person)
                if not streams:
                    continue  # left while the deliveries were found
                data = shared or encode_event(delivery.kind, delivery.data_for[person], delivery.id)
                for stream in streams:
                    stream.offer(delivery.id, data)

    async def keep_up(self):
        """Every heartbeat: a heartbeat to every stream, and the end of those
        whose session ended (expired, signed out, suspended); now and then,
        the purge of old events and tickets."""
        purged_at = time.monotonic()
        while True:
            await asyncio.sleep(self.heartbeat_seconds)
            streams = self.streams()
            for stream in streams:
                stream.offer(None, HEARTBEAT)
            now = time.time()
            for stream in streams:
                if stream.expires_at <= now:
                    stream.end("token_expired")
            try:
                ended = await asyncio.to_thread(live_events.ended_sessions, {s.session for s in streams})
                for stream in streams:
                    if stream.session in ended:
                        stream.end("session_ended")
                if time.monotonic() - purged_at >= PURGE_SECONDS:
                    purged_at = time.monotonic()
                    await asyncio.to_thread(live_events.purge)
            except (psycopg.Error, ApiError):
                log.warning("could not check the streams' sessions", exc_info=True)

    def end_all(self, reason: str):
        for stream in self.streams():
            stream.end(reason)
