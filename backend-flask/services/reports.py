"""Reporting a crud or a person to the moderators. The reported person never
learns who reported them (nor that anyone did)."""

import uuid
from typing import Annotated, Literal

from pydantic import StringConstraints, model_validator

from lib.db import db
from lib.errors import ApiError, NotFound
from lib.validation import RequestModel, parse, problem

MAX_COMMENT_CHARS = 1000


class ReportRequest(RequestModel):
    activity_uuid: str | None = None
    handle: str | None = None
    reason: Literal["spam", "harassment", "illegal", "other"]
    comment: Annotated[str, StringConstraints(max_length=MAX_COMMENT_CHARS)] = ""

    @model_validator(mode="after")
    def _one_target(self):
        if not self.activity_uuid and not self.handle:
            raise problem("target_blank")
        return self


def _activity_key(text: str | None) -> str | None:
    """The crud's uuid as PostgreSQL takes it; 404 when it is not one."""
    if not text:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise NotFound("activity_not_found") from None


def report(reporter_uuid, body) -> str:
    """The new report, `{"uuid", "reason", "created_at"}`, as JSON text. 404
    when there is no such crud or person to the reporter, 422
    `cannot_report_self`, 409 `already_reported` while their report of the
    same target is open."""
    form = parse(ReportRequest, body)
    activity_uuid = _activity_key(form.activity_uuid)
    params = {
        "user_uuid": reporter_uuid,
        "activity_uuid": activity_uuid,
        "handle": form.handle if activity_uuid is None else None,
        "reason": form.reason,
        "comment": form.comment,
    }
    row = db.query_one("reports/create", params)
    if row is None:
        raise NotFound("activity_not_found" if activity_uuid else "user_not_found")
    if str(row["target_user_uuid"]) == str(reporter_uuid):
        raise ApiError(422, "cannot_report_self")
    if row["report"] is None:
        raise ApiError(409, "already_reported")
    return row["report"]
