"""An author deletes their own crud or reply."""

from lib.db import db
from lib.errors import NotFound
from services.live_events import announce_gone


def delete_activity(user_uuid, activity_uuid):
    """Deletes it, with (for a crud) its replies, likes, reposts and
    notifications, in one statement. 404 `activity_not_found` when it is not
    the person's own live crud: someone else's is not told apart from none."""
    if db.query_value("activities/delete", {"user_uuid": user_uuid, "activity_uuid": activity_uuid}) is None:
        raise NotFound("activity_not_found")
    announce_gone(activity_uuid)
