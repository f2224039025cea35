"""A person's profile and their cruds."""

from lib.errors import NotFound
from lib.pagination import TIME_KEY, page, time_keyset
from services.callers import Caller, read_as


def user_activities(handle: str, args: dict, viewer: Caller | None = None) -> str:
    """`{"profile": ..., "items": [...], "next_cursor": ...}` as JSON text."""
    current = page(args, TIME_KEY)
    found = read_as(viewer, "activities/user_feed", time_keyset(current) | {"handle": handle})
    if found is None:
        raise NotFound("user_not_found")
    return found
