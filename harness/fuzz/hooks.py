"""Schemathesis hooks for bin/fuzz: structured values for the strings the
contract only types as `string`.

The contract says a cursor, a handle, a uuid or a search term is a string,
so schemathesis alone sends random text, which the API rejects at its first
check. These hooks also send values shaped like the real ones, to reach the
checks after the first: cursors taken from real answers (runner.py
collects them, with handles and uuids, into the file FUZZ_SAMPLES names)
with one part swapped for a crafted one, parts added or dropped, or the
base64 bent; crafted parts alone; uuid-shaped path parameters; real handles
and their near misses; search terms with websearch syntax.

Each hook keeps schemathesis' own value a quarter of the time.
"""

from __future__ import annotations

import base64
import json
import os
import re
from datetime import date
from pathlib import Path

import schemathesis
from hypothesis import strategies as st

SAMPLES = json.loads(Path(os.environ["FUZZ_SAMPLES"]).read_text()) if os.environ.get("FUZZ_SAMPLES") else {}


def samples(name: str) -> st.SearchStrategy:
    found = SAMPLES.get(name) or []
    return st.sampled_from(found) if found else st.nothing()


def weighted(*choices: tuple[int, st.SearchStrategy]) -> st.SearchStrategy:
    """Draws from each strategy in proportion to its weight."""
    return st.sampled_from([strategy for weight, strategy in choices for _ in range(weight)]).flatmap(
        lambda chosen: chosen
    )


# Crafted cursor parts by what the real part they replace looks like: texts
# that Python's parsers read and PostgreSQL may not, or wrong some other way.
CRAFTED = {
    "time": [
        "2026-W01-1",
        "2026-W01-1T00:00:00.000000Z",
        "2026-001T00:00:00.000000Z",
        "2026-01-01T12:00:00,5",
        "2026-01-01T12:00:00,500000Z",
        "2026-01-01T12:00:00.000000+20:00",
        "2026-01-01T12:00:00.000000+00:00",
        "2026-01-01T12:00:00.123456789Z",
        "2026-01-01 12:00:00.000000Z",
        "20260101T120000.000000Z",
        "2026-01-01T24:00:00.000000Z",
        "2026-02-30T00:00:00.000000Z",
        "10000-01-01T00:00:00.000000Z",
        "0000-01-01T00:00:00.000000Z",
        "0001-01-01T00:00:00.000000+01:00",
        "9999-12-31T23:59:59.999999-01:00",
        "+2026-01-01T00:00:00.000000Z",
        "٢٠٢٦-01-01T00:00:00.000000Z",
        " 2026-01-01T00:00:00.000000Z",
        "2026-01-01T00:00:00.000000Z\x00",
        "2026-01-01T00:00:00." + "0" * 400 + "Z",
        "infinity",
        "-infinity",
        "epoch",
        "now",
    ],
    "number": [
        "1e39",
        "-1e39",
        "1e-50",
        "3.5e38",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "-1",
        "-0",
        "0,5",
        "0x1p-3",
        "1_000",
        "١",
        "0." + "1" * 400,
        "7fc00000",  # the four bytes of a NaN real
        "7f800000",  # infinity
        "ff800000",  # -infinity
        "bf800000",  # -1
        "7F7FFFFF",
        "00 00 00 00",
    ],
    "uuid": [
        "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
        "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
        "a0eebc999c0b4ef8bb6d6bb9bd380a11",
        "urn:uuid:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
        "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\x00",
        "",
    ],
}
TIME_LIKE = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(.*)Z")
UUID_LIKE = re.compile(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}")


def role_of(part: str) -> str:
    if TIME_LIKE.fullmatch(part):
        return "time"
    return "uuid" if UUID_LIKE.fullmatch(part) else "number"


def variants(part: str) -> list[str]:
    """The same value written otherwise, or nearly: what a hand-made cursor
    built from a real one would hold."""
    found = [part.upper(), f" {part}", f"+{part}", f"{part}\x00", part + "0" * 3, part[:-1]]
    time = TIME_LIKE.fullmatch(part)
    if time:
        day, clock = date(*map(int, time.groups()[:3])), time.group(4)
        year, week, weekday = day.isocalendar()
        found += [
            f"{year}-W{week:02d}-{weekday}T{clock}Z",
            f"{year}-W{week:02d}-{weekday}",
            f"{day.year:04d}-{day.timetuple().tm_yday:03d}T{clock}Z",
            part.replace(".", ","),
            part.replace("T", " "),
            part.replace("-", "").replace(":", ""),
            part[:-1] + "+00:00",
            part[:-1] + "+20:00",
            part[:-1] + "123Z",
            "1" + part,
        ]
    elif role_of(part) == "number":
        found += [part + "e39", part + "e-50", "-" + part, part.replace(".", ","), part + "nan"]
    else:
        found += ["{" + part + "}", part.replace("-", ""), "urn:uuid:" + part]
    return found


# Any text at all shaped like a part.
PARTS = st.one_of(
    st.from_regex(
        r"[0-9]{4,5}-[0-9]{2}-[0-9]{2}[T ][0-9:]{8}([.,][0-9]{1,9})?(Z|[+-][0-9]{2}:?[0-9]{2})?", fullmatch=True
    ),
    st.from_regex(r"\d{4}-W\d{2}(-\d)?", fullmatch=True),  # \d: any script's digits
    st.from_regex(r"[+-]?\d+(\.\d*)?([eE][+-]?\d{1,3})?", fullmatch=True),
    st.from_regex(r"[0-9a-fA-F]{6,10}", fullmatch=True),
    st.uuids().map(str),
    st.floats().map(repr),
    st.text(max_size=30),
)


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def cursor_parts(cursor: str) -> list[str]:
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode(errors="replace").split("|")


