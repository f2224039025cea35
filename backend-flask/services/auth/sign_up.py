"""Sign up with the local provider, and ask for another confirmation code."""

import psycopg

from lib.db import db
from lib.errors import ValidationFailed
from lib.local_identity import hash_password
from lib.validation import RequestModel, parse
from services.auth.codes import issue_code
from services.auth.fields import DisplayName, Email, Handle, NewPassword

UNIQUE_CODES = {
    "local_identities_email_lower_key": "email_taken",
    "local_identities_handle_lower_key": "handle_taken",
}


class SignUpRequest(RequestModel):
    email: Email
    handle: Handle
    display_name: DisplayName
    password: NewPassword


class EmailRequest(RequestModel):
    email: Email


def sign_up(body, keep_in_outbox: bool) -> dict:
    form = parse(SignUpRequest, body)
    taken = []
    if db.query_one("local_auth/identity_by_email", {"email": form.email}):
        taken.append("email_taken")
    if db.query_value("users/handle_taken", {"handle": form.handle}):
        taken.append("handle_taken")
    if taken:
        raise ValidationFailed(taken)
    password_hash = hash_password(form.password)
    try:
        with db.transaction() as conn:
            params = form.model_dump(exclude={"password"}) | {"password_hash": password_hash}
            sub = db.query_value("local_auth/create_identity", params, conn)
            issue_code({"sub": sub, "email": form.email}, "confirm", keep_in_outbox, conn)
    except psycopg.errors.UniqueViolation as error:  # lost a race with another sign-up
        raise ValidationFailed([UNIQUE_CODES.get(error.diag.constraint_name, "email_taken")]) from error
    return {"email": form.email, "confirmation_required": True}


def resend_code(body, keep_in_outbox: bool) -> dict:
    """Always answers the same, so that it does not reveal who has an account."""
    form = parse(EmailRequest, body)
    identity = db.query_one("local_auth/identity_by_email", {"email": form.email})
    if identity and not identity["confirmed"]:
        issue_code(identity, "confirm", keep_in_outbox)
    return {"email": form.email}
