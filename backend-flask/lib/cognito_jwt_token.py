"""Verification of Cognito-shaped access tokens, and the decorators that
give a route its caller.

Tokens are RS256 JWTs checked against a JWKS: the user pool's with Cognito,
the API's own with the local provider. The JWKS is fetched once and cached;
an unknown `kid` refetches it at most once a minute, so a warm process makes
no outbound call on the request path, and a JWKS outage does not affect
tokens whose key is cached.
"""

import logging
import threading
import time
from collections.abc import Callable, Mapping
from functools import wraps

import jwt
import requests
from flask import current_app, g, request

from lib.db import db
from lib.errors import ApiError

log = logging.getLogger(__name__)

LEEWAY_SECONDS = 30
REFETCH_INTERVAL_SECONDS = 60


class TokenRejected(ApiError):
    def __init__(self, code: str):
        super().__init__(401, code)


class JwksCache:
    """Signing keys by `kid`, from a JWKS that `fetch` returns as a dict."""

    def __init__(self, fetch: Callable[[], dict], clock: Callable[[], float] = time.monotonic):
        self._fetch = fetch
        self._clock = clock
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at: float | None = None
        self._lock = threading.Lock()
        self.last_fetch_failed = False

    def key(self, kid: str | None):
        """The key for `kid`, or None when the JWKS does not have it."""
        if kid in self._keys:
            return self._keys[kid]
        with self._lock:
            if kid not in self._keys and self._may_refetch():
                self._refetch()
        return self._keys.get(kid)

    def _may_refetch(self) -> bool:
        return self._fetched_at is None or self._clock() - self._fetched_at >= REFETCH_INTERVAL_SECONDS

    def _refetch(self):
        self._fetched_at = self._clock()
        try:
            document = self._fetch()
            keys = {
                jwk["kid"]: jwt.PyJWK(jwk, algorithm="RS256")
                for jwk in document.get("keys", [])
                if jwk.get("kty") == "RSA" and jwk.get("kid")
            }
        except Exception:  # a JWKS outage must not break requests whose key is cached
            log.warning("could not fetch the JWKS; keeping %d cached key(s)", len(self._keys), exc_info=True)
            self.last_fetch_failed = True
            return
        self.last_fetch_failed = False
        self._keys = keys


def http_jwks(url: str) -> Callable[[], dict]:
    def fetch() -> dict:
        response = requests.get(url, timeout=3)
        response.raise_for_status()
        return response.json()

    return fetch


class TokenVerifier:
    def __init__(self, issuer: str, client_id: str, jwks: JwksCache):
        self.issuer = issuer
        self.client_id = client_id
        self.jwks = jwks

    def verify(self, token: str) -> dict:
        """The claims of a valid access token; TokenRejected otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise TokenRejected("token_malformed") from None
        if header.get("alg") != "RS256":
            raise TokenRejected("token_algorithm_invalid")
        key = self.jwks.key(header.get("kid"))
        if key is None:
            if self.jwks.last_fetch_failed:
                raise ApiError(503, "identity_provider_unavailable")
            raise TokenRejected("token_key_unknown")
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "sub", "token_use"], "verify_aud": False},
            )
        except jwt.ExpiredSignatureError:
            raise TokenRejected("token_expired") from None
        except jwt.InvalidIssuerError:
            raise TokenRejected("token_issuer_invalid") from None
        except jwt.PyJWTError:
            raise TokenRejected("token_invalid") from None
        if claims["token_use"] != "access":  # noqa: S105 (a claim value, not a password)
            raise TokenRejected("token_use_invalid")
        if claims.get("client_id") != self.client_id:
            raise TokenRejected("token_client_invalid")
        return claims


def bearer_token() -> str | None:
    """The token of the Authorization header; None when there is no header."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenRejected("token_scheme_invalid")
    return token.strip()


class VerifiedTokens:
    """Claims of tokens already verified, remembered for up to a minute (never
    past the token's expiry), so that a session's repeated requests skip the
    signature check. Whether the token has been revoked since is asked on
    every request. A process keeps at most MAX_ENTRIES."""

    SECONDS = 60
    MAX_ENTRIES = 10_000

    def __init__(self, clock: Callable[[], float] = time.time):
        self._entries: dict[str, tuple[float, dict]] = {}
        self._clock = clock

    def get(self, token: str) -> dict | None:
        entry = self._entries.get(token)
        if entry is None:
            return None
        if entry[0] <= self._clock():
            self._entries.pop(token, None)
            return None
        return entry[1]

    def put(self, token: str, expires_at: float, claims: dict):
        if len(self._entries) >= self.MAX_ENTRIES:
            self._entries.clear()
        self._entries[token] = (min(expires_at, self._clock() + self.SECONDS), claims)


def verified_claims(token: str) -> dict:
    """The claims of a token whose signature, issuer, use and expiry are good."""
    verified = current_app.extensions["verified_tokens"]
    claims = verified.get(token)
    if claims is None:
        claims = current_app.extensions["token_verifier"].verify(token)
        verified.put(token, claims["exp"], claims)
    return claims


