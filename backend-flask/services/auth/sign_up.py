"""Sign up with the local provider, and ask for another confirmation code.

A sign-up waits a day for its code. Signing up again with the same email
replaces a pending one (new password, new code); after its day a pending
sign-up no longer holds its handle either."""

from lib.db import db
from lib.errors import IntegrityFailed, ValidationFailed
from lib.local_identity import hash_password
from lib.validation import RequestModel, parse
from services.auth.codes import issue_code
from services.auth.fields import DisplayName, Email, Handle, NewPassword
from services.auth.identities import PENDING_SECONDS, find_identity

UNIQUE_CODES = {
    "local_identities_email_key": "email_taken",
    "local_identities_handle_lower_key": "handle_taken",
}


class SignUpRequest(RequestModel):
    email: Email
    handle: Handle
    display_name: DisplayName
    password: NewPassword


class EmailRequest(RequestModel):
    email: Email


def sign_up(body, env: str) -> dict:
    form = parse(SignUpRequest, body)
    pending = {"email": form.email, "handle": form.handle, "pending_seconds": PENDING_SECONDS}
    taken = []
    identity = find_identity(form.email)
    if identity and identity["confirmed"]:
        taken.append("email_taken")
    if db.query_value("local_auth/handle_held", pending):
        taken.append("handle_taken")
    if taken:
        raise ValidationFailed(taken)
    password_hash = hash_password(form.password)
    try:
        with db.transaction() as conn:
            db.execute("local_auth/free_pending", pending, conn)
            params = form.model_dump(exclude={"password"}) | {"password_hash": password_hash}
            sub = db.query_value("local_auth/create_identity", params, conn)
            issue_code({"sub": sub, "email": form.email}, "confirm", env, conn)
    except IntegrityFailed as error:  # lost a race with another sign-up
        raise ValidationFailed([UNIQUE_CODES.get(error.constraint, "email_taken")]) from error
    return {"email": form.email, "confirmation_required": True}


def resend_code(body, env: str) -> dict:
    """Always answers the same, so that it does not reveal who has an account."""
    form = parse(EmailRequest, body)
    identity = find_identity(form.email)
    if identity and not identity["confirmed"]:
        issue_code(identity, "confirm", env)
    return {"email": form.email}
