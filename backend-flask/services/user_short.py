"""The few facts shown next to a person's name."""

from lib.db import db
from lib.errors import NotFound


def user_short(handle: str) -> str:
    if "\x00" in handle:  # no handle has one, and PostgreSQL text cannot hold it
        raise NotFound("user_not_found")
    found = db.query_value("users/short_by_handle", {"handle": handle})
    if found is None:
        raise NotFound("user_not_found")
    return found
