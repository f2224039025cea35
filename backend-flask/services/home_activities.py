"""The timelines: a signed-in person's following timeline, and everyone's."""

from lib.pagination import TIME_KEY, page, time_keyset
from services.callers import Caller, read_as


def home_activities(args: dict, viewer: Caller | None = None) -> str:
    """The viewer's following timeline, or for nobody signed in the public
    timeline: one page as JSON text."""
    if viewer is None:
        return public_activities(args)
    return read_as(viewer, "activities/following", time_keyset(page(args, TIME_KEY)))


def public_activities(args: dict, viewer: Caller | None = None) -> str:
    """One page of everyone's live top-level cruds, newest first, as JSON text."""
    return read_as(viewer, "activities/public", time_keyset(page(args, TIME_KEY)))
