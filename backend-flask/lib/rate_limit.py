"""Rate limits (Flask-Limiter): per client address, and per account where a
request names one. Counters live in each process's memory."""

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri="memory://", default_limits=[])


def auth_limit() -> str:
    return current_app.config["SETTINGS"].auth_rate_limit


def account_key() -> str:
    """The account a request is about: its email, else the client address."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"account:{email.strip().lower()}" if isinstance(email, str) and email.strip() else get_remote_address()


def limit_auth(view):
    """Sign-in and sign-up: limited per client and per account."""
    per_client = limiter.limit(auth_limit)
    per_account = limiter.limit(auth_limit, key_func=account_key)
    return per_client(per_account(view))


def write_limit() -> str:
    return current_app.config["SETTINGS"].write_rate_limit


def limit_writes(view):
    """Posting, replying, liking, reposting: limited per client."""
    return limiter.limit(write_limit)(view)


def init_app(app):
    limiter.init_app(app)
