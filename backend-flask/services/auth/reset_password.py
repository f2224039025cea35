"""Forgot password (send a code) and reset password (with that code)."""

from lib.db import db
from lib.errors import ApiError
from lib.local_identity import hash_password
from lib.validation import RequestModel, parse
from services.auth.codes import issue_code, spend_code, wrong_code
from services.auth.fields import Code, Email, NewPassword
from services.auth.identities import find_identity
from services.auth.sign_up import EmailRequest
from services.sessions import end_sessions


class ResetRequest(RequestModel):
    email: Email
    code: Code
    password: NewPassword


def forgot_password(body, env: str) -> dict:
    """Always answers the same, so that it does not reveal who has an account."""
    form = parse(EmailRequest, body)
    identity = find_identity(form.email)
    if identity and identity["confirmed"]:
        issue_code(identity, "reset", env)
    return {"email": form.email}


def reset_password(body) -> dict:
    form = parse(ResetRequest, body)
    identity = find_identity(form.email)
    if identity is None or not identity["confirmed"]:
        raise ApiError(400, "code_expired")
    password_hash = hash_password(form.password)
    with db.transaction() as conn:
        right = spend_code(identity, "reset", form.code, conn)
        if right:
            db.execute("local_auth/set_password", {"sub": identity["sub"], "password_hash": password_hash}, conn)
            # Every session signed in with the old password ends, its access tokens too.
            db.execute("local_auth/revoke_all_refresh_tokens", {"sub": identity["sub"]}, conn)
            end_sessions(identity["sub"], conn)
    if not right:
        raise wrong_code()
    return {"email": form.email}
