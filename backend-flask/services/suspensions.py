"""Suspended people: refused at every request and at sign-in, until their
suspension ends or a moderator lifts it."""

import math
from datetime import UTC, datetime

from lib.db import db
from lib.errors import ApiError
from lib.pagination import TIME


def refuse_if_suspended(suspended_until: float | None):
    """403 `account_suspended` with `suspended_until` (null: until lifted).
    `suspended_until` is the end of the person's suspension in epoch seconds
    (infinite: until lifted), as the caller's row has it; None when they are
    not suspended now."""
    if suspended_until is None:
        return
    until = None if math.isinf(suspended_until) else TIME.write(datetime.fromtimestamp(suspended_until, UTC))
    raise ApiError(403, "account_suspended", details={"suspended_until": until})


def refuse_sign_in_if_suspended(sub):
    """At sign-in and refresh (local provider): the same 403 while the
    person of `sub` is suspended."""
    row = db.query_one("users/caller_by_cognito_user_id", {"cognito_user_id": str(sub)})
    if row is not None:
        refuse_if_suspended(row["suspended_until"])
