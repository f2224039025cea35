"""One crud with its replies."""

from lib.errors import NotFound
from lib.pagination import TIME_KEY, page, time_keyset
from services.callers import Caller, read_as


def show_activity(handle: str, activity_uuid, args: dict, viewer: Caller | None = None) -> str:
    """`{"activity": ..., "items": [replies, oldest first], "next_cursor": ...}` as JSON text;
    404 when unknown, expired, or not that person's."""
    current = page(args, TIME_KEY)
    params = time_keyset(current, newest_first=False) | {"activity_uuid": activity_uuid, "handle": handle}
    thread = read_as(viewer, "activities/thread", params)
    if thread is None:
        raise NotFound("activity_not_found")
    return thread
