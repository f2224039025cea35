"""How long a mute or a suspension lasts: the choices a person has, each a
PostgreSQL interval, or None for until undone."""

from typing import Annotated

from pydantic import AfterValidator

from lib.validation import problem

LIFETIMES = {"1-day": "1 day", "7-days": "7 days", "30-days": "30 days"}


def _known(value: str | None) -> str | None:
    if value is not None and value not in LIFETIMES:
        raise problem("duration_invalid")
    return value


Duration = Annotated[str | None, AfterValidator(_known)]


def lifetime(duration: str | None) -> str | None:
    """The interval of a duration; None for until undone."""
    return LIFETIMES[duration] if duration is not None else None
