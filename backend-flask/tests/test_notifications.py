"""Notifications: someone replied to, liked or reposted your crud."""


def test_replies_likes_and_reposts_reach_the_author(client, make_user, post_crud, expire):
    ada, bob = make_user(handle="ada"), make_user(handle="bob", display_name="Bob")
    crud = post_crud(ada, "my crud")
    gone = post_crud(ada, "short-lived")
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    client.post(f"/api/activities/{crud['uuid']}/repost", headers=bob["headers"])
    client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "nice one"}, headers=bob["headers"])
    client.post(f"/api/activities/{gone['uuid']}/like", headers=bob["headers"])
    expire(gone["uuid"])

    body = client.get("/api/activities/notifications", headers=ada["headers"]).json
    assert [n["kind"] for n in body["items"]] == ["reply", "repost", "like"]
    assert body["unread_count"] == 3
    reply = body["items"][0]
    assert reply["actor"]["display_name"] == "Bob"
    assert reply["activity"] == {"uuid": crud["uuid"], "message": "my crud", "handle": "ada"}
    assert reply["reply"]["message"] == "nice one"
    assert body["items"][1]["reply"] is None

    assert client.get("/api/activities/notifications", headers=bob["headers"]).json["items"] == []

    read = client.post("/api/activities/notifications/read", headers=ada["headers"])
    assert read.json == {"unread_count": 0}
    after = client.get("/api/activities/notifications", headers=ada["headers"]).json
    assert after["unread_count"] == 0
    assert all(n["read"] for n in after["items"])


def test_unliking_takes_the_notification_back(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    client.delete(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    assert client.get("/api/activities/notifications", headers=ada["headers"]).json["unread_count"] == 0


def test_notifications_page(client, make_user, post_crud):
    ada = make_user()
    cruds = [post_crud(ada, f"crud {i}") for i in range(3)]
    for crud in cruds:
        for _ in range(2):
            client.post(f"/api/activities/{crud['uuid']}/like", headers=make_user()["headers"])
    first = client.get("/api/activities/notifications?limit=4", headers=ada["headers"]).json
    second = client.get(f"/api/activities/notifications?limit=4&cursor={first['next_cursor']}", headers=ada["headers"])
    uuids = [n["uuid"] for n in first["items"] + second.json["items"]]
    assert len(uuids) == len(set(uuids)) == 6
    assert second.json["next_cursor"] is None


def test_notifications_need_sign_in(client):
    assert client.get("/api/activities/notifications").status_code == 401
    assert client.post("/api/activities/notifications/read").status_code == 401
