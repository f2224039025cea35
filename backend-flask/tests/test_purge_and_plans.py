"""bin/db/purge-expired's work, and the query plans that keep feeds fast."""

import subprocess
import sys

import psycopg
import pytest

from conftest import BACKEND_DIR, reader_params
from lib.db import db, template_beside
from services.callers import CALLER


def test_purge_deletes_expired_cruds_and_what_hangs_off_them(client, make_user, post_crud, expire, sql, database_url):
    ada, bob = make_user(), make_user()
    gone = [post_crud(ada, f"gone {i}") for i in range(3)]
    kept = post_crud(ada, "kept")
    for crud in (gone[0], kept):
        client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "re"}, headers=bob["headers"])
        client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    for crud in gone:
        expire(crud["uuid"])

    result = subprocess.run(
        [sys.executable, str(BACKEND_DIR / "db" / "purge_expired.py"), "2"],
        env={"CONNECTION_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert len(lines) >= 3, "more than one batch"
    # the reply may go by cascade
    assert {"3 expired activities deleted", "4 expired activities deleted"} & set(lines)
    assert sql("SELECT message FROM activities ORDER BY message") == [("kept",), ("re",)]
    assert sql("SELECT count(*) FROM likes") == [(1,)]
    assert sql("SELECT count(*) FROM notifications") == [(2,)]


def plan(database_url, name, params, cognito_user_id=None, timeline_plan=None) -> str:
    """The plan of a read as services/callers.read_as runs it, for the
    caller with this cognito_user_id (None: nobody signed in)."""
    with psycopg.connect(database_url) as conn:
        if timeline_plan:
            conn.execute(f"SET cruddur.timeline_plan = '{timeline_plan}'")
        statement = "EXPLAIN " + template_beside(name, "caller", CALLER)
        rows = conn.execute(statement, params | reader_params(conn, cognito_user_id)).fetchall()
    return "\n".join(row[0] for row in rows)


def test_feeds_use_their_indexes_on_100k_cruds(make_user, sql, database_url):
    users = [make_user() for _ in range(10)]
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT (%(users)s::uuid[])[1 + g %% 10], 'crud number ' || g, '1-day',"
        " now() - g * interval '1 second', now() + interval '1 day' FROM generate_series(1, 100000) g",
        {"users": [str(u["uuid"]) for u in users]},
    )
    sql("ANALYZE")
    first_page = {"limit": 20, "after_time": "infinity", "after_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff"}
    public = plan(database_url, "activities/public", first_page, users[0]["sub"])
    assert "Index Scan using activities_home_idx" in public
    assert "Seq Scan on activities" not in public

    # The following timeline's three ways: everyone's cruds in time order
    # (checked against a hash of the follows, or a probe each), or each
    # followed person's own.
    sql(
        "INSERT INTO follows (follower_uuid, followed_uuid) SELECT %(me)s, uuid FROM users WHERE uuid <> %(me)s",
        {"me": users[0]["uuid"]},
    )
    for forced, index in (
        ("hashed", "activities_home_idx"),
        ("probed", "activities_home_idx"),
        ("by_author", "activities_user_idx"),
    ):
        following = plan(database_url, "activities/following", first_page, users[0]["sub"], forced)
        assert f"using {index} on activities" in following, forced
        assert "Seq Scan on activities" not in following

    feed = plan(database_url, "activities/user_feed", first_page | {"handle": users[1]["handle"]})
    assert "activities_user_idx" in feed
    assert "Seq Scan on activities" not in feed

    search = plan(
        database_url,
        "activities/search",
        first_page | {"term": "4242", "budget": 100},
    )
    assert "Index Only Scan Backward using activity_terms_pkey" in search
    assert "Seq Scan on activit" not in search


def test_each_visibility_check_is_a_probe_a_crud_whoever_owns_the_blocks(make_user, sql, database_url):
    """With one person owning every block and mute (as a planner's statistics
    then say of everyone), a page still checks each crud by an index probe of
    its own rather than joining it against the viewer's whole lists, or
    reading every crud (migration 0015)."""
    people = [make_user() for _ in range(3)]
    sql(
        "INSERT INTO users (cognito_user_id, handle, email, display_name)"
        " SELECT 'other-' || g, 'other_' || g, 'other' || g || '@example.com', 'Other' FROM generate_series(1, 2000) g"
    )
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT (%(users)s::uuid[])[1 + g %% 3], 'crud ' || g, '1-day', now() - g * interval '1 second',"
        " now() + interval '1 day' FROM generate_series(1, 20000) g",
        {"users": [str(person["uuid"]) for person in people]},
    )
    for table, columns in (("blocks", "blocker_uuid, blocked_uuid"), ("mutes", "muter_uuid, muted_uuid")):
        sql(
            f"INSERT INTO {table} ({columns}) SELECT %(me)s, uuid FROM users WHERE handle LIKE 'other%%'",  # noqa: S608
            {"me": people[0]["uuid"]},
        )
    sql("ANALYZE")
    first_page = {"limit": 20, "after_time": "infinity", "after_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff"}
    for reader in (people[0], people[1]):
        public = plan(database_url, "activities/public", first_page, reader["sub"])
        assert "Index Scan using activities_home_idx" in public
        assert "Anti Join" not in public, public
        assert "SubPlan" in public


