"""Development only: the codes the local provider would have emailed."""

from lib.db import db
from lib.validation import RequestModel, parse
from services.auth.fields import Email


class OutboxQuery(RequestModel):
    email: Email


def dev_outbox(query) -> str:
    """The recent codes for an email, newest first, as JSON text."""
    form = parse(OutboxQuery, query)
    return db.query_value("local_auth/outbox_for_email", {"email": form.email})
