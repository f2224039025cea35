"""The few facts shown next to a person's name."""

from lib.errors import NotFound
from services.callers import Caller, read_as


def user_short(handle: str, viewer: Caller | None = None) -> str:
    """404 `user_not_found` for nobody, or someone the viewer may not see."""
    found = read_as(viewer, "users/short_by_handle", {"handle": handle})
    if found is None:
        raise NotFound("user_not_found")
    return found
