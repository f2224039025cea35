"""Blocking and muting people. A block works both ways (visible_activities()
and visible_people() in SQL hide each from the other) and ends follows
between the two; a mute hides the muted person from the muter's timelines,
search and notifications only (timeline_activities(), timeline_people())."""

from lib.db import db
from lib.errors import ApiError, NotFound
from lib.pagination import TIME_KEY, page, time_keyset
from lib.validation import RequestModel, parse
from services.callers import Caller, read_as
from services.durations import Duration, lifetime


class MuteRequest(RequestModel):
    duration: Duration = None


def _target(name: str, user_uuid, handle: str, params: dict | None = None) -> dict:
    row = db.query_one(name, {"user_uuid": user_uuid, "handle": handle} | (params or {}))
    if row is None:
        raise NotFound("user_not_found")
    return row


def set_blocking(user_uuid, handle: str, on: bool) -> dict:
    """Block (on) or unblock the person with `handle`, idempotently. 404
    `user_not_found` for nobody, 422 `cannot_block_self` for oneself."""
    row = _target("blocks/block" if on else "blocks/unblock", user_uuid, handle)
    if str(row["uuid"]) == str(user_uuid):
        raise ApiError(422, "cannot_block_self")
    return {"blocking": on}


def mute(user_uuid, handle: str, body) -> dict:
    """Mute the person for the body's `duration` (or until undone); muting
    again sets a new end. 422 `cannot_mute_self`, `duration_invalid`."""
    form = parse(MuteRequest, body if body is not None else {})
    row = _target("mutes/mute", user_uuid, handle, {"lifetime": lifetime(form.duration)})
    if str(row["uuid"]) == str(user_uuid):
        raise ApiError(422, "cannot_mute_self")
    return {"muting": True, "muted_until": row["until"]}


def unmute(user_uuid, handle: str) -> dict:
    row = _target("mutes/unmute", user_uuid, handle)
    if str(row["uuid"]) == str(user_uuid):
        raise ApiError(422, "cannot_mute_self")
    return {"muting": False, "muted_until": None}


def blocked_people(viewer: Caller, args: dict) -> str:
    """One page of the people the viewer blocked, newest first, as JSON text."""
    return read_as(viewer, "blocks/list", time_keyset(page(args, TIME_KEY)))


def muted_people(viewer: Caller, args: dict) -> str:
    """One page of the people the viewer mutes now, newest first, as JSON text."""
    return read_as(viewer, "mutes/list", time_keyset(page(args, TIME_KEY)))
