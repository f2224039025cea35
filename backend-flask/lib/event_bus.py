"""The live event bus: the API publishes events, stream processes hear them.

PostgreSQL carries it, since every API process and task shares it already:
each event goes into a short replay log (`stream_events`) and a NOTIFY wakes
the listeners, who read the log on from the last event they handed out. This
module is the one place that knows so; a managed broker would take its place.
"""

import json
import logging
import queue
import threading
import time
from collections.abc import AsyncIterator

import psycopg
from psycopg.rows import dict_row

from lib.db import db, template
from lib.errors import Unavailable

CHANNEL = "stream_events"
LISTENER_NAME = "cruddur-stream-listener"
BATCH = 500
# An event that cannot be published (PostgreSQL restarting) is tried again,
# this often, for this long, before it is dropped.
RETRY_EVERY_SECONDS = 0.25
RETRY_FOR_SECONDS = 30
log = logging.getLogger(__name__)


def publish(kind: str, data: dict, *, recipients: list | None = None, followers_of=None) -> int | None:
    """Publishes an event for `recipients` (person uuids), for the followers
    of `followers_of` who see them, or, with neither, for everyone; its id.
    Called once the change it tells of is stored, so a failure never fails
    that write: the event is tried again, in order, by a thread of this
    process, for RETRY_FOR_SECONDS (None then)."""
    params = {
        "kind": kind,
        "recipients": [str(person) for person in recipients] if recipients is not None else None,
        "author_uuid": str(followers_of) if followers_of is not None else None,
        "data": json.dumps(data),
    }
    if not retries.waiting():
        try:
            return db.query_value("stream/publish", params)
        except (Unavailable, psycopg.Error):
            log.warning("could not publish a %s event; trying again", kind)
    retries.add(params)
    return None


class Retries:
    """Events to publish again, oldest first; while any wait, new ones queue
    behind them, so that they still commit in the order they happened."""

    def __init__(self):
        self._pending: queue.Queue = queue.Queue(maxsize=10_000)
        self._busy = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def waiting(self) -> bool:
        return self._busy.is_set()

    def add(self, params: dict):
        self._busy.set()
        try:
            self._pending.put_nowait((time.monotonic() + RETRY_FOR_SECONDS, params))
        except queue.Full:
            log.error("dropped a %s event: too many wait to be published", params["kind"])
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="event-retries", daemon=True)
                self._thread.start()

    def _run(self):
        while True:
            give_up_at, params = self._pending.get()
            while True:
                try:
                    db.query_value("stream/publish", params)
                    break
                except (Unavailable, psycopg.Error):
                    if time.monotonic() >= give_up_at:
                        log.error("dropped a %s event: PostgreSQL did not come back in time", params["kind"])
                        break
                    time.sleep(RETRY_EVERY_SECONDS)
            if self._pending.empty():
                self._busy.clear()


retries = Retries()


class Listener:
    """Hears events in the order of their ids, as they are committed, over
    one asynchronous connection of its own."""

    def __init__(self, connection_url: str, idle_seconds: float = 5.0):
        self.connection_url = connection_url
        self.idle_seconds = idle_seconds

    async def latest_id(self) -> int:
        async with await psycopg.AsyncConnection.connect(
            self.connection_url, autocommit=True, connect_timeout=2
        ) as conn:
            return (await (await conn.execute(template("stream/latest_id"))).fetchone())[0]

    async def batches(self, after: int) -> AsyncIterator[list[dict]]:
        """An empty list once listening, then lists of the events after
        `after`, oldest first, as they come,
        until the connection is lost (psycopg.OperationalError). The log is
        read again after every wake-up and at least every idle_seconds, so
        a NOTIFY lost with its connection loses no event."""
        async with await psycopg.AsyncConnection.connect(
            self.connection_url, autocommit=True, connect_timeout=2, application_name=LISTENER_NAME
        ) as conn:
            await conn.execute(f"LISTEN {CHANNEL}")
            yield []
            read = True
            while True:
                if read:
                    async with conn.cursor(row_factory=dict_row) as cur:
                        await cur.execute(template("stream/after"), {"after": after, "limit": BATCH})
                        events = await cur.fetchall()
                    if events:
                        after = events[-1]["id"]
                        yield events
                        if len(events) == BATCH:
                            continue
                newest = None
                async for notify in conn.notifies(timeout=self.idle_seconds, stop_after=1):
                    newest = max(newest or 0, int(notify.payload))
                # Wake-ups for events read already (they queue up while the log
                # is read) need no read; a quiet spell reads anyway.
                read = newest is None or newest > after
