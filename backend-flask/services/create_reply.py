"""Reply to a live crud; the reply expires with it."""

from lib import idempotency_store
from lib.db import db
from lib.errors import NotFound
from lib.idempotency_store import IdempotencyKey
from lib.validation import RequestModel, parse
from services.activity_rules import Message
from services.live_events import announce_notification


class CreateReplyRequest(RequestModel):
    message: Message


def create_reply(user_uuid, parent_uuid, body, idempotency_key: IdempotencyKey | None = None) -> str:
    """The new reply as JSON text (kept under the key, when there is one); 404
    when the crud is unknown or expired."""
    form = parse(CreateReplyRequest, body)
    params = {"user_uuid": user_uuid, "parent_uuid": parent_uuid, "message": form.message}
    with idempotency_store.transaction(idempotency_key) as conn:
        row = db.query_one("activities/create_reply", params, conn)
        if row is None:
            raise NotFound("activity_not_found")
        idempotency_store.keep(idempotency_key, 201, row["reply"], conn)
    if row["notified_uuid"]:
        announce_notification(row["notified_uuid"])
    return row["reply"]