def test_a_profile_counts_live_cruds_from_the_user_index_alone(sql):
    # expires_at in the index: counting a person's live cruds needs no visit to their rows.
    [(definition,)] = sql("SELECT indexdef FROM pg_indexes WHERE indexname = 'activities_user_idx'")
    assert definition.endswith("INCLUDE (expires_at) WHERE ((reply_to_activity_uuid IS NULL) AND (removed_at IS NULL))")


def test_connections_plan_each_statement_once_and_never_compile_it(app):
    with db.connection() as conn:
        assert conn.execute("SHOW plan_cache_mode").fetchone() == ("force_generic_plan",)
        # The following timeline's generic plan is costed past jit_above_cost.
        assert conn.execute("SHOW jit").fetchone() == ("off",)


def test_purge_frees_stale_sign_ups_and_ended_windows(client, sql, database_url):
    body = {"email": "late@example.com", "handle": "late", "display_name": "Late", "password": "Sturdy-Pass-42"}
    assert client.post("/api/auth/signup", json=body).status_code == 201
    assert (
        client.post("/api/auth/signup", json={**body, "email": "new@example.com", "handle": "new"}).status_code == 201
    )
    sql("UPDATE local_identities SET created_at = now() - interval '25 hours' WHERE email = 'late@example.com'")
    sql("UPDATE rate_limit_windows SET expires_at = now() - interval '1 second' WHERE strpos(key, 'address') > 0")
    subprocess.run(
        [sys.executable, str(BACKEND_DIR / "db" / "purge_expired.py")],
        env={"CONNECTION_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    assert sql("SELECT email FROM local_identities") == [("new@example.com",)]
    assert sql("SELECT count(*) FROM rate_limit_windows WHERE strpos(key, 'address') > 0") == [(0,)]
    assert sql("SELECT count(*) FROM rate_limit_windows") != [(0,)], "live windows stay"


def test_purge_forgets_live_events_past_their_replay_window_and_expired_tickets(client, make_user, sql, database_url):
    ada, bob = make_user(), make_user()
    for _ in range(2):
        client.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
        client.post("/api/stream/ticket", headers=ada["headers"])
    sql(
        "UPDATE stream_events SET created_at = now() - interval '7 minutes'"
        " WHERE id = (SELECT min(id) FROM stream_events)"
    )
    sql(
        "UPDATE stream_tickets SET expires_at = now() - interval '1 second'"
        " WHERE ctid = (SELECT min(ctid) FROM stream_tickets)"
    )
    subprocess.run(
        [sys.executable, str(BACKEND_DIR / "db" / "purge_expired.py")],
        env={"CONNECTION_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )
    assert sql("SELECT count(*) FROM stream_events") == [(1,)], "the replay window's events stay"
    assert sql("SELECT count(*) FROM stream_tickets") == [(1,)], "a fresh ticket stays"


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("activities/public", {}),
        ("activities/following", {}),
        ("follows/followers", {"handle": "nobody"}),
        ("follows/following", {"handle": "nobody"}),
        ("activities/search", {"term": "crud", "budget": 100}),
        ("activities/user_feed", {"handle": "nobody"}),
        ("activities/thread", {"handle": "nobody", "activity_uuid": "00000000-0000-0000-0000-000000000000"}),
        ("notifications/list", {}),
    ],
)
def test_the_page_envelope_is_inlined_into_every_list(database_url, name, params):
    """keyset_page() is the one home of `items`/`next_cursor`; it costs nothing
    only while PostgreSQL inlines it (a SQL function of one expression, no
    stricter volatility than its body), rather than calling it per page."""
    first_page = {"limit": 20, "after_time": "infinity", "after_uuid": "ffffffff-ffff-ffff-ffff-ffffffffffff"}
    with psycopg.connect(database_url) as conn:
        statement = "EXPLAIN VERBOSE " + template_beside(name, "caller", CALLER)
        rows = conn.execute(statement, first_page | params | reader_params(conn, None)).fetchall()
    verbose = "\n".join(row[0] for row in rows)
    assert "json_build_object" in verbose
    assert "keyset_page" not in verbose
