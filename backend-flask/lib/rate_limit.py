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

    def hit_many(self, keys: list[str], expiry: int, amount: int = 1) -> dict[str, Window]:
        """One hit on each key's window, all in one statement."""
        rows = db.query_all("rate_limits/hit_many", {"keys": sorted(set(keys)), "expiry": expiry, "amount": amount})
        return {row["key"]: Window(row["hits"], row["expires_at"]) for row in rows}

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        return self.hit_many([key], expiry, amount)[key].hits

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
    """The library's fixed window, hitting all of a request's windows of one
    limit in one statement, with each window's count and end (get_window_stats
    would cost two more statements a window)."""

    def hit_windows(self, item: RateLimitItem, *identifier_sets: tuple[str, ...]) -> list[Window]:
        keys = [item.key_for(*identifiers) for identifiers in identifier_sets]
        found = self.storage.hit_many(keys, item.get_expiry())
        return [found[key] for key in keys]


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


def take_all(limit_text: str, *identifier_sets: tuple[str, ...], code: str = "rate_limited") -> Quota:
    """One hit on each window of `limit_text` (e.g. "10/minute") named by an
    identifier set, in one statement. Raises a 429 `code` with the refusing
    window's headers once any is used up; else returns the quota of the one
    with the least left."""
    limit = parse(limit_text)
    hit = windows.hit_windows(limit, *identifier_sets)
    refused = [window for window in hit if window.hits > limit.amount]
    if refused:
        last_to_end = max(refused, key=lambda window: window.expires_at)
        raise ApiError(429, code, headers=Quota(limit.amount, 0, last_to_end.expires_at).headers(refused=True))
    tightest = max(hit, key=lambda window: window.hits)
    return Quota(limit.amount, limit.amount - tightest.hits, tightest.expires_at)


def take(limit_text: str, *identifiers: str, code: str = "rate_limited") -> Quota:
    """One hit on the window of `limit_text` for these identifiers (see take_all)."""
    return take_all(limit_text, identifiers, code=code)


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


def by_address(view_kwargs: dict) -> tuple[str, ...]:
    return ("address", client_key())


def by_person(view_kwargs: dict) -> tuple[str, ...] | None:
    """The signed-in caller (for routes under auth_required), whatever their address."""
    user = view_kwargs.get("current_user")
    return ("person", str(user["uuid"])) if user else None


def by_account_and_address(view_kwargs: dict) -> tuple[str, ...] | None:
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
    on this route, the limit that the setting names. All the route's windows
    are counted in one statement; the answer reports the one with least left."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            limit_text = getattr(current_app.config["SETTINGS"], setting)
            named = [identifiers for key in keys if (identifiers := key(kwargs)) is not None]
            g.rate_limit_quota = take_all(limit_text, *[(request.endpoint, *identifiers) for identifiers in named])
            return view(*args, **kwargs)

        return wrapper

    return decorate


# Sign-up, sign-in, refresh and the code routes (services/auth/throttles.py adds per-account windows).
limit_auth = limited("auth_rate_limit", by_address, by_account_and_address)
# Posting, replying, liking, reposting, messages, profile changes: per address and per person.
limit_writes = limited("write_rate_limit", by_address, by_person)
limit_reports = limited("report_rate_limit", by_address, by_person)
