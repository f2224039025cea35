"""Following people: idempotent, exact under storms, with lists, profiles,
suggestions and a notification."""

import itertools
from concurrent.futures import ThreadPoolExecutor

import pytest


def follow(client, who: dict, whom: dict | str, on: bool = True):
    handle = whom if isinstance(whom, str) else whom["handle"]
    method = client.post if on else client.delete
    return method(f"/api/users/@{handle}/follow", headers=who["headers"])


def counts(sql, person: dict) -> tuple[int, int]:
    return sql("SELECT followers_count, following_count FROM users WHERE uuid = %(uuid)s", {"uuid": person["uuid"]})[0]


def true_counts(sql, person: dict) -> tuple[int, int]:
    return sql(
        "SELECT (SELECT count(*) FROM follows WHERE followed_uuid = %(uuid)s),"
        " (SELECT count(*) FROM follows WHERE follower_uuid = %(uuid)s)",
        {"uuid": person["uuid"]},
    )[0]


def test_following_is_idempotent_and_counted_on_both_people(client, make_user, sql):
    ada, bob = make_user(), make_user()
    for _ in range(2):
        response = follow(client, ada, bob)
        assert (response.status_code, response.json) == (200, {"following": True, "followers_count": 1})
    assert counts(sql, bob) == (1, 0)
    assert counts(sql, ada) == (0, 1)
    for _ in range(2):
        response = follow(client, ada, bob, on=False)
        assert (response.status_code, response.json) == (200, {"following": False, "followers_count": 0})
    assert counts(sql, bob) == counts(sql, ada) == (0, 0)


def test_the_handle_is_found_regardless_of_case(client, make_user):
    ada = make_user()
    make_user("BobTheBuilder")
    assert follow(client, ada, "bobthebuilder").json == {"following": True, "followers_count": 1}


@pytest.mark.parametrize("on", [True, False])
def test_following_oneself_is_refused(client, make_user, sql, on):
    ada = make_user()
    response = follow(client, ada, ada, on)
    assert (response.status_code, response.json) == (422, {"errors": ["cannot_follow_self"]})
    assert sql("SELECT count(*) FROM follows") == [(0,)]


@pytest.mark.parametrize("on", [True, False])
def test_unknown_and_impossible_handles_are_404(client, raw_client, make_user, on):
    ada = make_user()
    response = follow(client, ada, "nobody_here", on)
    assert (response.status_code, response.json) == (404, {"errors": ["user_not_found"]})
    method = raw_client.post if on else raw_client.delete
    for handle in ("a%00b", "a.b", "x" * 31, "%F0%9F%98%80"):
        response = method(f"/api/users/@{handle}/follow", headers=ada["headers"])
        assert (response.status_code, response.json) == (404, {"errors": ["not_found"]}), handle


def test_following_needs_sign_in(client, make_user):
    response = client.post(f"/api/users/@{make_user()['handle']}/follow")
    assert response.status_code == 401


def test_a_storm_of_follows_and_unfollows_leaves_exact_counts_and_one_notification_each(app, make_user, sql):
    star = make_user()
    fans = [make_user() for _ in range(30)]
    # Each fan follows, unfollows and follows again while the others do the
    # same; and pairs of fans follow each other crosswise, which takes the two
    # rows' locks in opposite orders.
    runs = [[(fan, star, True), (fan, star, False), (fan, star, True)] for fan in fans]
    runs += [[(a, b, True)] for a, b in itertools.pairwise(fans)] + [
        [(b, a, True)] for a, b in itertools.pairwise(fans)
    ]

    def run(steps):
        return [follow(app.test_client(), who, whom, on).status_code for who, whom, on in steps]

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = [status for statuses in pool.map(run, runs) for status in statuses]
    assert set(statuses) == {200}
    for person in [star, *fans]:
        assert counts(sql, person) == true_counts(sql, person)
    assert counts(sql, star)[0] == 30
    follows = sql("SELECT count(*) FROM follows")[0][0]
    assert follows == 30 + 2 * 29
    assert sql(
        "SELECT count(*), count(DISTINCT (actor_user_uuid, recipient_user_uuid))"
        " FROM notifications WHERE kind = 'follow'"
    ) == [(follows, follows)]


