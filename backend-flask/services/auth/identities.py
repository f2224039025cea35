"""The local provider's identities: a confirmed one, or a sign-up still
within the day it has to be confirmed in. A sign-up past its day is as good
as gone (bin/db/purge-expired deletes it): its email and handle are free."""

from lib.db import db

PENDING_SECONDS = 24 * 3600


def find_identity(email: str) -> dict | None:
    """The identity of a normalised email, unless it is a sign-up past its day."""
    return db.query_one("local_auth/identity_by_email", {"email": email, "pending_seconds": PENDING_SECONDS})
