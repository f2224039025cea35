"""The local identity provider's parts: its signing key and JWKS, the access
tokens it issues (Cognito's claim shape), password hashing, and one-time codes.

The signing key lives under DATA_DIR/keys and is made on first use; all
processes share it, so whichever creates it first wins and the others read it.
"""

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
import uuid
from pathlib import Path

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_FILE = "local-idp-signing-key.pem"

password_hasher = PasswordHasher()
# Compared against when an account does not exist, so that a wrong email
# takes as long as a wrong password.
_DUMMY_HASH = password_hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return password_hasher.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    try:
        password_hasher.verify(password_hash or _DUMMY_HASH, password)
    except (VerifyMismatchError, InvalidHashError):
        return False
    return password_hash is not None


def new_code() -> str:
    """A six-digit one-time code."""
    return f"{secrets.randbelow(1_000_000):06d}"


def code_hash(sub, code: str) -> str:
    return hmac.new(str(sub).encode(), code.encode(), hashlib.sha256).hexdigest()


def new_refresh_token() -> tuple[str, str]:
    """A refresh token and the hash we keep of it."""
    token = secrets.token_urlsafe(32)
    return token, refresh_token_hash(token)


def refresh_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _b64url(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def load_or_create_key(data_dir: Path) -> rsa.RSAPrivateKey:
    key_dir = Path(data_dir) / "keys"
    path = key_dir / KEY_FILE
    if not path.exists():
        key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        candidate = key_dir / f".{KEY_FILE}.{os.getpid()}"
        candidate.write_bytes(pem)
        candidate.chmod(0o600)
        try:
            os.link(candidate, path)  # atomic: fails if another process got there first
        except FileExistsError:
            pass
        finally:
            candidate.unlink()
    return serialization.load_pem_private_key(path.read_bytes(), password=None)


class LocalSigner:
    """Signs access tokens with the local key and publishes its JWKS."""

    def __init__(self, key: rsa.RSAPrivateKey, issuer: str, client_id: str, lifetime_seconds: int):
        self.key = key
        self.issuer = issuer
        self.client_id = client_id
        self.lifetime_seconds = lifetime_seconds
        numbers = key.public_key().public_numbers()
        public = {"e": _b64url(numbers.e), "kty": "RSA", "n": _b64url(numbers.n)}
        # RFC 7638 thumbprint as the key id.
        thumbprint = hashlib.sha256(json.dumps(public, separators=(",", ":"), sort_keys=True).encode()).digest()
        self.kid = base64.urlsafe_b64encode(thumbprint).rstrip(b"=").decode()
        self.public_jwk = {**public, "kid": self.kid, "alg": "RS256", "use": "sig"}

    def jwks(self) -> dict:
        return {"keys": [self.public_jwk]}

    def access_token(self, sub, username: str) -> str:
        # `iat` to the millisecond (a NumericDate may have a fraction): a token
        # issued right after a sign-out in the same second still works.
        now = time.time()
        claims = {
            "sub": str(sub),
            "iss": self.issuer,
            "client_id": self.client_id,
            "token_use": "access",
            "scope": "aws.cognito.signin.user.admin",
            "username": username,
            "auth_time": int(now),
            "iat": round(now, 3),
            "exp": int(now) + self.lifetime_seconds,
            "jti": str(uuid.uuid4()),
        }
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})


def local_signer(settings) -> LocalSigner:
    """The local provider's signer, with the key every process shares."""
    return LocalSigner(
        load_or_create_key(settings.data_dir),
        issuer=settings.backend_url,
        client_id=settings.local_client_id,
        lifetime_seconds=settings.access_token_seconds,
    )
