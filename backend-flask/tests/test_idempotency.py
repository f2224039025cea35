"""Idempotency-Key on posting, replying and messaging: a retry with the same key
and body writes nothing and gets the first answer; the same key for another
request is refused; keys are per person and live 24 hours."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from purge_expired import purge_idempotency_keys

from conftest import closed_port
from lib.db import db
from lib.ddb import create_client, ddb
from lib.errors import Unavailable
from lib.message_store import group_uuid_for

CRUD = {"message": "only once", "ttl": "1-day"}


def keyed(user, key):
    return user["headers"] | {"Idempotency-Key": key}


def post(client, user, key, body=CRUD):
    return client.post("/api/activities", json=body, headers=keyed(user, key))


def send(client, user, key, **body):
    return client.post("/api/messages", json=body, headers=keyed(user, key))


def count(sql, table, where="true", params=None):
    return sql(f"SELECT count(*) FROM {table} WHERE {where}", params)[0][0]  # noqa: S608 (the tests' own names)


def messages_in(group_uuid) -> list[dict]:
    items = ddb.client.query(
        TableName=ddb.table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": f"MSG#{group_uuid}"}},
        ConsistentRead=True,
    )["Items"]
    return [{name: value["S"] for name, value in item.items()} for item in items]


def test_a_retried_post_writes_one_crud_and_gets_the_first_answer(client, make_user, sql):
    ada = make_user()
    first = post(client, ada, "submit-1")
    again = post(client, ada, "submit-1")
    assert first.status_code == again.status_code == 201
    assert again.json == first.json
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert count(sql, "activities") == 1
    assert count(sql, "idempotency_keys") == 1


def test_the_same_request_in_other_spacing_or_order_is_the_same_request(client, make_user, sql):
    ada = make_user()
    first = post(client, ada, "k")
    again = client.post(
        "/api/activities",
        data='{ "ttl" : "1-day",\n  "message": "only once" }',
        headers=keyed(ada, "k") | {"Content-Type": "application/json"},
    )
    assert (again.status_code, again.json) == (201, first.json)
    assert count(sql, "activities") == 1


def test_a_retried_reply_writes_one_reply_and_one_notification(client, make_user, post_crud, sql):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    path = f"/api/activities/{crud['uuid']}/reply"
    first = client.post(path, json={"message": "re"}, headers=keyed(bob, "reply-1"))
    again = client.post(path, json={"message": "re"}, headers=keyed(bob, "reply-1"))
    assert (first.status_code, again.status_code, again.json) == (201, 201, first.json)
    assert count(sql, "activities", "reply_to_activity_uuid IS NOT NULL") == 1
    assert sql("SELECT replies_count FROM activities WHERE uuid = %(u)s", {"u": crud["uuid"]}) == [(1,)]
    assert count(sql, "notifications") == 1


def test_a_retry_gets_its_answer_even_once_the_crud_it_replied_to_is_gone(client, make_user, post_crud, expire, sql):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    path = f"/api/activities/{crud['uuid']}/reply"
    first = client.post(path, json={"message": "re"}, headers=keyed(bob, "late"))
    expire(crud["uuid"])
    sql("UPDATE idempotency_keys SET created_at = now() - interval '1 hour'")  # still live
    again = client.post(path, json={"message": "re"}, headers=keyed(bob, "late"))
    assert (again.status_code, again.json) == (201, first.json)
    fresh = client.post(path, json={"message": "re"}, headers=keyed(bob, "other"))
    assert (fresh.status_code, fresh.json) == (404, {"errors": ["activity_not_found"]})


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/activities", {"message": "another text", "ttl": "1-day"}),
        ("/api/activities", {"message": "only once", "ttl": "1-hour"}),
        ("/api/activities", {"message": ""}),
        ("{reply}", CRUD),
    ],
    ids=["other message", "other ttl", "invalid body", "other route"],
)
def test_the_same_key_for_another_request_is_422(client, make_user, post_crud, sql, path, body):
    ada = make_user()
    reply_path = f"/api/activities/{post_crud(ada)['uuid']}/reply"
    assert post(client, ada, "k").status_code == 201
    response = client.post(path.format(reply=reply_path), json=body, headers=keyed(ada, "k"))
    assert (response.status_code, response.json) == (422, {"errors": ["idempotency_key_reused"]})
    assert count(sql, "activities") == 2, "the crud of the fixture and the first post only"


def test_a_reply_key_on_another_crud_is_422(client, make_user, post_crud):
    ada = make_user()
    first, second = post_crud(ada, "one"), post_crud(ada, "two")
    body, headers = {"message": "re"}, keyed(ada, "r")
    assert client.post(f"/api/activities/{first['uuid']}/reply", json=body, headers=headers).status_code == 201
    response = client.post(f"/api/activities/{second['uuid']}/reply", json=body, headers=headers)
    assert (response.status_code, response.json) == (422, {"errors": ["idempotency_key_reused"]})


def test_two_people_with_one_key_have_two_keys(client, make_user, sql):
    ada, bob = make_user(), make_user()
    first, second = post(client, ada, "same"), post(client, bob, "same")
    assert first.status_code == second.status_code == 201
    assert first.json["uuid"] != second.json["uuid"]
    assert (first.json["handle"], second.json["handle"]) == (ada["handle"], bob["handle"])
    assert count(sql, "activities") == 2
    assert count(sql, "idempotency_keys") == 2


def test_a_key_lives_24_hours_and_is_purged_after(client, make_user, sql, database_url):
    ada = make_user()
    first = post(client, ada, "day")
    sql("UPDATE idempotency_keys SET created_at = now() - interval '23 hours 59 minutes'")
    assert post(client, ada, "day").json == first.json

    sql("UPDATE idempotency_keys SET created_at = now() - interval '24 hours 1 second'")
    later = post(client, ada, "day", {"message": "a day later", "ttl": "1-day"})
    assert later.status_code == 201, "an expired key is free again, for any request"
    assert later.json["uuid"] != first.json["uuid"]
    assert count(sql, "activities") == 2
    assert post(client, ada, "day", {"message": "a day later", "ttl": "1-day"}).json == later.json

    post(client, ada, "old-1")
    post(client, ada, "old-2")
    sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key LIKE 'old-%%'")
    assert purge_idempotency_keys(database_url, batch=1) == 2
    assert sql("SELECT key FROM idempotency_keys") == [("day",)]


@pytest.mark.parametrize("key", ["", "x" * 256, "caf\u00e9", "tab\there", "del\x7f"])
def test_a_malformed_key_is_400_and_writes_nothing(client, make_user, sql, key):
    response = post(client, make_user(), key)
    assert (response.status_code, response.json) == (400, {"errors": ["idempotency_key_invalid"]})
    assert count(sql, "activities") == 0


def test_any_printable_ascii_up_to_255_characters_is_a_key(client, make_user):
    ada = make_user()
    for key in ["x" * 255, "a b~!{}\"'\\", "9b2f4c1e-1f0a-4c3b-8d7e-6a5b4c3d2e1f"]:
        assert post(client, ada, key).status_code == 201


def test_without_a_key_every_post_writes(client, make_user, sql):
    ada = make_user()
    assert client.post("/api/activities", json=CRUD, headers=ada["headers"]).status_code == 201
    assert client.post("/api/activities", json=CRUD, headers=ada["headers"]).status_code == 201
    assert count(sql, "activities") == 2
    assert count(sql, "idempotency_keys") == 0


def test_a_refused_post_keeps_nothing_and_the_key_stays_free(client, make_user, sql):
    ada = make_user()
    refused = post(client, ada, "k", {"message": "", "ttl": "1-day"})
    assert (refused.status_code, refused.json) == (422, {"errors": ["message_blank"]})
    assert count(sql, "idempotency_keys") == 0
    assert post(client, ada, "k").status_code == 201


def test_concurrent_posts_with_one_key_write_one_crud(app, make_user, sql):
    ada = make_user()
    start = threading.Barrier(6)

    def write(_):
        start.wait()
        return app.test_client().post("/api/activities", json=CRUD, headers=keyed(ada, "double-click"))

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(write, range(6)))
    assert [r.status_code for r in responses] == [201] * 6
    assert len({r.json["uuid"] for r in responses}) == 1
    assert count(sql, "activities") == 1


def test_a_retried_message_writes_one_message(client, make_user):
    ada, bob = make_user(), make_user()
    first = send(client, ada, "m-1", handle=bob["handle"], message="hello")
    again = send(client, ada, "m-1", handle=bob["handle"], message="hello")
    assert (first.status_code, again.status_code, again.json) == (201, 201, first.json)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert [m["message"] for m in messages_in(first.json["message_group_uuid"])] == ["hello"]
    other = send(client, ada, "m-1", handle=bob["handle"], message="hello again")
    assert (other.status_code, other.json) == (422, {"errors": ["idempotency_key_reused"]})


@pytest.fixture
def answer_keeping_fails_once(monkeypatch):
    """The first step that keeps a message's answer, once it reached DynamoDB, finds PostgreSQL gone."""
    execute = db.execute
    failures = []

    def failing_once(name, params=None, conn=None):
        if name == "idempotency/answer_claim" and not failures:
            failures.append(name)
            raise Unavailable("postgres_unavailable")
        return execute(name, params, conn)

    monkeypatch.setattr(db, "execute", failing_once)
    return failures


