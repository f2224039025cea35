"""Sign in, refresh the access token, sign out (local provider)."""

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

REFRESH_TOKEN_SECONDS = 30 * 24 * 3600


class SignInRequest(RequestModel):
    email: Email
    password: Password


@dataclass(frozen=True)
class Session:
    access_token: str
    expires_in: int
    refresh_token: str | None = None

    def body(self) -> dict:
        return {"access_token": self.access_token, "expires_in": self.expires_in, "token_type": "Bearer"}


def sign_in(body, signer: LocalSigner) -> Session:
    form = parse(SignInRequest, body)
    identity = db.query_one("local_auth/identity_by_email", {"email": form.email})
    password_hash = identity["password_hash"] if identity else None
    if not password_matches(password_hash, form.password):
        raise ApiError(401, "invalid_credentials")
    if not identity["confirmed"]:
        raise ApiError(403, "user_not_confirmed")
    if password_hasher.check_needs_rehash(password_hash):
        db.execute("local_auth/set_password", {"sub": identity["sub"], "password_hash": hash_password(form.password)})
    refresh_token, token_hash = new_refresh_token()
    db.execute(
        "local_auth/create_refresh_token",
        {"token_hash": token_hash, "sub": identity["sub"], "seconds": REFRESH_TOKEN_SECONDS},
    )
    access_token = signer.access_token(identity["sub"], identity["handle"])
    return Session(access_token, signer.lifetime_seconds, refresh_token)


def refresh_session(refresh_token: str | None, signer: LocalSigner) -> Session:
    found = None
    if refresh_token:
        found = db.query_one("local_auth/live_refresh_token", {"token_hash": refresh_token_hash(refresh_token)})
    if found is None:
        raise ApiError(401, "refresh_token_invalid")
    return Session(signer.access_token(found["sub"], found["handle"]), signer.lifetime_seconds)


def sign_out(refresh_token: str | None):
    if refresh_token:
        db.execute("local_auth/revoke_refresh_token", {"token_hash": refresh_token_hash(refresh_token)})
