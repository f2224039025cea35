"""Likes and reposts: idempotent, exact under concurrency, and only on live cruds."""

from concurrent.futures import ThreadPoolExecutor

import pytest

KINDS = [("like", "liked", "likes_count"), ("repost", "reposted", "reposts_count")]


@pytest.mark.parametrize(("kind", "flag", "counter"), KINDS)
def test_reacting_is_idempotent(client, make_user, post_crud, sql, kind, flag, counter):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    url = f"/api/activities/{crud['uuid']}/{kind}"
    for _ in range(2):
        response = client.post(url, headers=bob["headers"])
        assert (response.status_code, response.json) == (200, {flag: True, counter: 1})
    for _ in range(2):
        response = client.delete(url, headers=bob["headers"])
        assert (response.status_code, response.json) == (200, {flag: False, counter: 0})
    assert sql(f"SELECT {counter} FROM activities") == [(0,)]


@pytest.mark.parametrize(("kind", "flag", "counter"), KINDS)
def test_fifty_people_at_once_count_exactly_fifty(app, make_user, post_crud, sql, kind, flag, counter):
    author = make_user()
    crud = post_crud(author)
    people = [make_user() for _ in range(50)]
    url = f"/api/activities/{crud['uuid']}/{kind}"

    def react(person):
        return app.test_client().post(url, headers=person["headers"]).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(react, people + people[:10]))  # ten of them twice
    assert statuses == [200] * 60
    assert sql(f"SELECT {counter} FROM activities WHERE uuid = %(uuid)s", {"uuid": crud["uuid"]}) == [(50,)]
    table = "likes" if kind == "like" else "reposts"
    assert sql(f"SELECT count(*) FROM {table}") == [(50,)]  # noqa: S608 (fixed names)
    assert sql("SELECT count(*) FROM notifications WHERE kind = %(kind)s", {"kind": kind}) == [(50,)]


@pytest.mark.parametrize("kind", ["like", "repost"])
@pytest.mark.parametrize("method", ["post", "delete"])
def test_expired_unknown_and_malformed_cruds_are_404(client, make_user, post_crud, expire, raw_client, kind, method):
    ada = make_user()
    crud = post_crud(ada)
    expire(crud["uuid"])
    for target in (crud["uuid"], "3f1f9c44-6f2b-4f7e-9d55-0d7c1a6a0c11"):
        response = getattr(client, method)(f"/api/activities/{target}/{kind}", headers=ada["headers"])
        assert (response.status_code, response.json) == (404, {"errors": ["activity_not_found"]})
    assert getattr(raw_client, method)(f"/api/activities/xyz/{kind}", headers=ada["headers"]).status_code == 404


@pytest.mark.parametrize("kind", ["like", "repost"])
def test_reacting_needs_sign_in(client, make_user, post_crud, kind):
    crud = post_crud(make_user())
    assert client.post(f"/api/activities/{crud['uuid']}/{kind}").status_code == 401


def test_liking_your_own_crud_notifies_nobody(client, make_user, post_crud, sql):
    ada = make_user()
    crud = post_crud(ada)
    assert client.post(f"/api/activities/{crud['uuid']}/like", headers=ada["headers"]).json["likes_count"] == 1
    assert sql("SELECT count(*) FROM notifications") == [(0,)]
