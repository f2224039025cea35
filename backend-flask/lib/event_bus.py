"""The live event bus: the API publishes events, stream processes hear them.

PostgreSQL carries it, since every API process and task shares it already:
each event goes into a short replay log (`stream_events`) and a NOTIFY wakes
the listeners, who read the log on from the last event they handed out. This
module is the one place that knows so; a managed broker would take its place.
"""

import json
import logging
from collections.abc import AsyncIterator

import psycopg
from psycopg.rows import dict_row

from lib.db import db, template
from lib.errors import Unavailable

CHANNEL = "stream_events"
LISTENER_NAME = "cruddur-stream-listener"
BATCH = 500
log = logging.getLogger(__name__)


def publish(kind: str, data: dict, *, recipients: list | None = None, followers_of=None) -> int | None:
    """Publishes an event for `recipients` (person uuids), for the followers
    of `followers_of` who see them, or, with neither, for everyone; its id.
    Called once the change it tells of is stored: an event that cannot be
    published is logged and dropped (clients see the change when they next
    fetch), never a failure of the write it follows."""
    params = {
        "kind": kind,
        "recipients": [str(person) for person in recipients] if recipients is not None else None,
        "author_uuid": str(followers_of) if followers_of is not None else None,
        "data": json.dumps(data),
    }
    try:
        return db.query_value("stream/publish", params)
    except (Unavailable, psycopg.Error):
        log.warning("could not publish a %s event", kind, exc_info=True)
        return None


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
