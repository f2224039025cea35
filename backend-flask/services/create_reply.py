"""Reply to a live crud; the reply expires with it."""

from lib.db import db
from lib.errors import NotFound
from lib.validation import RequestModel, parse
from services.activity_rules import Message


class CreateReplyRequest(RequestModel):
    message: Message


def create_reply(user_uuid, parent_uuid, body) -> str:
    """The new reply as JSON text; 404 when the crud is unknown or expired."""
    form = parse(CreateReplyRequest, body)
    params = {"user_uuid": user_uuid, "parent_uuid": parent_uuid, "message": form.message}
    reply = db.query_value("activities/create_reply", params)
    if reply is None:
        raise NotFound("activity_not_found")
    return reply
