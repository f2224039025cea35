"""Like and repost a crud, and take either back. Each is idempotent and
keeps the crud's counter exact, however many people do it at once."""

from lib.db import db
from lib.errors import NotFound
from services.live_events import announce_notification

REACTIONS = {
    "like": ("activities/like", "activities/unlike", "liked", "likes_count"),
    "repost": ("activities/repost", "activities/unrepost", "reposted", "reposts_count"),
}


def react(kind: str, user_uuid, activity_uuid, on: bool) -> dict:
    """`{"liked": true, "likes_count": 3}` (or reposted/reposts_count);
    404 when the crud is unknown or expired."""
    add, remove, flag, counter = REACTIONS[kind]
    row = db.query_one(add if on else remove, {"user_uuid": user_uuid, "activity_uuid": activity_uuid})
    if row is None:
        raise NotFound("activity_not_found")
    if row.get("notified_uuid"):
        announce_notification(row["notified_uuid"])
    return {flag: on, counter: row["count"]}
