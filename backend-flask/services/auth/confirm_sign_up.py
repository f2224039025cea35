"""Confirm a local sign-up with its code; the identity becomes a user."""

from lib.db import db
from lib.errors import ApiError
from lib.validation import RequestModel, parse
from services.auth.codes import spend_code, wrong_code
from services.auth.fields import Code, Email
from services.auth.identities import find_identity
from services.create_user import create_user


class ConfirmRequest(RequestModel):
    email: Email
    code: Code


def confirm_sign_up(body) -> dict:
    form = parse(ConfirmRequest, body)
    identity = find_identity(form.email)
    if identity is None:
        raise ApiError(400, "code_expired")
    if identity["confirmed"]:
        raise ApiError(409, "already_confirmed")
    with db.transaction() as conn:
        right = spend_code(identity, "confirm", form.code, conn)
        if right:
            db.execute("local_auth/confirm_identity", {"sub": identity["sub"]}, conn)
            user = create_user(
                str(identity["sub"]), identity["handle"], identity["email"], identity["display_name"], conn
            )
    if not right:
        raise wrong_code()
    return {"confirmed": True, "handle": user["handle"]}
