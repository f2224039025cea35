"""A person's profile and their cruds."""

from lib.db import db
from lib.errors import NotFound
from lib.pagination import TIME_KEY, page, time_keyset


def user_activities(handle: str, args: dict, viewer_uuid=None) -> str:
    """`{"profile": ..., "items": [...], "next_cursor": ...}` as JSON text."""
    current = page(args, TIME_KEY)
    if "\x00" in handle:  # no handle has one, and PostgreSQL text cannot hold it
        raise NotFound("user_not_found")
    params = time_keyset(current) | {"handle": handle, "viewer_uuid": viewer_uuid}
    found = db.query_value("activities/user_feed", params)
    if found is None:
        raise NotFound("user_not_found")
    return found
