"""The read routes' cache (lib/read_cache.py): answers are reused only while
no write has committed since, and for at most READ_CACHE_SECONDS."""

import threading
import time

import psycopg
import pytest

from lib.db import db, template


@pytest.fixture
def feed_queries(monkeypatch):
    """Counts the queries of each SQL template the app runs."""
    counts: dict[str, int] = {}
    fetch = db._fetch

    def counting(name, *args, **kwargs):
        counts[name] = counts.get(name, 0) + 1
        return fetch(name, *args, **kwargs)

    monkeypatch.setattr(db, "_fetch", counting)
    return counts


def messages(response) -> list[str]:
    return [item["message"] for item in response.json["items"]]


def test_a_repeated_read_is_answered_without_building_it_again(client, make_user, post_crud, feed_queries):
    post_crud(make_user(), "first")
    first = client.get("/api/activities/home")
    again = client.get("/api/activities/home")
    assert again.json == first.json
    assert feed_queries["activities/home"] == 1
    assert feed_queries["content/version"] == 2


def test_a_signed_in_hit_costs_one_statement(client, make_user, post_crud, feed_queries):
    """The caller's lookup reads the content version too, so a kept answer
    for a signed-in person costs that one round trip."""
    ada = make_user()
    post_crud(ada, "first")
    client.get("/api/activities/home", headers=ada["headers"])
    feed_queries.clear()
    again = client.get("/api/activities/home", headers=ada["headers"])
    assert messages(again) == ["first"]
    assert feed_queries == {"users/caller_by_cognito_user_id": 1}


def test_the_writer_sees_their_write_at_once(client, make_user, post_crud):
    ada = make_user()
    post_crud(ada, "first")
    assert messages(client.get("/api/activities/home", headers=ada["headers"])) == ["first"]
    post_crud(ada, "second")
    assert messages(client.get("/api/activities/home", headers=ada["headers"])) == ["second", "first"]
    crud = client.get("/api/activities/home").json["items"][0]
    client.post(f"/api/activities/{crud['uuid']}/like", headers=ada["headers"])
    assert client.get("/api/activities/home", headers=ada["headers"]).json["items"][0]["liked"] is True


def test_a_write_outside_the_api_ends_the_kept_answers(client, make_user, post_crud, sql):
    ada = make_user(handle="ada")
    crud = post_crud(ada, "before")
    for path in ("/api/activities/home", "/api/activities/@ada", f"/api/activities/@ada/status/{crud['uuid']}"):
        client.get(path)
    sql("UPDATE users SET display_name = 'Countess' WHERE handle = 'ada'")
    assert client.get("/api/activities/home").json["items"][0]["display_name"] == "Countess"
    assert client.get("/api/activities/@ada").json["profile"]["display_name"] == "Countess"
    assert client.get(f"/api/activities/@ada/status/{crud['uuid']}").json["activity"]["display_name"] == "Countess"


def test_each_caller_gets_their_own_answer(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(bob, "like me")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=ada["headers"])
    assert client.get("/api/activities/home", headers=ada["headers"]).json["items"][0]["liked"] is True
    assert client.get("/api/activities/home", headers=bob["headers"]).json["items"][0]["liked"] is False
    assert client.get("/api/activities/home").json["items"][0]["liked"] is False
    assert client.get("/api/activities/notifications", headers=bob["headers"]).json["unread_count"] == 1
    assert client.get("/api/activities/notifications", headers=ada["headers"]).json["unread_count"] == 0


def test_errors_are_not_kept(client, make_user):
    assert client.get("/api/activities/@ada").status_code == 404
    make_user(handle="ada")
    assert client.get("/api/activities/@ada").status_code == 200


def test_an_answer_ends_when_a_crud_expires(make_client, make_user, post_crud, sql, feed_queries):
    """Cruds expire by the clock, with no write: an answer showing one must go then."""
    client = make_client(read_cache_seconds=60)
    crud = post_crud(make_user(), "short-lived")
    sql("UPDATE activities SET expires_at = now() + interval '0.4 s' WHERE uuid = %(uuid)s", {"uuid": crud["uuid"]})
    assert messages(client.get("/api/activities/home")) == ["short-lived"]
    assert messages(client.get("/api/activities/home")) == ["short-lived"]
    assert feed_queries["activities/home"] == 1
    time.sleep(0.45)
    assert messages(client.get("/api/activities/home")) == []


def test_an_answer_is_kept_no_longer_than_read_cache_seconds(make_client, make_user, post_crud, feed_queries):
    client = make_client(read_cache_seconds=0.3)
    post_crud(make_user(), "hello")
    client.get("/api/activities/home")
    client.get("/api/activities/home")
    time.sleep(0.35)
    client.get("/api/activities/home")
    assert feed_queries["activities/home"] == 2


def test_zero_seconds_turns_the_cache_off(make_client, make_user, post_crud, feed_queries):
    client = make_client(read_cache_seconds=0)
    post_crud(make_user(), "hello")
    client.get("/api/activities/home")
    client.get("/api/activities/home")
    assert feed_queries["activities/home"] == 2
    assert "content/version" not in feed_queries


