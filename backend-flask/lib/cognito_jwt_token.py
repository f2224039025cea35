"""Verification of Cognito-shaped access tokens.

Tokens are RS256 JWTs checked against a JWKS: the user pool's with Cognito,
the API's own with the local provider. The JWKS is fetched once and cached;
an unknown `kid` refetches it at most once a minute, so a warm process makes
no outbound call on the request path, and a JWKS outage does not affect
tokens whose key is cached.
"""

import logging
import threading
import time
from collections.abc import Callable

import jwt
import requests
from flask import current_app, request

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


def cognito_issuer(region: str, user_pool_id: str) -> str:
    return f"https://cognito-idp.{region}.amazonaws.com/{user_pool_id}"


def token_verifier(settings, local_jwks: Callable[[], dict] | None = None) -> TokenVerifier:
    """The verifier of the configured provider: the local one's own keys
    (`local_jwks`), or the Cognito pool's JWKS."""
    if settings.auth_provider == "local":
        return TokenVerifier(settings.backend_url, settings.local_client_id, JwksCache(local_jwks))
    issuer = cognito_issuer(settings.cognito_region, settings.aws_cognito_user_pool_id)
    jwks_url = settings.aws_cognito_jwks_url or f"{issuer}/.well-known/jwks.json"
    return TokenVerifier(issuer, settings.aws_cognito_user_pool_client_id, JwksCache(http_jwks(jwks_url)))


def init_app(app, local_jwks: Callable[[], dict] | None = None):
    app.extensions["token_verifier"] = token_verifier(app.config["SETTINGS"], local_jwks)
    app.extensions["verified_tokens"] = VerifiedTokens()
