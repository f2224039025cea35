"""The demo data: it loads, loads again without change, its people can sign in,
their following timeline is full of live cruds, every counter equals its table,
and a re-run days later fills the page again. The demo conversations go to
DynamoDB Local through the message store, once."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import ddb_admin
import psycopg
import pytest
from purge_expired import purge

from lib.ddb import ddb
from services import callers

SEED = Path(__file__).resolve().parents[1] / "db" / "seed.sql"
DEMO_HANDLES = {"andrewbrown", "bayko", "londo", "mira", "tomas", "priya", "kenji"}

# Live top-level cruds by the people `handle` follows, and the live cruds those
# people reposted: what the following timeline shows.
FOLLOWING_TIMELINE = """
    WITH me AS (SELECT uuid FROM users WHERE handle = %(handle)s),
    followed AS (SELECT followed_uuid AS uuid FROM follows WHERE follower_uuid = (SELECT uuid FROM me))
    SELECT a.uuid, a.created_at, a.expires_at FROM activities a
    WHERE a.reply_to_activity_uuid IS NULL AND a.expires_at > now()
      AND (a.user_uuid IN (SELECT uuid FROM followed)
           OR EXISTS (SELECT 1 FROM reposts r
                      WHERE r.activity_uuid = a.uuid AND r.user_uuid IN (SELECT uuid FROM followed)))
    ORDER BY a.created_at DESC
"""

# Every counter that differs from the rows it counts (none, when all is well).
COUNTER_MISMATCHES = """
    SELECT 'activity', a.uuid::text FROM activities a
    WHERE a.replies_count <> (SELECT count(*) FROM activities r WHERE r.reply_to_activity_uuid = a.uuid)
       OR a.likes_count <> (SELECT count(*) FROM likes l WHERE l.activity_uuid = a.uuid)
       OR a.reposts_count <> (SELECT count(*) FROM reposts r WHERE r.activity_uuid = a.uuid)
    UNION ALL
    SELECT 'user', u.handle FROM users u
    WHERE u.followers_count <> (SELECT count(*) FROM follows f WHERE f.followed_uuid = u.uuid)
       OR u.following_count <> (SELECT count(*) FROM follows f WHERE f.follower_uuid = u.uuid)
"""

# Replies, likes, reposts and follows of another person without their notification.
UNNOTIFIED = """
    SELECT 'reply', r.uuid::text FROM activities r JOIN activities p ON p.uuid = r.reply_to_activity_uuid
    WHERE r.user_uuid <> p.user_uuid AND NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.kind = 'reply' AND n.reply_activity_uuid = r.uuid
        AND n.activity_uuid = p.uuid AND n.recipient_user_uuid = p.user_uuid AND n.actor_user_uuid = r.user_uuid)
    UNION ALL
    SELECT 'like', l.activity_uuid::text FROM likes l JOIN activities a ON a.uuid = l.activity_uuid
    WHERE l.user_uuid <> a.user_uuid AND NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.kind = 'like' AND n.activity_uuid = a.uuid
        AND n.actor_user_uuid = l.user_uuid AND n.recipient_user_uuid = a.user_uuid)
    UNION ALL
    SELECT 'repost', r.activity_uuid::text FROM reposts r JOIN activities a ON a.uuid = r.activity_uuid
    WHERE r.user_uuid <> a.user_uuid AND NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.kind = 'repost' AND n.activity_uuid = a.uuid
        AND n.actor_user_uuid = r.user_uuid AND n.recipient_user_uuid = a.user_uuid)
    UNION ALL
    SELECT 'follow', f.follower_uuid::text FROM follows f
    WHERE NOT EXISTS (
      SELECT 1 FROM notifications n WHERE n.kind = 'follow' AND n.activity_uuid IS NULL
        AND n.actor_user_uuid = f.follower_uuid AND n.recipient_user_uuid = f.followed_uuid)
