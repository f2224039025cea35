"""The signed-in person's notifications: replies to, likes and reposts of their cruds."""

from lib.db import db
from lib.pagination import TIME_KEY, page, time_keyset


def list_notifications(user_uuid, args: dict) -> str:
    """One page, newest first, with the unread count, as JSON text."""
    params = time_keyset(page(args, TIME_KEY)) | {"user_uuid": user_uuid}
    return db.query_value("notifications/list", params)


def mark_notifications_read(user_uuid) -> dict:
    db.execute("notifications/mark_read", {"user_uuid": user_uuid})
    return {"unread_count": 0}
