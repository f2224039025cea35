"""Makes the users row for a confirmed identity. The one way a user comes to
exist: the local provider's confirm step and Cognito's post-confirmation
trigger both call it."""

from lib.db import db
from lib.errors import IntegrityFailed, ValidationFailed

CONSTRAINT_CODES = {
    "users_handle_lower_key": "handle_taken",
    "users_email_lower_key": "email_taken",
    "users_handle_check": "handle_invalid",
    "users_email_check": "email_invalid",
    "users_display_name_check": "display_name_invalid",
}


def create_user(cognito_user_id: str, handle: str, email: str, display_name: str, conn=None) -> dict:
    """The user's row, created if it does not exist yet (idempotent)."""
    params = {"cognito_user_id": cognito_user_id, "handle": handle, "email": email, "display_name": display_name}
    try:
        db.execute("users/create", params, conn)
    except IntegrityFailed as error:
        code = CONSTRAINT_CODES.get(error.constraint)
        if code is None:
            raise
        raise ValidationFailed([code]) from error
    return db.query_one("users/by_cognito_user_id", {"cognito_user_id": cognito_user_id}, conn)
