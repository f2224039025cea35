"""Safety: deleting one's own cruds, blocking and muting people."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from test_follows import counts, follow, true_counts


def reply(client, who, crud, message="a reply"):
    return client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": message}, headers=who["headers"])


def block(client, who, whom, on=True):
    method = client.post if on else client.delete
    return method(f"/api/users/@{whom['handle']}/block", headers=who["headers"])


def mute(client, who, whom, duration=None):
    body = {} if duration is None else {"duration": duration}
    return client.post(f"/api/users/@{whom['handle']}/mute", json=body, headers=who["headers"])


def uuids(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [item["uuid"] for item in response.json["items"]]


def crud_page(client, viewer, crud):
    headers = viewer["headers"] if viewer else {}
    return client.get(f"/api/activities/@{crud['handle']}/status/{crud['uuid']}", headers=headers)


# Deleting


def test_an_author_deletes_a_crud_with_everything_that_hangs_off_it(client, make_user, post_crud, sql):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada, "deleteme unique words")
    kept = post_crud(ada, "kept")
    assert reply(client, bob, crud).status_code == 201
    for kind in ("like", "repost"):
        assert client.post(f"/api/activities/{crud['uuid']}/{kind}", headers=bob["headers"]).status_code == 200

    assert client.delete(f"/api/activities/{crud['uuid']}", headers=ada["headers"]).status_code == 204

    assert crud_page(client, ada, crud).status_code == 404
    assert uuids(client.get("/api/activities/public")) == [kept["uuid"]]
    assert uuids(client.get("/api/activities/search?term=deleteme")) == []
    assert uuids(client.get("/api/activities/notifications", headers=ada["headers"])) == []
    assert sql("SELECT count(*) FROM activities") == [(1,)]
    assert sql("SELECT (SELECT count(*) FROM likes) + (SELECT count(*) FROM reposts)") == [(0,)]
    assert client.delete(f"/api/activities/{crud['uuid']}", headers=ada["headers"]).status_code == 404


def test_deleting_a_reply_removes_just_it_and_its_count(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    first, second = (reply(client, bob, crud, text).json for text in ("first", "second"))
    assert client.delete(f"/api/activities/{first['uuid']}", headers=bob["headers"]).status_code == 204
    page = crud_page(client, ada, crud).json
    assert page["activity"]["replies_count"] == 1
    assert [item["uuid"] for item in page["items"]] == [second["uuid"]]


def test_nobody_else_can_delete_a_crud_and_learns_nothing(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    for who in (bob,):
        response = client.delete(f"/api/activities/{crud['uuid']}", headers=who["headers"])
        assert (response.status_code, response.json) == (404, {"errors": ["activity_not_found"]})
    unknown = client.delete("/api/activities/00000000-0000-0000-0000-000000000000", headers=bob["headers"])
    assert (unknown.status_code, unknown.json) == (404, {"errors": ["activity_not_found"]})
    assert client.delete(f"/api/activities/{crud['uuid']}").status_code == 401
    assert crud_page(client, None, crud).status_code == 200


# Blocking


def test_a_block_ends_follows_both_ways_with_exact_counts(client, make_user, sql):
    ada, bob, cy = make_user(), make_user(), make_user()
    for who, whom in ((ada, bob), (bob, ada), (cy, ada), (ada, cy)):
        follow(client, who, whom)
    for _ in range(2):
        response = block(client, ada, bob)
        assert (response.status_code, response.json) == (200, {"blocking": True})
    for person in (ada, bob, cy):
        assert counts(sql, person) == true_counts(sql, person)
    assert counts(sql, ada) == (1, 1) and counts(sql, bob) == (0, 0)
    for who, whom in ((ada, bob), (bob, ada)):
        assert follow(client, who, whom).status_code == 404
    assert counts(sql, bob) == (0, 0)


def test_neither_can_reply_like_repost_or_message_the_other(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    cruds = {"ada": post_crud(ada), "bob": post_crud(bob)}
    client.post("/api/messages", json={"handle": bob["handle"], "message": "before"}, headers=ada["headers"])
    block(client, ada, bob)
    for who, other, theirs in ((ada, bob, cruds["bob"]), (bob, ada, cruds["ada"])):
        assert reply(client, who, theirs).status_code == 404
        for kind in ("like", "repost"):
            response = client.post(f"/api/activities/{theirs['uuid']}/{kind}", headers=who["headers"])
            assert (response.status_code, response.json) == (404, {"errors": ["activity_not_found"]})
        sent = client.post("/api/messages", json={"handle": other["handle"], "message": "hi"}, headers=who["headers"])
        assert sent.status_code == 404
        assert client.get("/api/message_groups", headers=who["headers"]).json["items"] == []


def test_the_blocker_sees_the_profile_empty_and_the_blocked_sees_nobody(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    post_crud(bob, "bob's crud")
    post_crud(ada, "ada's crud")
    block(client, ada, bob)
    mine = client.get(f"/api/activities/@{bob['handle']}", headers=ada["headers"]).json
    assert mine["profile"]["blocking"] is True and mine["items"] == [] and mine["profile"]["cruds_count"] == 0
    theirs = client.get(f"/api/activities/@{ada['handle']}", headers=bob["headers"])
    assert (theirs.status_code, theirs.json) == (404, {"errors": ["user_not_found"]})
    assert client.get(f"/api/users/@{ada['handle']}/short", headers=bob["headers"]).status_code == 404

    assert block(client, ada, bob, on=False).json == {"blocking": False}
    assert len(client.get(f"/api/activities/@{ada['handle']}", headers=bob["headers"]).json["items"]) == 1


def test_blocking_oneself_or_nobody(client, make_user):
    ada = make_user()
    response = block(client, ada, ada)
    assert (response.status_code, response.json) == (422, {"errors": ["cannot_block_self"]})
    assert block(client, ada, {"handle": "nobody_here"}).status_code == 404
    assert client.post("/api/users/@nobody_here/block").status_code == 401


def test_the_blocks_list_pages_newest_first_and_undo_works(client, make_user):
    ada = make_user()
    people = [make_user() for _ in range(3)]
    for person in people:
        block(client, ada, person)
    first = client.get("/api/blocks?limit=2", headers=ada["headers"]).json
    second = client.get(f"/api/blocks?limit=2&cursor={first['next_cursor']}", headers=ada["headers"]).json
    listed = [item["handle"] for item in first["items"] + second["items"]]
    assert listed == [person["handle"] for person in reversed(people)]
    assert all("blocked_at" in item for item in first["items"])
    block(client, ada, people[0], on=False)
    assert len(client.get("/api/blocks", headers=ada["headers"]).json["items"]) == 2


# Muting


def test_a_mute_hides_them_from_timelines_search_and_notifications_only(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    follow(client, ada, bob)
    follow(client, bob, ada)
    crud = post_crud(bob, "muffled words")
    post_crud(ada, "my own")
    assert reply(client, bob, post_crud(ada, "reply to me")).status_code == 201

    response = mute(client, ada, bob)
    assert (response.status_code, response.json) == (200, {"muting": True, "muted_until": None})
    for path in ("/api/activities/home", "/api/activities/public", "/api/activities/search?term=muffled"):
        assert crud["uuid"] not in uuids(client.get(path, headers=ada["headers"])), path
    notes = client.get("/api/activities/notifications", headers=ada["headers"]).json
    assert notes["items"] == [] and notes["unread_count"] == 0
    # Their profile and crud pages still show, and nothing changes for them.
    assert crud["uuid"] in uuids(client.get(f"/api/activities/@{bob['handle']}", headers=ada["headers"]))
    assert crud_page(client, ada, crud).status_code == 200
    assert crud["uuid"] in uuids(client.get("/api/activities/public", headers=bob["headers"]))
    profile = client.get(f"/api/activities/@{bob['handle']}", headers=ada["headers"]).json["profile"]
    assert (profile["muting"], profile["muted_until"]) == (True, None)

    assert client.delete(f"/api/users/@{bob['handle']}/mute", headers=ada["headers"]).json == {
        "muting": False,
        "muted_until": None,
    }
    assert crud["uuid"] in uuids(client.get("/api/activities/home", headers=ada["headers"]))


def test_a_mute_for_a_while_ends_by_itself(client, make_user, post_crud, sql):
    ada, bob = make_user(), make_user()
    crud = post_crud(bob)
    until = mute(client, ada, bob, "7-days").json["muted_until"]
    assert until.endswith("Z")
    [(days,)] = sql("SELECT round(extract(epoch FROM until - now()) / 86400) FROM mutes")
    assert days == 7
    listed = client.get("/api/mutes", headers=ada["headers"]).json["items"]
    assert [(item["handle"], item["muted_until"]) for item in listed] == [(bob["handle"], until)]
    assert crud["uuid"] not in uuids(client.get("/api/activities/public", headers=ada["headers"]))

    sql("UPDATE mutes SET until = now() - interval '1 second'")
    assert crud["uuid"] in uuids(client.get("/api/activities/public", headers=ada["headers"]))
    assert client.get("/api/mutes", headers=ada["headers"]).json["items"] == []


@pytest.mark.parametrize(
    ("duration", "code"),
    [("2-days", "duration_invalid"), (7, "duration_invalid"), ("", "duration_invalid")],
)
def test_a_mute_takes_only_the_durations_offered(client, make_user, duration, code):
    ada, bob = make_user(), make_user()
    response = client.post(f"/api/users/@{bob['handle']}/mute", json={"duration": duration}, headers=ada["headers"])
    assert (response.status_code, response.json) == (422, {"errors": [code]})


def test_muting_oneself_is_refused(client, make_user):
    ada = make_user()
    response = mute(client, ada, ada)
    assert (response.status_code, response.json) == (422, {"errors": ["cannot_mute_self"]})


def test_a_storm_of_blocks_and_follows_leaves_exact_counts(app, make_user, sql):
    people = [make_user() for _ in range(8)]
    pairs = [(a, b) for a in people for b in people if a is not b]

    def run(pair):
        who, whom = pair
        client = app.test_client()
        statuses = [follow(client, who, whom).status_code, block(client, who, whom).status_code]
        statuses += [follow(client, whom, who).status_code, block(client, who, whom, on=False).status_code]
        return statuses + [follow(client, who, whom).status_code]

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = [status for statuses in pool.map(run, pairs) for status in statuses]
    assert set(statuses) <= {200, 404}
    for person in people:
        assert counts(sql, person) == true_counts(sql, person)
