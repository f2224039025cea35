"""Full-text search over live cruds."""

import pytest


def messages(body):
    return [item["message"] for item in body["items"]]


def test_finds_words_in_any_form_best_match_first(client, make_user, post_crud, expire):
    ada = make_user()
    post_crud(ada, "Gardening today")
    best = post_crud(ada, "gardens and gardening and a garden")
    post_crud(ada, "nothing to see")
    gone = post_crud(ada, "an expired garden")
    expire(gone["uuid"])
    body = client.get("/api/activities/search?term=garden").json
    assert messages(body)[0] == best["message"]
    assert set(messages(body)) == {"Gardening today", best["message"]}


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
    assert len(seen) == len(set(seen)) == 25
    assert third["next_cursor"] is None


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
