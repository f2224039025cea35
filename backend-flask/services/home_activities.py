"""The home feed."""

from lib.db import db
from lib.pagination import page, time_keyset


def home_activities(args: dict, viewer_uuid=None) -> str:
    """One page of live top-level cruds, newest first, as JSON text."""
    params = time_keyset(page(args, parts=2)) | {"viewer_uuid": viewer_uuid}
    return db.query_value("activities/home", params)