def test_a_follow_is_a_notification_counted_as_unread(client, make_user):
    ada, bob = make_user(display_name="Ada Lovelace"), make_user()
    follow(client, ada, bob)
    body = client.get("/api/activities/notifications", headers=bob["headers"]).json
    assert body["unread_count"] == 1
    [note] = body["items"]
    assert (note["kind"], note["actor"]["handle"], note["activity"], note["reply"]) == (
        "follow",
        ada["handle"],
        None,
        None,
    )
    follow(client, ada, bob, on=False)
    body = client.get("/api/activities/notifications", headers=bob["headers"]).json
    assert (body["items"], body["unread_count"]) == ([], 0)


def test_people_lists_are_newest_follow_first_in_pages(client, make_user, sql):
    star = make_user()
    fans = [make_user() for _ in range(5)]
    for n, fan in enumerate(fans):
        follow(client, fan, star)
        sql(
            "UPDATE follows SET created_at = now() - make_interval(mins => %(n)s) WHERE follower_uuid = %(uuid)s",
            {"n": 10 - n, "uuid": fan["uuid"]},
        )
    seen, cursor = [], None
    while True:
        query = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        body = client.get(f"/api/users/@{star['handle']}/followers", query_string=query).json
        seen += [person["handle"] for person in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [fan["handle"] for fan in reversed(fans)]
    following = client.get(f"/api/users/@{fans[0]['handle']}/following").json
    assert [person["handle"] for person in following["items"]] == [star["handle"]]
    assert following["items"][0]["followers_count"] == 5


def test_people_lists_say_how_each_person_and_the_viewer_relate(client, make_user):
    ada, bob, cy = make_user(), make_user(), make_user()
    follow(client, bob, cy)
    follow(client, ada, bob)
    follow(client, bob, ada)
    # cy's followers, as ada sees them: bob, whom ada follows and who follows ada.
    [person] = client.get(f"/api/users/@{cy['handle']}/followers", headers=ada["headers"]).json["items"]
    assert (person["handle"], person["followed_by_me"], person["follows_me"]) == (bob["handle"], True, True)
    # The same list to a visitor.
    [person] = client.get(f"/api/users/@{cy['handle']}/followers").json["items"]
    assert (person["followed_by_me"], person["follows_me"]) == (False, False)


def test_people_lists_of_nobody_are_404(client):
    for side in ("followers", "following"):
        response = client.get(f"/api/users/@nobody_here/{side}")
        assert (response.status_code, response.json) == (404, {"errors": ["user_not_found"]})


def test_profiles_carry_the_counts_and_the_relation(client, make_user):
    ada, bob, cy = make_user(), make_user(), make_user()
    follow(client, ada, bob)
    follow(client, cy, bob)
    follow(client, bob, ada)
    profile = client.get(f"/api/activities/@{bob['handle']}", headers=ada["headers"]).json["profile"]
    assert (profile["followers_count"], profile["following_count"]) == (2, 1)
    assert (profile["followed_by_me"], profile["follows_me"]) == (True, True)
    profile = client.get(f"/api/activities/@{bob['handle']}", headers=cy["headers"]).json["profile"]
    assert (profile["followed_by_me"], profile["follows_me"]) == (True, False)
    profile = client.get(f"/api/activities/@{bob['handle']}").json["profile"]
    assert (profile["followed_by_me"], profile["follows_me"]) == (False, False)
    own = client.get("/api/profile", headers=bob["headers"]).json
    assert (own["followers_count"], own["following_count"]) == (2, 1)


def test_suggestions_come_from_the_people_followed_then_the_most_followed(client, make_user, post_crud):
    me, friend, known, their_pick, star, quiet_star = (make_user() for _ in range(6))
    for who, whom in [
        (me, friend),
        (me, known),
        (friend, their_pick),
        (friend, known),
        (their_pick, star),
        (quiet_star, star),
        (their_pick, quiet_star),
        (star, quiet_star),
    ]:
        follow(client, who, whom)
    post_crud(star)  # quiet_star, as followed as star, has no live crud
    names = [p["handle"] for p in client.get("/api/users/suggested", headers=me["headers"]).json["items"]]
    assert names == [their_pick["handle"], star["handle"]]
    # A visitor gets the most-followed people with live cruds.
    names = [p["handle"] for p in client.get("/api/users/suggested").json["items"]]
    assert names == [star["handle"]]
    # Someone who already follows star is not offered star.
    names = [p["handle"] for p in client.get("/api/users/suggested", headers=their_pick["headers"]).json["items"]]
    assert star["handle"] not in names


def test_suggestions_take_a_bounded_limit(client, make_user):
    for limit in ("0", "21", "x"):
        response = client.get("/api/users/suggested", query_string={"limit": limit})
        assert (response.status_code, response.json) == (400, {"errors": ["limit_invalid"]})
