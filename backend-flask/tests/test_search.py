"""Full-text search over live cruds."""

import pytest

from services import search_activities


def messages(body):
    return [item["message"] for item in body["items"]]


def test_finds_words_in_any_form_newest_first(client, make_user, post_crud, expire):
    ada = make_user()
    post_crud(ada, "Gardening today")
    post_crud(ada, "nothing to see")
    newest = post_crud(ada, "gardens and gardening and a garden")
    gone = post_crud(ada, "an expired garden")
    expire(gone["uuid"])
    body = client.get("/api/activities/search?term=garden").json
    assert messages(body) == [newest["message"], "Gardening today"]
    assert body["next_cursor"] is None


def test_replies_phrases_and_exclusions(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada, "the red rocket")
    post_crud(ada, "a rocket that is red")
    reply = client.post(
        f"/api/activities/{crud['uuid']}/reply", json={"message": "red rocket indeed"}, headers=bob["headers"]
    )
    assert reply.status_code == 201
    assert messages(client.get("/api/activities/search", query_string={"term": '"red rocket"'}).json) == [
        "red rocket indeed",
        "the red rocket",
    ]
    assert messages(client.get("/api/activities/search", query_string={"term": "rocket -indeed"}).json) == [
        "a rocket that is red",
        "the red rocket",
    ]
    # Nothing to look for: excluded words alone, or only words too common to index.
    for term in ["-rocket", "the"]:
        assert client.get("/api/activities/search", query_string={"term": term}).json == {
            "items": [],
            "next_cursor": None,
        }


def test_search_pages_follow_on(client, make_user, sql):
    ada = make_user()
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT %(user)s, repeat('rocket ', 1 + g %% 3) || g, '1-day', now() - g * interval '1 second',"
        " now() + interval '1 day' FROM generate_series(1, 25) g",
        {"user": str(ada["uuid"])},
    )
    first = client.get("/api/activities/search?term=rocket&limit=10").json
    second = client.get(f"/api/activities/search?term=rocket&limit=10&cursor={first['next_cursor']}").json
    third = client.get(f"/api/activities/search?term=rocket&limit=10&cursor={second['next_cursor']}").json
    seen = [i["uuid"] for page in (first, second, third) for i in page["items"]]
    newest_first = [str(row[0]) for row in sql("SELECT uuid FROM activities ORDER BY created_at DESC, uuid DESC")]
    assert seen == newest_first
    assert third["next_cursor"] is None


def search_all(client, term: str, limit: int) -> tuple[list[str], list[int]]:
    """Every match of `term`, following the cursors; and each page's size."""
    found, cursor, sizes = [], None, []
    while True:
        params = {"term": term, "limit": limit} | ({"cursor": cursor} if cursor else {})
        body = client.get("/api/activities/search", query_string=params).json
        found += messages(body)
        sizes.append(len(body["items"]))
        cursor = body["next_cursor"]
        if cursor is None:
            return found, sizes


def test_pages_that_the_windows_leave_short_go_on_exactly(client, make_user, sql, monkeypatch):
    """Two words that are each common but rarely together: each statement reads only
    a window of each word's newest entries, so a page goes on into older windows,
    and across pages every match comes exactly once, newest first."""
    monkeypatch.setattr(search_activities, "WINDOW_BUDGET", 2)
    ada = make_user()
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT %(user)s, CASE WHEN g %% 17 = 0 THEN 'apple pear ' || g WHEN g %% 2 = 0 THEN 'apple ' || g"
        " ELSE 'pear ' || g END, '1-day', now() - g * interval '1 second', now() + interval '1 day'"
        " FROM generate_series(1, 120) g",
        {"user": str(ada["uuid"])},
    )
    both = [f"apple pear {g}" for g in range(17, 121, 17)]
    for limit in range(1, 6):
        found, sizes = search_all(client, "apple pear", limit=limit)
        assert found == both, limit
        assert max(sizes) <= limit
    found, sizes = search_all(client, "apple pear", limit=2)
    assert min(sizes[:-1]) < 2  # a page ended at its windows' horizon, and the next went on from there
    assert search_all(client, "apple or pear", limit=7)[0] == [
        f"apple pear {g}" if g % 17 == 0 else f"{'apple' if g % 2 == 0 else 'pear'} {g}" for g in range(1, 121)
    ]


def test_the_term_index_follows_each_crud(client, make_user, post_crud, sql):
    ada = make_user()
    crud = post_crud(ada, "Rockets flying high")
    terms = "SELECT lexeme FROM activity_terms WHERE activity_uuid = %(uuid)s ORDER BY lexeme"
    assert sql(terms, {"uuid": crud["uuid"]}) == [("fli",), ("high",), ("rocket",)]
    client.post(f"/api/activities/{crud['uuid']}/like", headers=make_user()["headers"])
    sql("UPDATE activities SET message = 'garden party' WHERE uuid = %(uuid)s", {"uuid": crud["uuid"]})
    assert sql(terms, {"uuid": crud["uuid"]}) == [("garden",), ("parti",)]
    assert messages(client.get("/api/activities/search?term=party").json) == ["garden party"]
    assert client.get("/api/activities/search?term=rockets").json["items"] == []
    sql("DELETE FROM activities WHERE uuid = %(uuid)s", {"uuid": crud["uuid"]})
    assert sql("SELECT count(*) FROM activity_terms") == [(0,)]


def test_hostile_search_terms_are_just_words(client, make_user, post_crud):
    post_crud(make_user(), "plain text")
    for term in ["'); DROP TABLE activities; --", "a & | ! ( ) :*", '"unbalanced']:
        response = client.get("/api/activities/search", query_string={"term": term})
        assert response.status_code == 200
    assert client.get("/api/activities/search?term=plain").json["items"][0]["message"] == "plain text"


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "term_blank"),
        ("?term=", "term_blank"),
        ("?term=%20", "term_blank"),
        (f"?term={'x' * 101}", "term_exceed_max_chars"),
    ],
)
def test_bad_terms_are_422(client, query, code):
    response = client.get(f"/api/activities/search{query}")
    assert (response.status_code, response.json) == (422, {"errors": [code]})


def test_a_page_filled_over_several_windows_holds_exactly_its_limit(client, make_user, sql, monkeypatch):
    """The first window finds one match, the next ones the rest of the page."""
    monkeypatch.setattr(search_activities, "WINDOW_BUDGET", 2)
    ada = make_user()
    sql(
        "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
        " SELECT %(user)s, CASE WHEN g = 3 OR g >= 7 THEN 'apple pear ' || g ELSE 'apple ' || g END, '1-day',"
        " now() - g * interval '1 second', now() + interval '1 day' FROM generate_series(1, 30) g",
        {"user": str(ada["uuid"])},
    )
    expected = ["apple pear 3"] + [f"apple pear {g}" for g in range(7, 31)]
    for limit in (3, 4, 5):
        found, sizes = search_all(client, "apple pear", limit=limit)
        assert (found, max(sizes)) == (expected, limit), limit
        assert sizes[0] == limit
