"""Posting cruds and replies, and the feeds that show them."""

import time
from datetime import datetime, timedelta

import pytest


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_post_a_crud(client, make_user):
    ada = make_user(handle="ada", display_name="Ada Lovelace")
    response = client.post(
        "/api/activities", json={"message": "  Hello, world  ", "ttl": "3-hours"}, headers=ada["headers"]
    )
    assert response.status_code == 201
    crud = response.json
    assert crud["message"] == "Hello, world"
    assert (crud["handle"], crud["display_name"], crud["ttl"]) == ("ada", "Ada Lovelace", "3-hours")
    assert crud["avatar_url"] == "http://localhost:4567/avatars/placeholder/ada.svg"
    lifetime = parse_time(crud["expires_at"]) - parse_time(crud["created_at"])
    assert lifetime == timedelta(hours=3)
    assert (crud["likes_count"], crud["liked"], crud["reply_to_activity_uuid"]) == (0, False, None)


@pytest.mark.parametrize(
    ("body", "codes"),
    [
        ({"ttl": "1-day"}, ["message_blank"]),
        ({"message": "", "ttl": "1-day"}, ["message_blank"]),
        ({"message": "   ", "ttl": "1-day"}, ["message_blank"]),
        ({"message": "x" * 281, "ttl": "1-day"}, ["message_exceed_max_chars"]),
        ({"message": "hi"}, ["ttl_blank"]),
        ({"message": "hi", "ttl": ""}, ["ttl_blank"]),
        ({"message": "hi", "ttl": "2-days"}, ["ttl_invalid"]),
        ({"message": "hi", "ttl": 3600}, ["ttl_invalid"]),
        ({"message": 42, "ttl": "1-day"}, ["message_invalid"]),
        ({}, ["message_blank", "ttl_blank"]),
        ({"message": "x" * 300, "ttl": "forever"}, ["message_exceed_max_chars", "ttl_invalid"]),
    ],
)
def test_bad_crud_input_gets_every_code_and_stores_nothing(client, make_user, sql, body, codes):
    response = client.post("/api/activities", json=body, headers=make_user()["headers"])
    assert response.status_code == 422
    assert response.json == {"errors": codes}
    assert sql("SELECT count(*) FROM activities") == [(0,)]


def test_280_characters_count_characters_not_bytes(client, make_user):
    headers = make_user()["headers"]
    assert (
        client.post("/api/activities", json={"message": "é" * 280, "ttl": "1-day"}, headers=headers).status_code == 201
    )
    too_long = client.post("/api/activities", json={"message": "🙂" * 281, "ttl": "1-day"}, headers=headers)
    assert too_long.json == {"errors": ["message_exceed_max_chars"]}


def test_posting_needs_sign_in(client):
    response = client.post("/api/activities", json={"message": "hi", "ttl": "1-day"})
    assert response.status_code == 401
    assert response.json == {"errors": ["token_missing"]}


@pytest.mark.parametrize(
    "text", ["'); DROP TABLE activities; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
)
def test_hostile_text_is_stored_and_returned_verbatim(client, make_user, post_crud, sql, text):
    crud = post_crud(make_user(), text)
    assert crud["message"] == text
    assert client.get("/api/activities/home").json["items"][0]["message"] == text
    assert sql("SELECT count(*) FROM activities") == [(1,)]


def test_home_feed_newest_first_top_level_live_only(client, make_user, post_crud, expire):
    ada, bob = make_user(), make_user()
    old = post_crud(ada, "old")
    gone = post_crud(bob, "gone")
    new = post_crud(bob, "new")
    client.post(f"/api/activities/{new['uuid']}/reply", json={"message": "a reply"}, headers=ada["headers"])
    expire(gone["uuid"])

    response = client.get("/api/activities/home")
    assert response.status_code == 200
    assert [item["message"] for item in response.json["items"]] == ["new", "old"]
    assert response.json["next_cursor"] is None
    assert response.json["items"][0]["replies_count"] == 1
    assert old["uuid"] == response.json["items"][1]["uuid"]


def test_home_feed_says_what_the_caller_liked_and_reposted(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    client.post(f"/api/activities/{crud['uuid']}/repost", headers=bob["headers"])

    [as_bob] = client.get("/api/activities/home", headers=bob["headers"]).json["items"]
    assert (as_bob["liked"], as_bob["reposted"], as_bob["likes_count"], as_bob["reposts_count"]) == (True, True, 1, 1)
    [as_ada] = client.get("/api/activities/home", headers=ada["headers"]).json["items"]
    assert (as_ada["liked"], as_ada["reposted"]) == (False, False)
    [anonymous] = client.get("/api/activities/home").json["items"]
    assert (anonymous["liked"], anonymous["likes_count"]) == (False, 1)


def test_a_bad_token_on_an_open_feed_is_still_a_401(client):
    response = client.get("/api/activities/home", headers={"Authorization": "Bearer nonsense"})
    assert response.status_code == 401


def test_paging_while_new_cruds_arrive_returns_each_older_crud_once(client, make_user, post_crud, sql):
    ada = make_user()
    user_uuid = str(ada["uuid"])
    # 45 cruds a second apart, plus two posted within the same microsecond to test the tie-break.
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT %(user)s, 'crud ' || g, '1-day', now() - g * interval '1 second', now() + interval '1 day'"
        " FROM generate_series(1, 45) g",
        {"user": user_uuid},
    )
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT %(user)s, 'twin ' || g, '1-day', now() - interval '20.5 seconds', now() + interval '1 day'"
        " FROM generate_series(1, 2) g",
        {"user": user_uuid},
    )
    expected = {row[0] for row in sql("SELECT uuid::text FROM activities")}

    seen, cursor, pages = [], None, 0
    while True:
        query = "?limit=10" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(f"/api/activities/home{query}").json
        seen += [item["uuid"] for item in body["items"]]
        post_crud(ada, f"arrived during page {pages}")
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 47
    assert set(seen) == expected
    assert pages == 5


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?limit=0", "limit_invalid"),
        ("?limit=51", "limit_invalid"),
        ("?limit=ten", "limit_invalid"),
        ("?cursor=%%%", "cursor_invalid"),
        ("?cursor=bm90IGEgY3Vyc29y", "cursor_invalid"),
        ("?cursor=eHx5", "cursor_invalid"),
    ],
)
def test_bad_page_parameters_are_400(client, query, code):
    response = client.get(f"/api/activities/home{query}")
    assert response.status_code == 400
    assert response.json == {"errors": [code]}


