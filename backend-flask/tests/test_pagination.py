"""Page cursors (lib/pagination.py): one codec that reads back exactly what
SQL and the message store write, and every paginated route answers a
malformed cursor with 400 `cursor_invalid`, never a 500, whatever part is wrong."""

import base64
from datetime import UTC, datetime

import psycopg
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import SPEC_PATH
from lib.errors import ApiError
from lib.pagination import TIME, TIME_KEY, UUID, Page, decode_cursor, encode_cursor, time_keyset

METHODS = {"get", "put", "post", "delete", "patch"}

# The parts of every route's cursor, in order.
ROLES = ("time", "uuid")


def paginated_operations() -> set[str]:
    """Every operation of the contract that takes ?cursor=, as "GET /api/..."."""
    spec = yaml.safe_load(SPEC_PATH.read_text())
    return {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS and any(takes_cursor(parameter) for parameter in operation.get("parameters", []))
    }


def takes_cursor(parameter: dict) -> bool:
    return parameter.get("$ref") == "#/components/parameters/Cursor" or parameter.get("name") == "cursor"


@pytest.fixture
def pages(client, make_user, make_moderator, post_crud):
    """For each paginated route, a request whose list has two pages at ?limit=1."""
    ada, bob, cy = make_user(), make_user(), make_user()
    moderator = make_moderator()
    crud = post_crud(ada, "rocket one")
    post_crud(ada, "rocket two")
    for message in ("first reply", "second reply"):
        client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": message}, headers=bob["headers"])
    sent = [
        client.post("/api/messages", json={"handle": other["handle"], "message": "hi"}, headers=ada["headers"])
        for other in (bob, bob, cy)
    ]
    group = sent[0].json["message_group_uuid"]  # ada and bob's, with two messages
    for fan in (bob, cy):
        client.post(f"/api/users/@{ada['handle']}/follow", headers=fan["headers"])
    client.post(f"/api/users/@{cy['handle']}/follow", headers=bob["headers"])
    for stranger in (make_user(), make_user()):  # people ada blocks, and people she mutes
        client.post(f"/api/users/@{stranger['handle']}/block", headers=ada["headers"])
    for stranger in (make_user(), make_user()):
        client.post(f"/api/users/@{stranger['handle']}/mute", headers=ada["headers"])
    # Two reports dismissed (two actions in the log), two left open.
    reports = [
        client.post("/api/reports", json={"handle": target["handle"], "reason": "spam"}, headers=reporter["headers"])
        for reporter, target in ((bob, ada), (cy, bob), (ada, cy), (bob, cy))
    ]
    assert [report.status_code for report in reports] == [201] * 4
    for report in reports[:2]:
        dismissed = client.post(
            f"/api/moderation/reports/{report.json['uuid']}/actions",
            json={"action": "dismiss", "reason": "not spam"},
            headers=moderator["headers"],
        )
        assert dismissed.status_code == 200, dismissed.json
    return {
        "GET /api/activities/home": ("/api/activities/home", bob["headers"]),
        "GET /api/activities/public": ("/api/activities/public", {}),
        "GET /api/users/@{handle}/followers": (f"/api/users/@{ada['handle']}/followers", {}),
        "GET /api/users/@{handle}/following": (f"/api/users/@{bob['handle']}/following", cy["headers"]),
        "GET /api/activities/@{handle}": (f"/api/activities/@{ada['handle']}", {}),
        "GET /api/activities/@{handle}/status/{activity_uuid}": (
            f"/api/activities/@{ada['handle']}/status/{crud['uuid']}",
            {},
        ),
        "GET /api/activities/search": ("/api/activities/search?term=rocket", {}),
        "GET /api/activities/notifications": ("/api/activities/notifications", ada["headers"]),
        "GET /api/message_groups": ("/api/message_groups", ada["headers"]),
        "GET /api/messages/{message_group_uuid}": (f"/api/messages/{group}", ada["headers"]),
        "GET /api/blocks": ("/api/blocks", ada["headers"]),
        "GET /api/mutes": ("/api/mutes", ada["headers"]),
        "GET /api/moderation/reports": ("/api/moderation/reports", moderator["headers"]),
        "GET /api/moderation/log": ("/api/moderation/log", moderator["headers"]),
    }


def query(url: str, **params) -> str:
    return url + ("&" if "?" in url else "?") + "&".join(f"{name}={value}" for name, value in params.items())


def real_cursor_parts(client, url: str, headers: dict) -> list[str]:
    """The parts of the cursor a route gives for its second page."""
    first = client.get(query(url, limit=1), headers=headers)
    assert first.status_code == 200 and first.json["next_cursor"], first.json
    cursor = first.json["next_cursor"]
    assert client.get(query(url, limit=1, cursor=cursor), headers=headers).status_code == 200
    return base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split("|")


def with_part(parts: list[str], index: int, text: str) -> str:
    changed = parts[:index] + [text] + parts[index + 1 :]
    return base64.urlsafe_b64encode("|".join(changed).encode()).decode().rstrip("=")


def test_every_paginated_route_of_the_contract_is_tested(pages):
    assert set(pages) == paginated_operations()


