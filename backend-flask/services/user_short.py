"""The few facts shown next to a person's name."""

from lib.db import db
from lib.errors import NotFound


def user_short(handle: str) -> str:
    found = db.query_value("users/short_by_handle", {"handle": handle})
    if found is None:
        raise NotFound("user_not_found")
    return found
