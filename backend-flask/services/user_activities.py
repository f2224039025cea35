"""A person's profile and their cruds."""

from lib.db import db
from lib.errors import NotFound
from lib.json_text import with_fields
from lib.pagination import TIME_KEY, page, time_keyset


def user_activities(handle: str, args: dict, viewer_uuid=None) -> str:
    """`{"profile": ..., "items": [...], "next_cursor": ...}` as JSON text."""
    current = page(args, TIME_KEY)
    if "\x00" in handle:  # no handle has one, and PostgreSQL text cannot hold it
        raise NotFound("user_not_found")
    found = db.query_one("users/profile_by_handle", {"handle": handle})
    if found is None:
        raise NotFound("user_not_found")
    params = time_keyset(current) | {"user_uuid": found["uuid"], "viewer_uuid": viewer_uuid}
    feed = db.query_value("activities/user_feed", params)
    return with_fields(feed, profile=found["profile"])