# Each is a time Python's datetime.fromisoformat() reads, or one that is wrong another way.
BAD_TIMES = {
    "iso week date": "2026-W01-1",
    "comma decimal": "2026-01-01T12:00:00,5",
    "comma decimal, six digits": "2026-01-01T12:00:00,500000Z",
    "offset past what postgresql takes": "2026-01-01T12:00:00.000000+20:00",
    "basic format": "20260101T120000.000000Z",
    "space for T": "2026-01-01 12:00:00.000000Z",
    "no time zone": "2026-01-01T12:00:00.000000",
    "offset for Z": "2026-01-01T12:00:00.000000+00:00",
    "nine digits": "2026-01-01T12:00:00.123456789Z",
    "year past 9999": "10000-01-01T00:00:00.000000Z",
    "year 0": "0000-01-01T00:00:00.000000Z",
    "signed year": "+2026-01-01T00:00:00.000000Z",
    "day 30 of february": "2026-02-30T00:00:00.000000Z",
    "hour 24": "2026-01-01T24:00:00.000000Z",
    "leading space": " 2026-01-01T00:00:00.000000Z",
    "arabic-indic digits": "٢٠٢٦-01-01T00:00:00.000000Z",
    "nul byte": "2026-01-01T00:00:00.000000Z\x00",
    "infinity": "infinity",
    "epoch": "epoch",
    "empty": "",
    "very long": "2026-01-01T00:00:00." + "0" * 5000 + "Z",
}

BAD_UUIDS = {
    "upper case": "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
    "braces": "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}",
    "no hyphens": "a0eebc999c0b4ef8bb6d6bb9bd380a11",
    "urn": "urn:uuid:a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
    "too short": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1",
    "empty": "",
}


BAD_PARTS = {"time": BAD_TIMES, "uuid": BAD_UUIDS}


@pytest.mark.parametrize("route", sorted(paginated_operations()))
def test_a_real_cursor_with_one_malformed_part_is_400(client, raw_client, pages, route):
    url, headers = pages[route]
    parts = real_cursor_parts(client, url, headers)
    wrong = {}  # what was answered instead, by the part that was malformed
    for index, role in enumerate(ROLES):
        for name, text in BAD_PARTS[role].items():
            # raw_client: a 500 is reported here with the rest, not as a break of the contract
            response = raw_client.get(query(url, cursor=with_part(parts, index, text)), headers=headers)
            if (response.status_code, response.json) != (400, {"errors": ["cursor_invalid"]}):
                wrong[f"{role}: {name}"] = response.status_code
    assert wrong == {}


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


# Every value a cursor part can hold.
VALUES = {
    TIME: st.datetimes(min_value=datetime.min, max_value=datetime.max, timezones=st.just(UTC)),
    UUID: st.uuids(),
}
KEYS = st.just(TIME_KEY)


def keys_with_values():
    return KEYS.flatmap(lambda key: st.tuples(st.just(key), st.tuples(*(VALUES[part] for part in key))))


@settings(database=None)
@given(keys_with_values())
def test_any_key_round_trips(key_with_values):
    key, values = key_with_values
    assert decode_cursor(key, encode_cursor(key, values)) == values


# Texts that are nearly parts: what Python's parsers take and PostgreSQL may not.
CRAFTED_PARTS = [
    *BAD_TIMES.values(),
    *BAD_UUIDS.values(),
    "2026-W01-1T00:00:00.000000Z",
    "2026-001T00:00:00.000000Z",  # ordinal date
]
NEAR_PARTS = st.one_of(
    st.sampled_from(CRAFTED_PARTS),
    VALUES[TIME].map(TIME.write),
    VALUES[UUID].map(UUID.write),
    st.from_regex(
        r"[0-9]{4,5}-[0-9]{2}-[0-9]{2}[T ][0-9:]{8}[.,][0-9]{1,9}(Z|[+-][0-9]{2}:?[0-9]{2})?", fullmatch=True
    ),
    st.from_regex(r"[0-9a-fA-F]{7,9}", fullmatch=True),
    st.from_regex(r"[+-]?\d+(\.\d*)?([eE][+-]?\d{1,3})?", fullmatch=True),
    st.text(max_size=40),
)


@st.composite
def mutated(draw, cursors):
    """A cursor with one character inserted, removed or replaced."""
    cursor = draw(cursors)
    at = draw(st.integers(0, len(cursor)))
    cut = draw(st.integers(0, 1))
    return cursor[:at] + draw(st.text(max_size=1)) + cursor[at + cut :]


CURSOR_TEXTS = st.one_of(
    st.text(),
    st.text().map(b64),
    st.lists(NEAR_PARTS, max_size=4).map(lambda parts: b64("|".join(parts))),
    mutated(keys_with_values().map(lambda kv: encode_cursor(*kv))),
    keys_with_values().map(lambda kv: encode_cursor(*kv) + "="),
)


@settings(database=None, max_examples=300)
@given(KEYS, CURSOR_TEXTS)
def test_any_text_decodes_to_a_valid_key_or_is_cursor_invalid(key, text):
    try:
        values = decode_cursor(key, text)
    except ApiError as error:
        assert (error.status, error.codes) == (400, ["cursor_invalid"])
        return
    assert encode_cursor(key, values) == text
    for part, value in zip(key, values, strict=True):
        assert part.read(part.write(value)) == value
        if part is TIME:
            assert value.utcoffset().total_seconds() == 0


def test_sql_writes_the_cursors_python_reads_and_reads_what_python_binds(database_url):
    """page_cursor() of each part as the feed templates write it is encode_cursor()'s
    text, and the values the services bind are the same values to PostgreSQL."""
    with psycopg.connect(database_url, autocommit=True) as conn:

        @settings(database=None, max_examples=200)
        @given(VALUES[TIME], VALUES[UUID])
        def check(moment, item_uuid):
            row = conn.execute(
                "SELECT page_cursor(iso_time(%(moment)s), %(uuid)s::text),"
                " %(after_time)s::timestamptz = %(moment)s AND %(after_uuid)s::uuid = %(uuid)s",
                {"moment": moment, "uuid": item_uuid}
                | time_keyset(Page(1, decode_cursor(TIME_KEY, encode_cursor(TIME_KEY, (moment, item_uuid))))),
            ).fetchone()
            assert row == (
                encode_cursor(TIME_KEY, (moment, item_uuid)),
                True,
            )

        check()
