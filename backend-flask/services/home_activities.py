"""The home feed."""

from lib.db import db
from lib.pagination import TIME_KEY, page, time_keyset


def home_activities(args: dict, viewer_uuid=None) -> str:
    """One page of live top-level cruds, newest first, as JSON text."""
    params = time_keyset(page(args, TIME_KEY)) | {"viewer_uuid": viewer_uuid}
    return db.query_value("activities/home", params)
