"""What the read routes show is exact: every answer is built from PostgreSQL
(and DynamoDB for messages) on the request that asks for it, so nobody, the
writer included, sees one older than a committed write."""

import threading
import time

import pytest


def messages(response) -> list[str]:
    return [item["message"] for item in response.json["items"]]


def test_the_writer_sees_their_write_at_once(client, make_user, post_crud):
    ada = make_user()
    post_crud(ada, "first")
    assert messages(client.get("/api/activities/home", headers=ada["headers"])) == ["first"]
    post_crud(ada, "second")
    assert messages(client.get("/api/activities/home", headers=ada["headers"])) == ["second", "first"]
    crud = client.get("/api/activities/home").json["items"][0]
    client.post(f"/api/activities/{crud['uuid']}/like", headers=ada["headers"])
    assert client.get("/api/activities/home", headers=ada["headers"]).json["items"][0]["liked"] is True


def test_a_write_outside_the_api_is_seen_on_the_next_read(client, make_user, post_crud, sql):
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
    assert client.get("/api/activities/public", headers=ada["headers"]).json["items"][0]["liked"] is True
    assert client.get("/api/activities/home", headers=bob["headers"]).json["items"][0]["liked"] is False
    assert client.get("/api/activities/home").json["items"][0]["liked"] is False
    assert client.get("/api/activities/notifications", headers=bob["headers"]).json["unread_count"] == 1
    assert client.get("/api/activities/notifications", headers=ada["headers"]).json["unread_count"] == 0


def test_a_person_missing_a_moment_ago_is_found_once_they_exist(client, make_user):
    assert client.get("/api/activities/@ada").status_code == 404
    make_user(handle="ada")
    assert client.get("/api/activities/@ada").status_code == 200


def test_an_expired_crud_is_gone_from_the_next_read(client, make_user, post_crud, sql):
    """Cruds expire by the clock, with no write: the read after that moment no longer shows one."""
    crud = post_crud(make_user(), "short-lived")
    sql("UPDATE activities SET expires_at = now() + interval '0.5 s' WHERE uuid = %(uuid)s", {"uuid": crud["uuid"]})
    assert messages(client.get("/api/activities/home")) == ["short-lived"]
    time.sleep(0.6)
    assert messages(client.get("/api/activities/home")) == []


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
def test_a_parameter_the_route_does_not_read_changes_nothing(client, make_user, post_crud, junk):
    post_crud(make_user(), "hello")
    first = client.get("/api/activities/home")
    again = client.get(f"/api/activities/home?{junk}")
    assert again.status_code == 200
    assert again.json == first.json


def test_a_parameter_the_route_reads_counts_beside_junk(client, make_user, post_crud):
    ada = make_user()
    post_crud(ada, "rocket one")
    post_crud(ada, "rocket two")
    assert len(client.get("/api/activities/home").json["items"]) == 2
    assert len(client.get("/api/activities/home?limit=1&x=1").json["items"]) == 1
    assert messages(client.get("/api/activities/search?term=one&x=1")) == ["rocket one"]
    assert messages(client.get("/api/activities/search?term=two&zzz=")) == ["rocket two"]


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
def test_junk_parameters_change_no_read_route_s_answer(client, make_user, post_crud, path):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada, "hello")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    sent = client.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
    path = path.format(handle=ada["handle"], crud=crud["uuid"], group=sent.json["message_group_uuid"])
    first = client.get(path, headers=ada["headers"])
    assert first.status_code == 200
    junk = "&" if "?" in path else "?"
    again = client.get(f"{path}{junk}cursor_=&zzz=&x=1&limit[]=2", headers=ada["headers"])
    assert (again.status_code, again.json) == (200, first.json)
