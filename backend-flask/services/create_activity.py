"""Post a crud."""

from lib.db import db
from lib.validation import RequestModel, parse
from services.activity_rules import TTL_LIFETIMES, Message, Ttl


class CreateActivityRequest(RequestModel):
    message: Message
    ttl: Ttl


def create_activity(user_uuid, body) -> str:
    """The new crud as JSON text."""
    form = parse(CreateActivityRequest, body)
    params = {"user_uuid": user_uuid, "message": form.message, "ttl": form.ttl, "lifetime": TTL_LIFETIMES[form.ttl]}
    return db.query_value("activities/create", params)
