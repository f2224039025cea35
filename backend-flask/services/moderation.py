"""What moderators do: read the report queue and a report with its crud as
it was, act on it (dismiss, remove the crud, suspend the person), lift a
suspension, and read the audit log of every action. Who may is checked by
the routes' guard (routes/guards.moderator_required)."""

import json
from typing import Annotated, Literal

from pydantic import StringConstraints, model_validator

from lib.db import db
from lib.errors import ApiError, NotFound
from lib.pagination import TIME_KEY, page, time_keyset
from lib.validation import RequestModel, parse, problem
from services.durations import Duration, lifetime
from services.live_events import announce_gone

MODERATORS = ("moderator", "admin")
RESOLUTIONS = {"dismiss": "dismissed", "remove": "removed", "suspend": "suspended"}
QUEUES = {"open": True, "closed": False}

Reason = Annotated[str, StringConstraints(min_length=1, max_length=500)]


class ActionRequest(RequestModel):
    action: Literal["dismiss", "remove", "suspend"]
    reason: Reason
    duration: Duration = None

    @model_validator(mode="after")
    def _duration_for_suspensions(self):
        if self.duration is not None and self.action != "suspend":
            raise problem("duration_invalid")
        return self


class LiftRequest(RequestModel):
    reason: Reason


def is_moderator(role: str) -> bool:
    return role in MODERATORS


def reports(args: dict) -> str:
    """One page of the queue, `?state=open` (the default) or `closed`, newest first."""
    state = args.get("state", "open")
    if state not in QUEUES:
        raise ApiError(400, "state_invalid")
    return db.query_value("moderation/reports", time_keyset(page(args, TIME_KEY)) | {"open": QUEUES[state]})


def report(report_uuid) -> str:
    found = db.query_value("moderation/report", {"report_uuid": report_uuid})
    if found is None:
        raise NotFound("report_not_found")
    return found


def act(moderator_uuid, report_uuid, body) -> str:
    """Closes the report (and every open one of its target) with the action,
    logged with the moderator's reason; the report as it now stands. 409
    `report_closed` when it was closed already; 422 `nothing_to_remove` for
    removing a person."""
    form = parse(ActionRequest, body)
    row = db.query_one(
        "moderation/act",
        {
            "report_uuid": report_uuid,
            "moderator_uuid": moderator_uuid,
            "action": form.action,
            "resolution": RESOLUTIONS[form.action],
            "reason": form.reason,
            "lifetime": lifetime(form.duration),
        },
    )
    if row is None:
        raise NotFound("report_not_found")
    if form.action == "remove" and not row["about_a_crud"]:
        raise ApiError(422, "nothing_to_remove")
    if not row["closed_now"]:
        raise ApiError(409, "report_closed")
    if form.action == "remove":
        announce_gone(row["activity_uuid"])
    return json.dumps(json.loads(report(report_uuid))["report"])


def lift_suspension(moderator_uuid, handle: str, body) -> dict:
    form = parse(LiftRequest, body)
    row = db.query_one(
        "moderation/unsuspend", {"moderator_uuid": moderator_uuid, "handle": handle, "reason": form.reason}
    )
    if row is None:
        raise NotFound("user_not_found")
    return {"handle": row["handle"], "suspended_until": None}


def log(args: dict) -> str:
    """One page of the audit log, newest first."""
    return db.query_value("moderation/log", time_keyset(page(args, TIME_KEY)))
