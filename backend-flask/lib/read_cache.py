"""Answers of the read routes, kept per process and checked against the
content version on every request.

PostgreSQL adds to the content version in the same commit as any change to
cruds, replies, likes, reposts, notifications or people (migration 0005);
sending a message adds to it once DynamoDB has the message. A kept answer is
served only while the version is the one read before it was built, so nobody,
the writer included, sees it after a committed change.

Cruds also expire by the clock, with no write: before building an answer the
cache asks how long until the next crud expires, and does not serve it past
that moment. It is kept at most READ_CACHE_SECONDS anyway (0 turns the cache
off), which bounds how long a write that bypasses the API and DynamoDB's
version step can go unseen.
"""

import threading
import time
from functools import wraps

from cachetools import TTLCache
from flask import Response, current_app, g, request

from lib.db import db


class ReadCache:
    def __init__(self, seconds: float, entries: int):
        self._answers = TTLCache(maxsize=entries, ttl=seconds) if seconds > 0 and entries > 0 else None
        self._lock = threading.Lock()

    def answer(self, key, build) -> Response:
        """The answer for `key`: a kept one, or `build()`'s, which is kept when it is a 200."""
        if self._answers is None:
            return build()
        checked_at = time.monotonic()
        # Read before building: an answer built after a write committed but kept
        # under the older version is only ever thrown away, never served stale.
        # A signed-in caller's lookup read it already (lib/cognito_jwt_token.py).
        version = g.pop("content_version", None)
        if version is None:
            version = db.query_value("content/version")
        if version is None:  # content_versions emptied by hand: nothing can be checked
            return build()
        with self._lock:
            kept = self._answers.get(key)
        if kept is not None and kept[0] == version and checked_at < kept[1]:
            return Response(kept[2], mimetype="application/json")
        seconds = db.query_value("content/next_expiry")  # before building too, for the same reason
        good_until = checked_at + seconds if seconds is not None else float("inf")
        response = build()
        if response.status_code == 200:
            with self._lock:
                self._answers[key] = (version, good_until, response.get_data())
        return response


def init_app(app):
    settings = app.config["SETTINGS"]
    app.extensions["read_cache"] = ReadCache(settings.read_cache_seconds, settings.read_cache_entries)


def cached_read(*params: str):
    """For a read route under auth_optional/auth_required that reads the query
    parameters `params`: its JSON answer per path, values of those parameters
    and caller, kept as the module docstring says.

    The view gets those parameters, and only those, as `query` (a dict). So
    any other (`?x=1`) neither changes its answer nor makes another entry,
    which would push kept answers out; and a parameter the view reads without
    declaring it is simply never there, whatever is cached."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, current_user, **kwargs):
            query = {name: request.args[name] for name in params if name in request.args}
            caller = current_user["uuid"] if current_user else None
            key = (request.path, tuple(query.get(name) for name in params), caller)
            return current_app.extensions["read_cache"].answer(
                key, lambda: view(*args, current_user=current_user, query=query, **kwargs)
            )

        return wrapper

    return decorator