def test_reply_expires_with_its_crud_and_notifies_the_author(client, make_user, post_crud, sql):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada, ttl="12-hours")
    response = client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": " Nice "}, headers=bob["headers"])
    assert response.status_code == 201
    reply = response.json
    assert (reply["message"], reply["ttl"], reply["reply_to_activity_uuid"]) == ("Nice", None, crud["uuid"])
    assert reply["expires_at"] == crud["expires_at"]
    assert sql("SELECT kind FROM notifications") == [("reply",)]
    # Replying to yourself notifies nobody.
    client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "thanks"}, headers=ada["headers"])
    assert sql("SELECT count(*) FROM notifications") == [(1,)]


def test_reply_to_expired_unknown_or_malformed_crud_is_404(client, make_user, post_crud, expire, sql):
    ada = make_user()
    crud = post_crud(ada)
    expire(crud["uuid"])
    for target in (crud["uuid"], "3f1f9c44-6f2b-4f7e-9d55-0d7c1a6a0c11"):
        response = client.post(f"/api/activities/{target}/reply", json={"message": "late"}, headers=ada["headers"])
        assert response.status_code == 404
        assert response.json == {"errors": ["activity_not_found"]}
    assert sql("SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NOT NULL") == [(0,)]
    malformed = client.post("/api/activities/not-a-uuid/reply", json={"message": "x"}, headers=ada["headers"])
    assert (malformed.status_code, malformed.json) == (404, {"errors": ["not_found"]})


def test_reply_validation(client, make_user, post_crud):
    ada = make_user()
    crud = post_crud(ada)
    response = client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": ""}, headers=ada["headers"])
    assert (response.status_code, response.json) == (422, {"errors": ["message_blank"]})
    assert client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "x"}).status_code == 401


def test_crud_page_shows_replies_oldest_first(client, make_user, post_crud):
    ada, bob = make_user(handle="ada"), make_user()
    crud = post_crud(ada)
    for text in ("first", "second", "third"):
        client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": text}, headers=bob["headers"])
        time.sleep(0.002)
    body = client.get(f"/api/activities/@ADA/status/{crud['uuid']}?limit=2").json
    assert body["activity"]["uuid"] == crud["uuid"]
    assert body["activity"]["replies_count"] == 3
    assert [r["message"] for r in body["items"]] == ["first", "second"]
    rest = client.get(f"/api/activities/@ada/status/{crud['uuid']}?limit=2&cursor={body['next_cursor']}").json
    assert [r["message"] for r in rest["items"]] == ["third"]
    assert rest["next_cursor"] is None


def test_crud_page_404s(client, make_user, post_crud, expire, raw_client):
    ada = make_user(handle="ada")
    make_user(handle="bob")
    crud = post_crud(ada)
    assert client.get(f"/api/activities/@bob/status/{crud['uuid']}").status_code == 404
    assert client.get("/api/activities/@ada/status/3f1f9c44-6f2b-4f7e-9d55-0d7c1a6a0c11").status_code == 404
    assert raw_client.get("/api/activities/@ada/status/12345").status_code == 404
    expire(crud["uuid"])
    response = client.get(f"/api/activities/@ada/status/{crud['uuid']}")
    assert (response.status_code, response.json) == (404, {"errors": ["activity_not_found"]})


def test_profile_and_user_feed(client, make_user, post_crud, expire):
    ada, bob = make_user(handle="ada", display_name="Ada"), make_user()
    post_crud(ada, "one")
    gone = post_crud(ada, "gone")
    post_crud(ada, "two")
    post_crud(bob, "not ada's")
    expire(gone["uuid"])
    body = client.get("/api/activities/@Ada").json
    assert body["profile"]["handle"] == "ada"
    assert body["profile"]["display_name"] == "Ada"
    assert body["profile"]["cruds_count"] == 2
    assert body["profile"]["avatar_url_large"].endswith("/avatars/placeholder/ada.svg")
    assert [item["message"] for item in body["items"]] == ["two", "one"]
    missing = client.get("/api/activities/@nobody")
    assert (missing.status_code, missing.json) == (404, {"errors": ["user_not_found"]})


def test_user_short(client, make_user):
    make_user(handle="Grace", display_name="Grace Hopper")
    response = client.get("/api/users/@grace/short")
    assert response.json["handle"] == "Grace" and response.json["display_name"] == "Grace Hopper"
    assert client.get("/api/users/@nobody/short").json == {"errors": ["user_not_found"]}
