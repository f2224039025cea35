"""Rate limits with the `limits` library's fixed windows, counted in PostgreSQL
so that every worker and every task shares them (an UNLOGGED table, one
statement per hit). Only the routes that carry a limit look at it, so the
reads, which have none, pay nothing for it.

Answers of a limited route carry the window's state as GitHub and Mastodon
send it (`X-RateLimit-*`, and the IETF draft's `RateLimit-*`); a refusal is a
429 with `Retry-After`."""

import math
import time
from dataclasses import dataclass
from functools import wraps

import psycopg
from flask import current_app, g, request
from limits import RateLimitItem, parse
from limits.storage import Storage
from limits.strategies import FixedWindowRateLimiter

from lib.db import db
from lib.errors import ApiError
from lib.validation import normalize_email


@dataclass(frozen=True)
class Window:
    hits: int
    expires_at: float  # epoch seconds


class PostgresStorage(Storage):
    """`limits`' storage interface over the rate_limit_windows table (migration 0007)."""

    STORAGE_SCHEME = ["cruddur+postgresql"]

    @property
    def base_exceptions(self):
        return (psycopg.Error,)

    def hit(self, key: str, expiry: int, amount: int = 1) -> Window:
        row = db.query_one("rate_limits/hit", {"key": key, "expiry": expiry, "amount": amount})
        return Window(row["hits"], row["expires_at"])

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self.hit(key, expiry, amount).hits

    def get(self, key: str) -> int:
        row = db.query_one("rate_limits/window", {"key": key})
        return row["hits"] if row else 0

    def get_expiry(self, key: str) -> float:
        row = db.query_one("rate_limits/window", {"key": key})
        return row["expires_at"] if row else time.time()

    def check(self) -> bool:
        return db.ping()

    def reset(self) -> int | None:
        return db.execute("rate_limits/clear_all")

    def clear(self, key: str) -> None:
        db.execute("rate_limits/clear", {"key": key})


class CountingFixedWindow(FixedWindowRateLimiter):
    """The library's fixed window, with the window's count and end from the
    same statement as the hit (get_window_stats would cost two more)."""

    def hit_window(self, item: RateLimitItem, *identifiers: str) -> tuple[bool, Window]:
        window = self.storage.hit(item.key_for(*identifiers), item.get_expiry())
        return window.hits <= item.amount, window


storage = PostgresStorage()
windows = CountingFixedWindow(storage)


@dataclass(frozen=True)
class Quota:
    """What is left of one window."""

    amount: int
    remaining: int
    expires_at: float

    def headers(self, refused: bool = False) -> dict[str, str]:
        reset_in = max(0, math.ceil(self.expires_at - time.time()))
        headers = {
            "X-RateLimit-Limit": str(self.amount),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(math.ceil(self.expires_at)),
            "RateLimit-Limit": str(self.amount),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(reset_in),
        }
        if refused:
            headers["Retry-After"] = str(max(1, reset_in))
        return headers


def take(limit_text: str, *identifiers: str, code: str = "rate_limited") -> Quota:
    """One hit on the window of `limit_text` (e.g. "10/minute") for these
    identifiers. Raises a 429 `code` with the window's headers once it is used up."""
    limit = parse(limit_text)
    allowed, window = windows.hit_window(limit, *identifiers)
    quota = Quota(limit.amount, max(0, limit.amount - window.hits), window.expires_at)
    if not allowed:
        raise ApiError(429, code, headers=quota.headers(refused=True))
    return quota


def used_up(limit_text: str, *identifiers: str) -> bool:
    """Whether the window has nothing left, without counting a hit."""
    return not windows.test(parse(limit_text), *identifiers)


def refuse_if_used_up(limit_text: str, *identifiers: str, code: str = "rate_limited"):
    """A 429 `code` when the window has nothing left; counts no hit (see `count`)."""
    limit = parse(limit_text)
    stats = windows.get_window_stats(limit, *identifiers)
    if stats.remaining <= 0:
        raise ApiError(429, code, headers=Quota(limit.amount, 0, stats.reset_time).headers(refused=True))


def count(limit_text: str, *identifiers: str):
    """Counts a hit on the window, refusing nothing (for windows of failures)."""
    windows.hit(parse(limit_text), *identifiers)


def client_key() -> str:
    """The caller's address (behind the load balancer, ProxyFix has set it)."""
    return request.remote_addr or "unknown"


def by_address() -> tuple[str, ...]:
    return ("address", client_key())


def by_account_and_address() -> tuple[str, ...] | None:
    """The account a request names (its email) together with the address it
    comes from: a stranger's tries cannot use up the window of the account's
    owner. None when the request names no account."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str) or not email.strip() or "\x00" in email or len(email) > 254:
        return None  # not an account: the request fails validation
    return ("account", normalize_email(email), client_key())


def _add_headers(response):
    quota = g.get("rate_limit_quota")
    if quota is not None and response.status_code != 429:
        response.headers.update(quota.headers())
    return response


def init_app(app):
    app.after_request(_add_headers)


def limited(setting: str, *keys):
    """A route decorator: 429 `rate_limited` once any of the keys has used up,
    on this route, the limit that the setting names. The answer reports the
    window with the least left."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            limit_text = getattr(current_app.config["SETTINGS"], setting)
            for key in keys:
                identifiers = key()
                if identifiers is not None:
                    quota = take(limit_text, request.endpoint, *identifiers)
                    if g.get("rate_limit_quota") is None or quota.remaining < g.rate_limit_quota.remaining:
                        g.rate_limit_quota = quota
            return view(*args, **kwargs)

        return wrapper

    return decorate


# Sign-up, sign-in, refresh and the code routes (services/auth/throttles.py adds per-account windows).
limit_auth = limited("auth_rate_limit", by_address, by_account_and_address)
# Posting, replying, liking, reposting, messages, profile changes.
limit_writes = limited("write_rate_limit", by_address)