CALLER = "users/caller_by_cognito_user_id"
# Token subject -> users.uuid, as this process last read and checked it: a
# person's uuid never changes, so a read can use it before the check its own
# statement makes (Caller.known_uuid). Bounded like VerifiedTokens.
KNOWN_UUIDS: dict[str, object] = {}


class Caller(Mapping):
    """The person a verified token names, as their users row (uuid, handle,
    display_name), read from PostgreSQL once a request: by the read that
    carries it along (read_as), or else at the first look at it. Until then
    nothing is known of them, and the route decorators see to it that every
    request has it read and checked before it is answered."""

    def __init__(self, claims: dict):
        self.claims = claims
        self._row: dict | None = None
        self._rejected: str | None = None
        self._used_uuid = None  # what known_uuid() gave before the check

    def accept(self, row: dict | None):
        """Takes the users row read for the token: 401 `user_unknown` without
        one, `token_revoked` for a token issued before the person's sessions
        last ended."""
        person = dict(row) if row is not None else None
        ended_at = person.pop("sessions_ended_at") if person is not None else None
        if person is None:
            self._rejected = "user_unknown"
        elif ended_at is not None and self.claims["iat"] < ended_at:
            self._rejected = "token_revoked"
        elif self._used_uuid is not None and str(self._used_uuid) != str(person["uuid"]):
            self._rejected = "user_unknown"  # not the person this request has read for
        if self._rejected:
            KNOWN_UUIDS.pop(self.claims["sub"], None)
            raise TokenRejected(self._rejected)
        if len(KNOWN_UUIDS) >= VerifiedTokens.MAX_ENTRIES:
            KNOWN_UUIDS.clear()
        KNOWN_UUIDS[self.claims["sub"]] = person["uuid"]
        g.user_uuid = person["uuid"]  # for the request's log line and error reports
        self._row = person

    def check(self) -> "Caller":
        if self._rejected:
            raise TokenRejected(self._rejected)
        if self._row is None:
            self.accept(db.query_one(CALLER, {"cognito_user_id": self.claims["sub"]}))
        return self

    def known_uuid(self):
        """The person's uuid for a read that checks the caller in its own
        statement later (read_as): what this process found for the token's
        subject before, or else read and checked now. Nothing may be answered
        before that check."""
        if self._row is None and self.claims["sub"] in KNOWN_UUIDS:
            self._used_uuid = KNOWN_UUIDS[self.claims["sub"]]
            return self._used_uuid
        return self.check()._row["uuid"]

    def __getitem__(self, key):
        return self.check()._row[key]

    def __iter__(self):
        return iter(self.check()._row)

    def __len__(self):
        return len(self.check()._row)


def read_as(viewer: Caller | None, name: str, params: dict):
    """The value of the read `name` for `viewer` (None: nobody signed in), in
    one statement with the viewer's users row, which its SQL finds as `caller`
    (no row for nobody); the row is checked as Caller.accept says."""
    sub = viewer.claims["sub"] if viewer is not None else None
    value, row = db.query_value_beside(name, params | {"cognito_user_id": sub}, "caller", CALLER)
    if viewer is not None:
        viewer.accept(row)
    return value


def current_user_from(token: str) -> Caller:
    """The checked caller of a token."""
    return Caller(verified_claims(token)).check()


def answer_as(view, caller: Caller | None, args, kwargs):
    """Runs the view for `caller`. A write checks the caller first; a read
    (GET) may have its statement check them along, and whatever it did, the
    caller is checked before the answer goes: a bad token is a 401 whatever
    the view answered."""
    if caller is not None and request.method != "GET":
        caller.check()
    try:
        return view(*args, current_user=caller, **kwargs)
    finally:
        if caller is not None:
            caller.check()


def auth_required(view):
    """The view gets `current_user`, a Caller; 401 without a valid token."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        if token is None:
            raise TokenRejected("token_missing")
        return answer_as(view, Caller(verified_claims(token)), args, kwargs)

    return wrapper


def auth_optional(view):
    """Like auth_required, but anonymous callers get `current_user=None`.
    A token that is present must still be valid."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        caller = None if token is None else Caller(verified_claims(token))
        return answer_as(view, caller, args, kwargs)

    return wrapper


def cognito_issuer(region: str, user_pool_id: str) -> str:
    return f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def init_app(app, local_jwks: Callable[[], dict] | None = None):
    """Sets up the verifier: the local provider's own keys, or the Cognito pool's JWKS."""
    settings = app.config["SETTINGS"]
    if settings.auth_provider == "local":
        verifier = TokenVerifier(settings.backend_url, settings.local_client_id, JwksCache(local_jwks))
    else:
        issuer = cognito_issuer(settings.cognito_region, settings.aws_cognito_user_pool_id)
        jwks_url = settings.aws_cognito_jwks_url or f"{issuer}/.well-known/jwks.json"
        verifier = TokenVerifier(issuer, settings.aws_cognito_user_pool_client_id, JwksCache(http_jwks(jwks_url)))
    app.extensions["token_verifier"] = verifier
    app.extensions["verified_tokens"] = VerifiedTokens()