def content_version(conn) -> int:
    return conn.execute(template("content/version")).fetchone()[0]


def test_the_version_changes_once_per_transaction_and_only_at_commit(database_url, make_user):
    ada = make_user()
    with psycopg.connect(database_url, autocommit=True) as reader, psycopg.connect(database_url) as writer:
        before = content_version(reader)
        for message in ("one", "two"):
            writer.execute(
                "INSERT INTO activities (user_uuid, message, ttl, expires_at)"
                " VALUES (%(user)s, %(message)s, '1-day', now() + interval '1 day')",
                {"user": ada["uuid"], "message": message},
            )
        writer.execute("UPDATE users SET bio = 'busy' WHERE uuid = %(user)s", {"user": ada["uuid"]})
        assert content_version(reader) == before
        writer.commit()
        assert content_version(reader) == before + 1
        writer.execute("UPDATE users SET bio = 'undone' WHERE uuid = %(user)s", {"user": ada["uuid"]})
        writer.rollback()
        assert content_version(reader) == before + 1


def test_concurrent_writers_all_commit(client, make_user, post_crud):
    """Writers on other connections and the same crud neither deadlock nor fail."""
    people = [make_user() for _ in range(12)]
    crud = post_crud(people[0], "popular")
    results = []

    def react(person):
        for kind in ("like", "repost"):
            results.append(client.post(f"/api/activities/{crud['uuid']}/{kind}", headers=person["headers"]).status_code)
        post_crud(person, f"from {person['handle']}")

    threads = [threading.Thread(target=react, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [200] * 24
    shown = client.get(f"/api/activities/@{people[0]['handle']}/status/{crud['uuid']}").json["activity"]
    assert (shown["likes_count"], shown["reposts_count"]) == (12, 12)


def test_a_sent_message_shows_at_once_to_both(client, make_user):
    """Messages live in DynamoDB, where no trigger moves the version: sending does."""
    ada, bob = make_user(), make_user()

    def send(message):
        return client.post("/api/messages", json={"handle": bob["handle"], "message": message}, headers=ada["headers"])

    group = send("one").json["message_group_uuid"]
    for person in (ada, bob):
        client.get("/api/message_groups", headers=person["headers"])
        client.get(f"/api/messages/{group}", headers=person["headers"])
    send("two")
    for person in (ada, bob):
        assert client.get("/api/message_groups", headers=person["headers"]).json["items"][0]["message"] == "two"
        conversation = client.get(f"/api/messages/{group}", headers=person["headers"]).json
        assert [item["message"] for item in conversation["items"]] == ["one", "two"]


@pytest.mark.parametrize("junk", ["x=1", "cursor_=&zzz=", "LIMIT=5", "term=other", "limit[]=2"])
def test_a_parameter_the_route_does_not_read_shares_its_entry(client, make_user, post_crud, feed_queries, junk):
    post_crud(make_user(), "hello")
    first = client.get("/api/activities/home")
    again = client.get(f"/api/activities/home?{junk}")
    assert again.json == first.json
    assert feed_queries["activities/home"] == 1


def test_a_parameter_the_route_reads_still_has_its_own_entry(client, make_user, post_crud, feed_queries):
    ada = make_user()
    post_crud(ada, "rocket one")
    post_crud(ada, "rocket two")
    assert len(client.get("/api/activities/home").json["items"]) == 2
    assert len(client.get("/api/activities/home?limit=1").json["items"]) == 1
    assert len(client.get("/api/activities/home?limit=1&x=1").json["items"]) == 1
    assert feed_queries["activities/home"] == 2
    assert messages(client.get("/api/activities/search?term=one&x=1")) == ["rocket one"]
    assert messages(client.get("/api/activities/search?term=two")) == ["rocket two"]
    assert messages(client.get("/api/activities/search?term=one")) == ["rocket one"]
    assert feed_queries["activities/search"] == 2


@pytest.mark.parametrize(
    "path",
    [
        "/api/activities/home",
        "/api/activities/@{handle}",
        "/api/activities/@{handle}/status/{crud}",
        "/api/activities/search?term=hello",
        "/api/activities/notifications",
        "/api/message_groups",
        "/api/messages/{group}",
    ],
)
def test_junk_parameters_cannot_push_a_kept_answer_out(make_client, make_user, post_crud, feed_queries, path):
    """On every cached route. The cache holds two answers here, and a hundred
    variants of another request that differ only in junk take one entry."""
    client = make_client(read_cache_entries=2)
    ada, bob = make_user(), make_user()
    crud = post_crud(ada, "hello")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    sent = client.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
    path = path.format(handle=ada["handle"], crud=crud["uuid"], group=sent.json["message_group_uuid"])
    assert client.get(path, headers=ada["headers"]).status_code == 200
    builds = feed_queries["content/next_expiry"]  # asked once per answer built
    for n in range(100):
        assert client.get(f"/api/activities/home?x={n}", headers=bob["headers"]).status_code == 200
    junk = "&" if "?" in path else "?"
    assert client.get(f"{path}{junk}cursor_=&zzz=", headers=ada["headers"]).status_code == 200
    assert feed_queries["content/next_expiry"] == builds + 1  # bob's home once; ada's answer was kept
