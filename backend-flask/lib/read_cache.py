"""Answers of the read routes, kept per process and checked against the
content version on every request.

PostgreSQL adds to the content version in the same commit as any change to
cruds, replies, likes, reposts, notifications or people (migration 0005);
sending a message adds to it once DynamoDB has the message.
A kept answer is served only while the version is the one read before it was
built, so nobody, the writer included, sees it after a committed change. Cruds
also expire by the clock, with no write: an answer is kept at most
READ_CACHE_SECONDS (0 turns the cache off).
"""

import threading
from functools import wraps

from cachetools import TTLCache
from flask import Response, current_app, request

from lib.db import db


class ReadCache:
    def __init__(self, seconds: float, entries: int):
        self._answers = TTLCache(maxsize=entries, ttl=seconds) if seconds > 0 and entries > 0 else None
        self._lock = threading.Lock()

    def answer(self, key, build) -> Response:
        """The answer for `key`: a kept one, or `build()`'s, which is kept when it is a 200."""
        if self._answers is None:
            return build()
        version = db.query_value("content/version")  # read before building: see the module docstring
        if version is None:  # content_versions emptied by hand: nothing can be checked
            return build()
        with self._lock:
            kept = self._answers.get(key)
        if kept is not None and kept[0] == version:
            return Response(kept[1], mimetype="application/json")
        response = build()
        if response.status_code == 200:
            with self._lock:
                self._answers[key] = (version, response.get_data())
        return response


def init_app(app):
    settings = app.config["SETTINGS"]
    app.extensions["read_cache"] = ReadCache(settings.read_cache_seconds, settings.read_cache_entries)


def cached_read(view):
    """For a read route under auth_optional/auth_required: its JSON answer per
    path, query string and caller, kept as the module docstring says."""

    @wraps(view)
    def wrapper(*args, current_user, **kwargs):
        key = (request.full_path, current_user["uuid"] if current_user else None)
        return current_app.extensions["read_cache"].answer(
            key, lambda: view(*args, current_user=current_user, **kwargs)
        )

    return wrapper
