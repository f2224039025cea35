"""What a crud may be: its message and its time-to-live."""

from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from lib.validation import problem

MAX_CHARS = 280

# The choices an author has, and how long each lasts (a PostgreSQL interval).
TTL_LIFETIMES = {
    "1-hour": "1 hour",
    "3-hours": "3 hours",
    "12-hours": "12 hours",
    "1-day": "1 day",
    "3-days": "3 days",
    "7-days": "7 days",
    "30-days": "30 days",
}


def _known_ttl(value: str) -> str:
    if value not in TTL_LIFETIMES:
        raise problem("ttl_invalid")
    return value


Message = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CHARS)]
Ttl = Annotated[str, StringConstraints(min_length=1), AfterValidator(_known_ttl)]