@st.composite
def one_part_swapped(draw, real):
    """A real cursor with one part crafted for what it holds, written otherwise, or any text."""
    parts = cursor_parts(draw(real))
    at = draw(st.integers(0, len(parts) - 1))
    part = draw(st.one_of(st.sampled_from(CRAFTED[role_of(parts[at])]), st.sampled_from(variants(parts[at])), PARTS))
    return b64("|".join(parts[:at] + [part] + parts[at + 1 :]))


ANY_CRAFTED = st.sampled_from([part for crafted in CRAFTED.values() for part in crafted])


@st.composite
def parts_added_or_dropped(draw, real):
    parts = cursor_parts(draw(real))
    at = draw(st.integers(0, len(parts)))
    if draw(st.booleans()):
        parts.insert(at, draw(st.one_of(ANY_CRAFTED, PARTS)))
    else:
        del parts[at : at + 1]
    return b64("|".join(parts))


@st.composite
def base64_bent(draw, real):
    """A real cursor with its base64 changed: padding, the other alphabet, a
    character replaced, added or cut off."""
    cursor = draw(real)
    at = draw(st.integers(0, len(cursor)))
    return draw(
        st.sampled_from(
            [
                cursor + "=",
                cursor + "==",
                cursor.replace("-", "+").replace("_", "/"),
                cursor[:-1],
                cursor[:at] + cursor[at + 1 :],
                cursor[:at] + draw(st.sampled_from(["A", "=", "%", " ", ".", "\x00"])) + cursor[at:],
            ]
        )
    )


def cursors() -> st.SearchStrategy:
    made = st.lists(st.one_of(ANY_CRAFTED, PARTS), min_size=1, max_size=4).map(lambda parts: b64("|".join(parts)))
    if not SAMPLES.get("cursors"):
        return made
    real = samples("cursors")
    return weighted(
        (1, real), (4, one_part_swapped(real)), (1, parts_added_or_dropped(real)), (1, base64_bent(real)), (1, made)
    )


def uuid_like() -> st.SearchStrategy:
    return st.one_of(
        samples("uuids"),
        st.uuids().map(str),
        st.uuids().map(lambda u: str(u).upper()),
        st.uuids().map(lambda u: f"{{{u}}}"),
        st.uuids().map(lambda u: u.hex),
        st.uuids().map(lambda u: f"urn:uuid:{u}"),
        st.uuids().map(lambda u: str(u)[:-1]),
        st.uuids().map(lambda u: f"{u}\x00"),
        st.from_regex(r"[0-9a-fA-F-]{30,40}", fullmatch=True),
    )


def handles() -> st.SearchStrategy:
    real = samples("handles")
    return st.one_of(
        real,
        real.map(str.upper),
        real.map(lambda handle: f"{handle}\x00"),
        real.map(lambda handle: f" {handle} "),
        real.map(lambda handle: f"@{handle}"),
        st.from_regex(r"[A-Za-z0-9_.-]{1,40}", fullmatch=True),
        st.text(max_size=40),
    )


def terms() -> st.SearchStrategy:
    words = samples("words")
    syntax = ['"', "-", " OR ", " or ", "&", "|", "!", "(", ")", ":*", "'", "\\", " ", "<->", "\x00"]
    return st.one_of(
        words,
        st.lists(st.one_of(words, st.sampled_from(syntax)), min_size=1, max_size=8).map("".join),
        st.from_regex(r"[a-z]{1,100}", fullmatch=True),
        st.text(min_size=95, max_size=105),
        st.text(max_size=30),
    )


KEEP = st.none()  # the value schemathesis generated
DROP = object()  # no such parameter


def or_its_own(kind: st.SearchStrategy) -> st.SearchStrategy:
    return weighted((3, kind), (1, KEEP))


def limits() -> st.SearchStrategy:
    # Mostly a good limit or none, so that a bad one does not hide what the
    # other parameters hold (it is checked first).
    bad = st.one_of(
        st.integers(-2, 60).map(str),
        st.sampled_from(["²", "٣", "1e1", "+5", " 5", "05", "5.0", "0x10", "9" * 400]),
    )
    return weighted((2, st.integers(1, 50).map(str)), (1, st.just(DROP)), (1, bad), (1, KEEP))


# By parameter name.
QUERY = {"cursor": or_its_own(cursors()), "term": or_its_own(terms()), "limit": limits()}
UUIDS = or_its_own(uuid_like())
PATH = {"handle": or_its_own(handles()), "activity_uuid": UUIDS, "message_group_uuid": UUIDS}


def merged(value, names: list[str], kinds: dict) -> st.SearchStrategy:
    """`value` (a dict of parameters) with some of those named in `kinds` replaced or dropped."""
    original = value if isinstance(value, dict) else {}

    def edit(new: dict) -> dict:
        result = dict(original)
        for name, text in new.items():
            if text is DROP:
                result.pop(name, None)
            elif text is not None:
                result[name] = text
        return result

    return st.fixed_dictionaries({name: kinds[name] for name in names if name in kinds}).map(edit)


@schemathesis.hook
def flatmap_query(context, query):
    names = [parameter.name for parameter in context.operation.query]
    return merged(query, names, QUERY) if any(name in QUERY for name in names) else st.just(query)


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    names = [parameter.name for parameter in context.operation.path_parameters]
    return merged(path_parameters, names, PATH) if any(name in PATH for name in names) else st.just(path_parameters)
