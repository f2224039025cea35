"""Keyset pagination, the one way every list pages: `?limit=` and an opaque
`?cursor=` in, `next_cursor` out (null on the last page).

A cursor is the sort key of the last item of a page, made opaque in SQL by
page_cursor(); `page()` turns it back into its parts for the next query.
"""

import base64
import binascii
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from lib.errors import ApiError

DEFAULT_LIMIT = 20
MAX_LIMIT = 50
LIMIT_DIGITS = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class Page:
    limit: int
    after: list[str] | None  # the previous page's last sort key; None on the first page


def page(args: dict, parts: int) -> Page:
    """The page a request asks for; 400 `limit_invalid` / `cursor_invalid` when malformed."""
    cursor = args.get("cursor")
    return Page(page_size(args), decode_cursor(cursor, parts) if cursor else None)


def page_size(args: dict) -> int:
    """`?limit=`: 1 to MAX_LIMIT, DEFAULT_LIMIT when absent."""
    raw_limit = args.get("limit")
    if raw_limit is None or raw_limit == "":
        return DEFAULT_LIMIT
    # ASCII digits only, and not too many: "²" passes isdigit() and a
    # 5,000-digit number is past int()'s limit; both made int() raise.
    if LIMIT_DIGITS.fullmatch(str(raw_limit)) and 1 <= int(raw_limit) <= MAX_LIMIT:
        return int(raw_limit)
    raise ApiError(400, "limit_invalid")


def decode_cursor(cursor: str, parts: int) -> list[str]:
    try:
        decoded = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError(400, "cursor_invalid") from None
    values = decoded.split("|")
    if len(values) != parts:
        raise ApiError(400, "cursor_invalid")
    return values


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
        after_time, after_uuid = current.after[-2:]
        check_time_and_uuid(after_time, after_uuid)
    return {"limit": current.limit, "after_time": after_time, "after_uuid": after_uuid}


def check_time_and_uuid(time_text: str, uuid_text: str):
    try:
        datetime.fromisoformat(time_text)
        uuid.UUID(uuid_text)
    except ValueError:
        raise ApiError(400, "cursor_invalid") from None
