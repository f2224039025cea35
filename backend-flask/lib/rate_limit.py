"""Rate limits with the `limits` library: fixed windows, counted in each
process's memory, per client address and per account where a request names
one. Only the routes that carry a limit look at it, so the reads, which have
none, pay nothing for it."""

from functools import wraps

from flask import current_app, request
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import FixedWindowRateLimiter

from lib.errors import ApiError

storage = MemoryStorage()
windows = FixedWindowRateLimiter(storage)


def client_key() -> str:
    """The caller's address (behind the load balancer, ProxyFix has set it)."""
    return request.remote_addr or "unknown"


def account_key() -> str:
    """The account a request is about: its email, else the client address."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"account:{email.strip().lower()}" if isinstance(email, str) and email.strip() else client_key()


def limited(setting: str, *keys):
    """A route decorator: 429 `rate_limited` once any key has used up the
    limit that the setting names (e.g. "10/minute") for this route."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            limit = parse(getattr(current_app.config["SETTINGS"], setting))
            for key in keys:
                if not windows.hit(limit, request.endpoint, key.__name__, key()):
                    raise ApiError(429, "rate_limited")
            return view(*args, **kwargs)

        return wrapper

    return decorate


# Sign-in and sign-up: per client and per account.
limit_auth = limited("auth_rate_limit", client_key, account_key)
# Posting, replying, liking, reposting, messages, profile changes: per client.
limit_writes = limited("write_rate_limit", client_key)
