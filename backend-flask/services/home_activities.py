"""The home feed."""

from lib.pagination import TIME_KEY, page, time_keyset
from services.callers import Caller, read_as


def home_activities(args: dict, viewer: Caller | None = None) -> str:
    """One page of live top-level cruds, newest first, as JSON text."""
    return read_as(viewer, "activities/home", time_keyset(page(args, TIME_KEY)))
