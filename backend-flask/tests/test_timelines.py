"""The following timeline (home, signed in) and the public timeline."""

import json
import random
from datetime import UTC, datetime, timedelta

import psycopg
import pytest
from test_follows import follow

from conftest import reader_params
from lib.db import template_beside
from lib.pagination import TIME_KEY, page, time_keyset
from services.callers import CALLER


def messages(body: dict) -> list[str]:
    return [item["message"] for item in body["items"]]


def home(client, person=None, **query) -> dict:
    headers = person["headers"] if person else {}
    response = client.get("/api/activities/home", headers=headers, query_string=query)
    assert response.status_code == 200, response.json
    return response.json


def test_home_is_the_following_timeline_and_public_is_everyone(client, make_user, post_crud):
    me, friend, stranger = make_user(), make_user(), make_user()
    follow(client, me, friend)
    post_crud(stranger, "from a stranger")
    post_crud(friend, "from a friend")
    post_crud(me, "from me")
    assert messages(home(client, me)) == ["from me", "from a friend"]
    everyone = ["from me", "from a friend", "from a stranger"]
    assert messages(client.get("/api/activities/public", headers=me["headers"]).json) == everyone
    assert messages(client.get("/api/activities/public").json) == everyone
    assert messages(home(client)) == everyone  # a visitor's home is the public timeline


def test_following_and_unfollowing_change_the_timeline_at_once(client, make_user, post_crud):
    me, friend = make_user(), make_user()
    post_crud(friend, "posted before the follow")
    assert messages(home(client, me)) == []
    follow(client, me, friend)
    assert messages(home(client, me)) == ["posted before the follow"]
    follow(client, me, friend, on=False)
    assert messages(home(client, me)) == []


def test_a_repost_by_someone_followed_shows_once_at_its_time_with_who_reposted(client, make_user, post_crud, sql):
    me, friend, other_friend, stranger = make_user(), make_user(), make_user(display_name="Other Friend"), make_user()
    follow(client, me, friend)
    follow(client, me, other_friend)
    old = post_crud(stranger, "old crud by a stranger")
    post_crud(friend, "newer crud by a friend")
    for reposter in (friend, other_friend, stranger):
        assert client.post(f"/api/activities/{old['uuid']}/repost", headers=reposter["headers"]).status_code == 200
    body = home(client, me)
    assert messages(body) == ["old crud by a stranger", "newer crud by a friend"]
    placed = body["items"][0]
    assert placed["reposted_by"]["handle"] == other_friend["handle"]  # the newest repost among the followed
    assert placed["reposted_by"]["display_name"] == "Other Friend"
    assert body["items"][1]["reposted_by"] is None
    # Elsewhere a crud is not placed by a repost.
    assert all(item["reposted_by"] is None for item in client.get("/api/activities/public").json["items"])


def test_expired_cruds_leave_the_timeline_even_when_reposted(client, make_user, post_crud, expire):
    me, friend = make_user(), make_user()
    follow(client, me, friend)
    crud = post_crud(friend, "short lived")
    client.post(f"/api/activities/{crud['uuid']}/repost", headers=friend["headers"])
    assert messages(home(client, me)) == ["short lived"]
    expire(crud["uuid"])
    assert messages(home(client, me)) == []


def model_timeline(people, viewer, follows, cruds, reposts, now):
    """What the timeline should be: (time, uuid) of each crud, newest first."""
    seen = {viewer} | {b for a, b in follows if a == viewer}
    placed = {}
    for uuid, author, created_at, expires_at in cruds:
        if expires_at <= now:
            continue
        times = [created_at] if author in seen else []
        times += [at for crud, who, at in reposts if crud == uuid and who in seen]
        if times:
            placed[uuid] = max(times)
    return sorted(((at, uuid) for uuid, at in placed.items()), reverse=True)