def test_a_message_retried_after_its_answer_was_not_kept_is_written_once(client, make_user, answer_keeping_fails_once):
    ada, bob = make_user(), make_user()
    group = group_uuid_for(ada["uuid"], bob["uuid"])
    failed = send(client, ada, "flaky", handle=bob["handle"], message="are you there?")
    assert (failed.status_code, failed.json) == (503, {"errors": ["postgres_unavailable"]})
    assert answer_keeping_fails_once, "the step did fail"
    [written] = messages_in(group)

    retry = send(client, ada, "flaky", handle=bob["handle"], message="are you there?")
    assert retry.status_code == 201
    assert retry.json["message"]["uuid"] == written["message_uuid"]
    assert retry.json["message"]["created_at"] == written["created_at"]
    assert [m["message"] for m in messages_in(group)] == ["are you there?"]
    assert send(client, ada, "flaky", handle=bob["handle"], message="are you there?").json == retry.json
    conversation = client.get(f"/api/messages/{group}", headers=bob["headers"]).json
    assert [m["uuid"] for m in conversation["items"]] == [retry.json["message"]["uuid"]]


def test_a_message_retried_after_dynamodb_was_down_takes_its_place(client, make_user, monkeypatch):
    ada, bob = make_user(), make_user()
    group = send(client, ada, "a", handle=bob["handle"], message="first").json["message_group_uuid"]
    working = ddb.client
    monkeypatch.setattr(ddb, "client", create_client("us-east-1", f"http://127.0.0.1:{closed_port()}"))
    assert send(client, ada, "b", handle=bob["handle"], message="second").status_code == 503
    monkeypatch.setattr(ddb, "client", working)
    assert send(client, bob, "c", message_group_uuid=group, message="third").status_code == 201

    retry = send(client, ada, "b", handle=bob["handle"], message="second")
    assert retry.status_code == 201
    items = client.get(f"/api/messages/{group}", headers=bob["headers"]).json["items"]
    assert [m["message"] for m in items] == ["first", "second", "third"]
    groups = client.get("/api/message_groups", headers=ada["headers"]).json["items"]
    assert [g["message"] for g in groups] == ["third"], "the newest message stays the conversation's last"


def test_concurrent_messages_with_one_key_write_one_message(app, make_user):
    ada, bob = make_user(), make_user()
    start = threading.Barrier(5)

    def write(_):
        start.wait()
        return app.test_client().post(
            "/api/messages", json={"handle": bob["handle"], "message": "once"}, headers=keyed(ada, "race")
        )

    with ThreadPoolExecutor(max_workers=5) as pool:
        responses = list(pool.map(write, range(5)))
    assert [r.status_code for r in responses] == [201] * 5
    assert len({r.json["message"]["uuid"] for r in responses}) == 1
    assert [m["message"] for m in messages_in(group_uuid_for(ada["uuid"], bob["uuid"]))] == ["once"]


def test_the_web_app_may_send_the_header_from_its_own_origin(raw_client):
    preflight = raw_client.options(
        "/api/messages",
        headers={
            "Origin": "http://localhost:3000",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
        },
    )
    allowed = {h.strip().lower() for h in preflight.headers["Access-Control-Allow-Headers"].split(",")}
    assert "idempotency-key" in allowed
