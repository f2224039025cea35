"""Tickets to open a live stream with: a browser's EventSource cannot send
the Authorization header, so a signed-in page asks the API for a ticket and
puts it in the stream's URL. A ticket is good once, for 30 seconds; only its
hash is kept."""

import hashlib
import secrets

from lib.db import db
from lib.errors import ApiError
from services.callers import Caller

LIFETIME_SECONDS = 30


def ticket_hash(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


def issue(caller: Caller) -> dict:
    """A new ticket for the caller's session (checked already)."""
    ticket = secrets.token_urlsafe(32)
    db.execute(
        "stream/issue_ticket",
        {
            "ticket_hash": ticket_hash(ticket),
            "cognito_user_id": caller.claims["sub"],
            "token_issued_at": caller.claims["iat"],
            "token_expires_at": caller.claims["exp"],
            "lifetime": LIFETIME_SECONDS,
        },
    )
    return {"ticket": ticket, "expires_in": LIFETIME_SECONDS}


def redeem(ticket: str) -> Caller:
    """The caller a ticket was issued to, checked as any request's caller is
    (sessions ended since, suspended, gone); 401 `ticket_invalid` for a ticket
    expired, used already, or never issued."""
    row = db.query_one("stream/redeem_ticket", {"ticket_hash": ticket_hash(ticket)})
    if row is None or not row["fresh"]:
        raise ApiError(401, "ticket_invalid")
    claims = {"sub": row["cognito_user_id"], "iat": row["token_issued_at"], "exp": row["token_expires_at"]}
    return Caller(claims).check()
