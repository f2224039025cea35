"""Access-token verification: what gets a 401 and why, and the JWKS cache."""

import base64
import hashlib
import hmac
import json
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from lib.cognito_jwt_token import REFETCH_INTERVAL_SECONDS, JwksCache, VerifiedTokens


@pytest.fixture
def signer(app):
    return app.extensions["local_signer"]


@pytest.fixture
def user(make_user):
    return make_user(handle="verified")


def claims_for(user, signer, **changes):
    now = int(time.time())
    claims = {
        "sub": user["sub"],
        "iss": signer.issuer,
        "client_id": signer.client_id,
        "token_use": "access",
        "username": user["handle"],
        "iat": now,
        "exp": now + 600,
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def sign(claims, key, kid):
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hs256_with_public_key(claims, signer) -> str:
    """The classic confusion attack: HMAC-sign with the RSA public key as the secret."""
    secret = signer.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": signer.kid}).encode())
    body = b64(json.dumps(claims).encode())
    mac = hmac.new(secret, f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(mac)}"


def unsigned(claims, signer) -> str:
    head = b64(json.dumps({"alg": "none", "typ": "JWT", "kid": signer.kid}).encode())
    return f"{head}.{b64(json.dumps(claims).encode())}."


def test_a_valid_token_gets_the_callers_row(client, user, signer):
    token = sign(claims_for(user, signer), signer.key, signer.kid)
    response = client.get("/api/profile", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert (response.json["uuid"], response.json["handle"]) == (str(user["uuid"]), "verified")


@pytest.mark.parametrize(
    ("make_header", "code"),
    [
        (lambda user, signer: None, "token_missing"),
        (lambda user, signer: "Basic dXNlcjpwYXNz", "token_scheme_invalid"),
        (lambda user, signer: "Bearer", "token_scheme_invalid"),
        (lambda user, signer: "Bearer not.a.jwt", "token_malformed"),
        (lambda user, signer: f"Bearer {unsigned(claims_for(user, signer), signer)}", "token_algorithm_invalid"),
        (
            lambda user, signer: f"Bearer {hs256_with_public_key(claims_for(user, signer), signer)}",
            "token_algorithm_invalid",
        ),
        (
            lambda user, signer: (
                "Bearer "
                + sign(
                    claims_for(user, signer), rsa.generate_private_key(public_exponent=65537, key_size=2048), "other"
                )
            ),
            "token_key_unknown",
        ),
        (
            lambda user, signer: (
                "Bearer "
                + sign(
                    claims_for(user, signer), rsa.generate_private_key(public_exponent=65537, key_size=2048), signer.kid
                )
            ),
            "token_invalid",
        ),
        (
            lambda user, signer: (
                "Bearer " + sign(claims_for(user, signer, exp=int(time.time()) - 120), signer.key, signer.kid)
            ),
            "token_expired",
        ),
        (
            lambda user, signer: (
                "Bearer " + sign(claims_for(user, signer, iss="https://issuer.example"), signer.key, signer.kid)
            ),
            "token_issuer_invalid",
        ),
        (
            lambda user, signer: (
                "Bearer " + sign(claims_for(user, signer, client_id="someone-else"), signer.key, signer.kid)
            ),
            "token_client_invalid",
        ),
        (
            lambda user, signer: (
                "Bearer "
                + sign(
                    claims_for(user, signer, token_use="id", client_id=None, aud=signer.client_id),
                    signer.key,
                    signer.kid,
                )
            ),
            "token_use_invalid",
        ),
        (
            lambda user, signer: (
                "Bearer " + sign(claims_for(user, signer, sub=str(uuid.uuid4())), signer.key, signer.kid)
            ),
            "user_unknown",
        ),
    ],
    ids=[
        "no-header",
        "wrong-scheme",
        "empty-bearer",
        "garbage",
        "alg-none",
        "hs256-with-public-key",
        "unknown-kid",
        "forged-signature",
        "expired",
        "wrong-iss",
        "wrong-client-id",
        "id-token",
        "no-user-row",
    ],
)
def test_rejected_with_401_and_a_code(client, user, signer, make_header, code):
    header = make_header(user, signer)
    response = client.get("/api/profile", headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json == {"errors": [code]}


def test_small_clock_skew_is_tolerated(client, user, signer):
    token = sign(claims_for(user, signer, exp=int(time.time()) - 10), signer.key, signer.kid)
    assert client.get("/api/profile", headers={"Authorization": f"Bearer {token}"}).status_code == 200


class FakeJwks:
    def __init__(self, keys):
        self.keys = keys
        self.fetches = 0
        self.failing = False
        self.now = 1000.0

    def fetch(self):
        self.fetches += 1
        if self.failing:
            raise ConnectionError("JWKS down")
        return {"keys": self.keys}


@pytest.fixture
def jwks(signer):
    return FakeJwks([signer.public_jwk])


def test_jwks_is_fetched_once_for_known_keys(jwks, signer):
    cache = JwksCache(jwks.fetch, clock=lambda: jwks.now)
    for _ in range(5):
        assert cache.key(signer.kid) is not None
    assert jwks.fetches == 1


def test_unknown_kid_refetches_at_most_once_a_minute(jwks, signer):
    cache = JwksCache(jwks.fetch, clock=lambda: jwks.now)
    cache.key(signer.kid)
    for _ in range(20):
        assert cache.key("rotated-in") is None
    assert jwks.fetches == 1
    jwks.now += REFETCH_INTERVAL_SECONDS
    assert cache.key("rotated-in") is None
    assert jwks.fetches == 2


def test_jwks_outage_keeps_cached_keys(jwks, signer):
    cache = JwksCache(jwks.fetch, clock=lambda: jwks.now)
    cache.key(signer.kid)
    jwks.failing = True
    jwks.now += REFETCH_INTERVAL_SECONDS
    assert cache.key("unknown") is None
    assert cache.last_fetch_failed
    assert cache.key(signer.kid) is not None, "the cached key still verifies"


def test_verified_tokens_are_remembered_for_a_minute_at_most(user, signer):
    now = [1000.0]
    cache = VerifiedTokens(clock=lambda: now[0])
    cache.put("token-a", expires_at=5000.0, claims={"handle": "a"})
    cache.put("token-b", expires_at=1010.0, claims={"handle": "b"})
    assert cache.get("token-a") == {"handle": "a"}
    now[0] = 1011.0
    assert cache.get("token-b") is None, "never past the token's expiry"
    assert cache.get("token-a") == {"handle": "a"}
    now[0] = 1061.0
    assert cache.get("token-a") is None, "a minute at most"


def test_a_remembered_token_skips_verification(client, app, user, signer, monkeypatch):
    token = sign(claims_for(user, signer), signer.key, signer.kid)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/profile", headers=headers).status_code == 200
    calls = []
    verifier = app.extensions["token_verifier"]
    monkeypatch.setattr(verifier, "verify", lambda t: calls.append(t))
    assert client.get("/api/profile", headers=headers).status_code == 200
    assert calls == []
