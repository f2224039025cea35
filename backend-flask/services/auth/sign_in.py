"""Sign in, refresh the access token, sign out (local provider).

A session is a family of refresh tokens: each refresh spends its token and
issues the next one, and a token spent twice ends its whole family, since
someone else holds a copy. (The web app's tabs take turns to refresh, so
they never spend one token twice.) Signing out ends the access tokens already
issued (services/sessions.py); `everywhere` ends every family too."""

import uuid
from dataclasses import dataclass

from lib.db import db
from lib.errors import ApiError
from lib.local_identity import (
    LocalSigner,
    hash_password,
    new_refresh_token,
    password_hasher,
    password_matches,
    refresh_token_hash,
)
from lib.validation import RequestModel, parse
from services.auth.fields import Email, Password
from services.auth.identities import find_identity
from services.auth.throttles import after_wrong_password, before_password_check
from services.sessions import end_sessions
from services.suspensions import refuse_sign_in_if_suspended

REFRESH_TOKEN_SECONDS = 30 * 24 * 3600


class SignInRequest(RequestModel):
    email: Email
    password: Password


@dataclass(frozen=True)
class Session:
    access_token: str
    expires_in: int
    refresh_token: str

    def body(self) -> dict:
        return {"access_token": self.access_token, "expires_in": self.expires_in, "token_type": "Bearer"}


def sign_in(body, signer: LocalSigner, address: str) -> Session:
    form = parse(SignInRequest, body)
    before_password_check(form.email, address)
    identity = find_identity(form.email)
    password_hash = identity["password_hash"] if identity else None
    if not password_matches(password_hash, form.password):
        after_wrong_password(form.email)
        raise ApiError(401, "invalid_credentials")
    if not identity["confirmed"]:
        raise ApiError(403, "user_not_confirmed")
    if password_hasher.check_needs_rehash(password_hash):
        db.execute("local_auth/set_password", {"sub": identity["sub"], "password_hash": hash_password(form.password)})
    return _next_session(signer, identity["sub"], identity["handle"], family=uuid.uuid4())


def refresh_session(refresh_token: str | None, signer: LocalSigner) -> Session:
    if not refresh_token:
        raise ApiError(401, "refresh_token_invalid")
    token_hash = refresh_token_hash(refresh_token)
    spent = db.query_one("local_auth/use_refresh_token", {"token_hash": token_hash})
    if spent is None:
        known = db.query_one("local_auth/family_of_refresh_token", {"token_hash": token_hash})
        if known is not None:  # used, revoked or expired: the family is not safe any more
            db.execute("local_auth/revoke_family", {"family": known["family"]})
        raise ApiError(401, "refresh_token_invalid")
    return _next_session(signer, spent["sub"], spent["handle"], family=spent["family"])


def sign_out(refresh_token: str | None, signed_in_sub: str | None, everywhere: bool):
    """Ends the session of the refresh token, and the access tokens issued so
    far. The person is known from the refresh token or from `signed_in_sub`
    (a valid access token); `everywhere` needs one of them."""
    sub = signed_in_sub
    if refresh_token:
        known = db.query_one("local_auth/family_of_refresh_token", {"token_hash": refresh_token_hash(refresh_token)})
        if known is not None:
            db.execute("local_auth/revoke_family", {"family": known["family"]})
            sub = sub or str(known["sub"])
    if sub is None:
        if everywhere:
            raise ApiError(401, "token_missing")
        return
    if everywhere:
        db.execute("local_auth/revoke_all_refresh_tokens", {"sub": sub})
    end_sessions(sub)


def _next_session(signer: LocalSigner, sub, handle: str, family) -> Session:
    refuse_sign_in_if_suspended(sub)
    refresh_token, token_hash = new_refresh_token()
    db.execute(
        "local_auth/create_refresh_token",
        {"token_hash": token_hash, "sub": sub, "family": family, "seconds": REFRESH_TOKEN_SECONDS},
    )
    return Session(signer.access_token(sub, handle), signer.lifetime_seconds, refresh_token)