"""

# The whole of what the seed writes, row by row, to compare two loads.
SNAPSHOT = {
    "local_identities": "SELECT sub, email, handle, display_name, password_hash FROM local_identities",
    "users": "SELECT uuid, handle, email, display_name, bio, followers_count, following_count FROM users",
    "activities": "SELECT uuid, user_uuid, message, ttl, reply_to_activity_uuid, replies_count, likes_count,"
    " reposts_count, created_at, expires_at FROM activities",
    "activity_terms": "SELECT lexeme, created_at, activity_uuid, expires_at FROM activity_terms",
    "likes": "SELECT activity_uuid, user_uuid, created_at FROM likes",
    "reposts": "SELECT activity_uuid, user_uuid, created_at FROM reposts",
    "follows": "SELECT follower_uuid, followed_uuid, created_at FROM follows",
    "notifications": "SELECT uuid, recipient_user_uuid, actor_user_uuid, kind, activity_uuid, reply_activity_uuid,"
    " created_at, read_at FROM notifications",
}


@pytest.fixture(autouse=True)
def _demo_people_are_new_each_test():
    """The demo people keep their subs from test to test but get new uuids with
    the emptied tables: the process must not remember the old ones."""
    callers.KNOWN_UUIDS.clear()


def load_seed(database_url):
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(SEED.read_text())
        return conn.execute("SELECT count(*) FROM users").fetchone()[0]


def snapshot(sql) -> dict:
    return {table: sorted(sql(query), key=repr) for table, query in SNAPSHOT.items()}


def live_page_after_seed(sql, handle="andrewbrown", at_least=10):
    timeline = sql(FOLLOWING_TIMELINE, {"handle": handle})
    now = sql("SELECT now()")[0][0]
    assert len(timeline) >= at_least, f"{handle}'s following timeline has {len(timeline)} live cruds"
    assert timeline[0][1] > now - timedelta(hours=2), "the newest crud is from the last two hours"
    assert all(expires > now for _, _, expires in timeline)
    return timeline


def check_exact(sql):
    assert sql(COUNTER_MISMATCHES) == []
    assert sql(UNNOTIFIED) == []


def shift_into_the_past(sql, interval: str):
    """Moves every time the seed wrote back by `interval`, as if it had run then."""
    for table in ("activities", "likes", "reposts", "follows", "notifications"):
        columns = "created_at = created_at - %(by)s::interval"
        if table == "activities":
            columns += ", expires_at = expires_at - %(by)s::interval"
        sql(f"UPDATE {table} SET {columns}", {"by": interval})  # noqa: S608 (the table names are the list's)


def test_seed_is_repeatable_and_demo_people_sign_in(client, database_url):
    first = load_seed(database_url)
    assert first == len(DEMO_HANDLES)
    assert load_seed(database_url) == first
    for email, handle in (("andrew@example.com", "andrewbrown"), ("mira@example.com", "mira")):
        response = client.post("/api/auth/signin", json={"email": email, "password": "Crud-Demo-2026"})
        assert response.status_code == 200
        profile = client.get("/api/profile", headers={"Authorization": f"Bearer {response.json['access_token']}"})
        assert profile.json["handle"] == handle
        assert profile.json["role"] == ("moderator" if handle == "mira" else "member")


def test_every_demo_person_follows_and_is_followed_with_exact_counts(database_url, sql):
    load_seed(database_url)
    people = sql("SELECT handle, followers_count, following_count FROM users")
    assert {handle for handle, _, _ in people} == DEMO_HANDLES
    assert all(followers > 0 and following > 0 for _, followers, following in people)
    check_exact(sql)


def test_the_first_page_is_full_of_live_cruds_replies_likes_reposts_and_notifications(database_url, sql, client):
    load_seed(database_url)
    live_page_after_seed(sql, "andrewbrown", at_least=10)
    for handle in DEMO_HANDLES:
        live_page_after_seed(sql, handle, at_least=5)
    counts = dict(
        sql(
            "SELECT 'replies', count(*) FROM activities WHERE reply_to_activity_uuid IS NOT NULL"
            " UNION ALL SELECT 'likes', count(*) FROM likes UNION ALL SELECT 'reposts', count(*) FROM reposts"
            " UNION ALL SELECT kind, count(*) FROM notifications GROUP BY kind"
        )
    )
    assert all(counts.get(kind, 0) > 0 for kind in ("replies", "likes", "reposts", "reply", "like", "repost", "follow"))
    assert sql("SELECT count(*) FROM activities WHERE expires_at <= now()") == [(0,)]
    assert sql(
        "SELECT count(*) FROM activities r JOIN activities p ON p.uuid = r.reply_to_activity_uuid"
        " WHERE r.ttl IS NOT NULL OR r.expires_at <> p.expires_at OR r.created_at < p.created_at"
    ) == [(0,)]
    check_exact(sql)

    # The API shows them: the feed, a thread, the notifications.
    signin = client.post("/api/auth/signin", json={"email": "andrew@example.com", "password": "Crud-Demo-2026"})
    headers = {"Authorization": f"Bearer {signin.json['access_token']}"}
    home = client.get("/api/activities/home", headers=headers).json
    assert len(home["items"]) >= 10
    welcome = next(item for item in home["items"] if item["message"].startswith("Welcome to Cruddur"))
    assert (welcome["replies_count"], welcome["likes_count"], welcome["reposts_count"]) == (2, 5, 1)
    thread = client.get(f"/api/activities/@andrewbrown/status/{welcome['uuid']}", headers=headers)
    assert thread.status_code == 200
    notifications = client.get("/api/activities/notifications", headers=headers).json
    assert {"reply", "like", "repost"} <= {item["kind"] for item in notifications["items"]}


def test_seeding_twice_changes_nothing(database_url, sql):
    load_seed(database_url)
    first = snapshot(sql)
    load_seed(database_url)
    assert snapshot(sql) == first
    check_exact(sql)


def test_counts_stay_exact_with_other_peoples_likes_and_replies(database_url, sql, client, make_user):
    load_seed(database_url)
    ada = make_user()
    crud = sql("SELECT uuid::text FROM activities WHERE message LIKE %(m)s", {"m": "Welcome to Cruddur%"})[0][0]
    assert client.post(f"/api/activities/{crud}/like", headers=ada["headers"]).json["likes_count"] == 6
    reply = client.post(f"/api/activities/{crud}/reply", json={"message": "Hello!"}, headers=ada["headers"])
    assert reply.status_code == 201
    load_seed(database_url)
    assert sql("SELECT replies_count, likes_count FROM activities WHERE uuid = %(u)s", {"u": crud}) == [(3, 6)]
    check_exact(sql)


@pytest.mark.parametrize("purged", [False, True], ids=["expired", "expired-and-purged"])
def test_a_seed_days_later_fills_the_page_again(database_url, sql, purged):
    load_seed(database_url)
    first_uuids = {row[0] for row in sql("SELECT uuid FROM activities")}
    shift_into_the_past(sql, "4 days")
    now = sql("SELECT now()")[0][0]
    assert len(sql(FOLLOWING_TIMELINE, {"handle": "andrewbrown"})) < 10, "most demo cruds have expired"
    if purged:
        purge(database_url, 100)
    load_seed(database_url)
    assert {row[0] for row in sql("SELECT uuid FROM activities")} == first_uuids, "the same cruds, under the same keys"
    timeline = live_page_after_seed(sql)
    assert any(created < now - timedelta(days=3) for _, created, _ in timeline), "a live 7-day crud was kept"
    check_exact(sql)
    again = snapshot(sql)
    load_seed(database_url)
    assert snapshot(sql) == again


def seed_conversations(monkeypatch, database_url, capsys) -> str:
    monkeypatch.setenv("CONNECTION_URL", database_url)
    ddb_admin.seed(ddb.client, ddb.table)
    return capsys.readouterr().out


def test_the_demo_conversations_are_seeded_once(app, client, database_url, monkeypatch, capsys):
    load_seed(database_url)
    assert seed_conversations(monkeypatch, database_url, capsys).count("seeded demo conversation") == 2
    assert seed_conversations(monkeypatch, database_url, capsys).count("already there") == 2

    signin = client.post("/api/auth/signin", json={"email": "andrew@example.com", "password": "Crud-Demo-2026"})
    headers = {"Authorization": f"Bearer {signin.json['access_token']}"}
    groups = client.get("/api/message_groups", headers=headers).json["items"]
    assert [(g["handle"], g["message"]) for g in groups] == [
        ("bayko", "Ship it anyway."),
        ("londo", "Spoken like a true diplomat."),
    ]
    newest = datetime.fromisoformat(groups[0]["created_at"])
    assert datetime.now(UTC) - timedelta(hours=1) < newest < datetime.now(UTC), "the conversation is from just now"
    for group in groups:
        messages = client.get(f"/api/messages/{group['message_group_uuid']}", headers=headers).json["items"]
        assert len(messages) == 3, "nothing written twice"
        times = [m["created_at"] for m in messages]
        assert times == sorted(times)


def test_a_half_written_demo_conversation_is_completed_in_place(app, client, database_url, monkeypatch, capsys):
    load_seed(database_url)
    monkeypatch.setenv("CONNECTION_URL", database_url)
    people = ddb_admin.users_by_handle(["andrewbrown", "bayko"])
    andrew, bayko = people["andrewbrown"], people["bayko"]
    pair, lines = ddb_admin.DEMO_CONVERSATIONS[0]
    assert pair == ("andrewbrown", "bayko")
    ddb_admin.seed_conversation(andrew, bayko, lines[:1])  # as if the first try had stopped after one message
    group_uuid = ddb_admin.group_uuid_for(andrew["uuid"], bayko["uuid"])
    (first,), _ = ddb_admin.message_store.list_messages(group_uuid, None, 10)

    assert "(2 messages)" in seed_conversations(monkeypatch, database_url, capsys)
    signin = client.post("/api/auth/signin", json={"email": "andrew@example.com", "password": "Crud-Demo-2026"})
    headers = {"Authorization": f"Bearer {signin.json['access_token']}"}
    group = client.get("/api/message_groups", headers=headers).json["items"][0]
    assert (group["handle"], group["message"]) == ("bayko", "Ship it anyway.")
    messages = client.get(f"/api/messages/{group['message_group_uuid']}", headers=headers).json["items"]
    assert [m["message"] for m in messages] == [text for _, _, text in lines]
    stored, _ = ddb_admin.message_store.list_messages(group_uuid, None, 10)
    assert stored[-1] == first, "the first message kept its time, the others took theirs around it"
    assert [m["created_at"] for m in reversed(stored)] == sorted(m["created_at"] for m in stored)


def test_a_conversation_the_pair_already_has_is_left_alone(app, client, database_url, monkeypatch, capsys):
    load_seed(database_url)
    signin = client.post("/api/auth/signin", json={"email": "bayko@example.com", "password": "Crud-Demo-2026"})
    headers = {"Authorization": f"Bearer {signin.json['access_token']}"}
    sent = client.post("/api/messages", json={"handle": "andrewbrown", "message": "Ours"}, headers=headers)
    assert sent.status_code == 201
    out = seed_conversations(monkeypatch, database_url, capsys)
    assert f"demo conversation {sent.json['message_group_uuid']} already there" in out
    messages = client.get(f"/api/messages/{sent.json['message_group_uuid']}", headers=headers).json["items"]
    assert [m["message"] for m in messages] == ["Ours"]


def test_a_demo_person_pointed_at_cognito_keeps_their_demo_data(database_url, sql):
    load_seed(database_url)
    sql("UPDATE users SET cognito_user_id = 'a-cognito-sub' WHERE handle = 'andrewbrown'")
    shift_into_the_past(sql, "4 days")
    load_seed(database_url)
    assert sql("SELECT count(*) FROM users") == [(len(DEMO_HANDLES),)], "no second Andrew"
    mine = sql(
        "SELECT count(*) FROM activities a JOIN users u ON u.uuid = a.user_uuid"
        " WHERE u.handle = 'andrewbrown' AND a.reply_to_activity_uuid IS NULL"
        " AND a.expires_at > now() AND a.created_at > now() - interval '1 day'"
    )
    assert mine == [(2,)], "the expired ones are back, fresh"
    live_page_after_seed(sql)
    check_exact(sql)