def read_pages(database_url, sub, plan, limit):
    """Every page of the following timeline read straight from its SQL with a
    plan forced: the (time, uuid) of each item, in order, and the page sizes."""
    statement = template_beside("activities/following", "caller", CALLER)
    seen, sizes, args = [], [], {"limit": str(limit)}
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"SET cruddur.timeline_plan = '{plan}'")
        while True:
            params = time_keyset(page(args, TIME_KEY)) | reader_params(conn, sub)
            body = json.loads(conn.execute(statement, params).fetchone()[0])
            sizes.append(len(body["items"]))
            for item in body["items"]:
                at = (item["reposted_by"] or {}).get("reposted_at") or item["created_at"]
                seen.append((datetime.fromisoformat(at), item["uuid"]))
            if body["next_cursor"] is None:
                return seen, sizes
            args = {"limit": str(limit), "cursor": body["next_cursor"]}
            assert len(sizes) < 200, "the pages do not end"


@pytest.mark.parametrize("seed", [1, 2])
def test_both_plans_page_through_exactly_the_model_timeline(database_url, make_user, sql, seed):
    """Random people, follows, cruds (some expired) and reposts: each plan, in
    pages of three, shows every crud the model says once, in order."""
    draw = random.Random(seed)
    people = [make_user() for _ in range(8)]
    uuids = [str(p["uuid"]) for p in people]
    viewer = people[0]
    follows = {(uuids[0], b) for b in draw.sample(uuids[1:], 4)}
    follows |= {(a, b) for a in uuids[1:] for b in draw.sample(uuids, 2) if a != b}
    now = datetime.now(UTC)
    cruds = []
    for n in range(60):
        created_at = now - timedelta(minutes=n * 3 + draw.random())
        expires_at = created_at + timedelta(hours=2) if draw.random() < 0.15 else now + timedelta(days=1)
        cruds.append((draw.choice(uuids), created_at, expires_at))
    rows = sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT u, 'crud ' || n, '1-day', c, e"
        " FROM unnest(%(authors)s::uuid[], %(created)s::timestamptz[], %(expires)s::timestamptz[])"
        "   WITH ORDINALITY AS t(u, c, e, n)"
        " RETURNING uuid, user_uuid, created_at, expires_at",
        {
            "authors": [c[0] for c in cruds],
            "created": [c[1] for c in cruds],
            "expires": [c[2] for c in cruds],
        },
    )
    cruds = [(str(u), str(a), c, e) for u, a, c, e in rows]
    reposts = {}
    for uuid, _, created_at, _ in draw.sample(cruds, 25):
        for who in draw.sample(uuids, draw.randint(1, 3)):
            reposts[(uuid, who)] = created_at + timedelta(minutes=draw.uniform(0, 100))
    reposts = [(crud, who, at) for (crud, who), at in reposts.items() if at < now]
    sql(
        "INSERT INTO reposts (activity_uuid, user_uuid, created_at)"
        " SELECT * FROM unnest(%(cruds)s::uuid[], %(who)s::uuid[], %(at)s::timestamptz[])",
        {"cruds": [r[0] for r in reposts], "who": [r[1] for r in reposts], "at": [r[2] for r in reposts]},
    )
    sql(
        "INSERT INTO follows (follower_uuid, followed_uuid) SELECT * FROM unnest(%(a)s::uuid[], %(b)s::uuid[])",
        {"a": [a for a, _ in follows], "b": [b for _, b in follows]},
    )
    sql("UPDATE users u SET following_count = (SELECT count(*) FROM follows WHERE follower_uuid = u.uuid)")
    sql("UPDATE activities a SET reposts_count = (SELECT count(*) FROM reposts WHERE activity_uuid = a.uuid)")
    expected = model_timeline(uuids, uuids[0], follows, cruds, reposts, now)
    assert len(expected) > 10
    for plan in ("hashed", "probed", "by_author"):
        seen, sizes = read_pages(database_url, viewer["sub"], plan, limit=3)
        assert seen == expected, plan
        assert max(sizes) == 3
