"""Post a crud."""

import json

from lib import idempotency_store
from lib.db import db
from lib.idempotency_store import IdempotencyKey
from lib.validation import RequestModel, parse
from services.activity_rules import TTL_LIFETIMES, Message, Ttl
from services.live_events import announce_crud


class CreateActivityRequest(RequestModel):
    message: Message
    ttl: Ttl


def create_activity(user_uuid, body, idempotency_key: IdempotencyKey | None = None) -> str:
    """The new crud as JSON text (kept under the key, when there is one)."""
    form = parse(CreateActivityRequest, body)
    params = {"user_uuid": user_uuid, "message": form.message, "ttl": form.ttl, "lifetime": TTL_LIFETIMES[form.ttl]}
    with idempotency_store.transaction(idempotency_key) as conn:
        activity = db.query_value("activities/create", params, conn)
        idempotency_store.keep(idempotency_key, 201, activity, conn)
    announce_crud(user_uuid, json.loads(activity))
    return activity
