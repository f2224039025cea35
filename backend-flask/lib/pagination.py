"""Keyset pagination, the one way every list pages: `?limit=` and an opaque
`?cursor=` in, `next_cursor` out (null on the last page).

A cursor is the sort key of the last item of a page: its parts, each written
as text, joined by "|" and base64url-encoded without padding. SQL writes it
with page_cursor() (iso_time() for a time, ::text for a uuid); DynamoDB's
lists write it here.

Reading one back is strict: every part must be exactly the text its value is
written as (a round trip), which also keeps each value within what PostgreSQL
accepts. Anything else is 400 `cursor_invalid`.
"""

import base64
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from lib.errors import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 50
LIMIT_DIGITS = re.compile(r"[0-9]{1,9}")
# A key (time, uuid) is 64 characters, 86 in base64.
MAX_CURSOR_CHARS = 200


@dataclass(frozen=True)
class Part:
    """One part of a cursor: how its value is written, and read back from that text."""

    write: Callable[[Any], str]
    parse: Callable[[str], Any]  # raises ValueError on what it cannot read
    allowed: Callable[[Any], bool] = lambda value: True

    def read(self, text: str):
        value = self.parse(text)
        if not self.allowed(value) or self.write(value) != text:
            raise ValueError(text)
        return value


def _write_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


# As iso_time() in SQL writes it: UTC, microseconds, "Z". The year is 1 to 9999,
# all of which PostgreSQL takes.
TIME = Part(_write_time, datetime.fromisoformat, lambda moment: moment.utcoffset() == timedelta(0))
UUID = Part(str, uuid.UUID)

TIME_KEY = (TIME, UUID)  # every list is sorted by (created_at, uuid)


def encode_cursor(key: tuple[Part, ...], values) -> str:
    text = "|".join(part.write(value) for part, value in zip(key, values, strict=True))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(key: tuple[Part, ...], cursor: str) -> tuple:
    """The values of a cursor written by encode_cursor() or page_cursor(); 400 `cursor_invalid` otherwise."""
    try:
        if len(cursor) > MAX_CURSOR_CHARS:
            raise ValueError("too long")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        # Canonical base64 only: no padding, nor stray characters the decoder skipped.
        if base64.urlsafe_b64encode(raw).decode().rstrip("=") != cursor:
            raise ValueError("not canonical")
        return tuple(part.read(text) for part, text in zip(key, raw.decode("ascii").split("|"), strict=True))
    except ValueError:  # binascii.Error and UnicodeDecodeError too
        raise ApiError(400, "cursor_invalid") from None


@dataclass(frozen=True)
class Page:
    limit: int
    after: tuple | None  # the previous page's last sort key; None on the first page


def page(args: dict, key: tuple[Part, ...]) -> Page:
    """The page a request asks for; 400 `limit_invalid` / `cursor_invalid` when malformed."""
    cursor = args.get("cursor")
    return Page(page_size(args), decode_cursor(key, cursor) if cursor else None)


def page_size(args: dict, default: int = DEFAULT_LIMIT, most: int = MAX_LIMIT) -> int:
    """`?limit=`: 1 to `most`, `default` when absent."""
    raw_limit = args.get("limit")
    if raw_limit is None or raw_limit == "":
        return default
    # ASCII digits only, and not too many: "²" passes isdigit() and a
    # 5,000-digit number is past int()'s limit; both made int() raise.
    if LIMIT_DIGITS.fullmatch(str(raw_limit)) and 1 <= int(raw_limit) <= most:
        return int(raw_limit)
    raise ApiError(400, "limit_invalid")


FIRST = {
    True: ("infinity", "ffffffff-ffff-ffff-ffff-ffffffffffff"),
    False: ("-infinity", "00000000-0000-0000-0000-000000000000"),
}


def time_keyset(current: Page, newest_first: bool = True) -> dict:
    """Query parameters `after_time` and `after_uuid` for a list sorted by
    (created_at, uuid); the first page starts past either end."""
    if current.after is None:
        after_time, after_uuid = FIRST[newest_first]
    else:
        after_time, after_uuid = (part.write(value) for part, value in zip(TIME_KEY, current.after, strict=True))
    return {"limit": current.limit, "after_time": after_time, "after_uuid": after_uuid}
