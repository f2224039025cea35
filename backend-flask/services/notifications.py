"""The signed-in person's notifications: replies to, likes and reposts of their cruds."""

from lib.db import db
from lib.pagination import TIME_KEY, page, time_keyset
from services.callers import Caller, read_as
from services.live_events import announce_notification


def list_notifications(recipient: Caller, args: dict) -> str:
    """One page, newest first, with the unread count, as JSON text."""
    return read_as(recipient, "notifications/list", time_keyset(page(args, TIME_KEY)))


def mark_notifications_read(user_uuid) -> dict:
    if db.execute("notifications/mark_read", {"user_uuid": user_uuid}):
        announce_notification(user_uuid)  # the person's other tabs
    return {"unread_count": 0}
