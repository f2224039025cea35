"""Following people: follow and unfollow, who follows whom, and whom to follow."""

from lib.db import db
from lib.errors import ApiError, NotFound
from lib.pagination import TIME_KEY, page, page_size, time_keyset
from services.callers import Caller, read_as
from services.live_events import announce_notification

PEOPLE_LISTS = {"followers": "follows/followers", "following": "follows/following"}
SUGGESTIONS, MOST_SUGGESTIONS = 5, 20


def set_following(user_uuid, handle: str, on: bool) -> dict:
    """Follow (on) or stop following the person with `handle`, idempotently:
    `{"following": on, "followers_count": N}` with their exact count. 404
    `user_not_found` for nobody, 422 `cannot_follow_self` for oneself."""
    row = db.query_one("follows/follow" if on else "follows/unfollow", {"user_uuid": user_uuid, "handle": handle})
    if row is None:
        raise NotFound("user_not_found")
    if str(row["uuid"]) == str(user_uuid):
        raise ApiError(422, "cannot_follow_self")
    if row.get("notified_uuid"):
        announce_notification(row["notified_uuid"])
    return {"following": on, "followers_count": row["followers_count"]}


def people(side: str, handle: str, args: dict, viewer: Caller | None = None) -> str:
    """One page of the person's followers (or the people they follow), newest
    follow first, as JSON text."""
    found = read_as(viewer, PEOPLE_LISTS[side], time_keyset(page(args, TIME_KEY)) | {"handle": handle})
    if found is None:
        raise NotFound("user_not_found")
    return found


def suggested_people(args: dict, viewer: Caller | None = None) -> str:
    """`{"items": [...]}`: people for the viewer to follow, as JSON text."""
    return read_as(viewer, "users/suggested", {"limit": page_size(args, SUGGESTIONS, MOST_SUGGESTIONS)})
