"""The caller of a request: every route that takes a bearer token answers a
token whose sessions have ended, or whose person is gone, with a 401, whatever
else the route would have answered; and a read finds its caller in the same
statement as what it reads."""

import uuid

import psycopg
import pytest
import yaml
from werkzeug.exceptions import NotFound

from contract import SPEC_PATH
from services.create_user import create_user

METHODS = {"get", "put", "post", "delete", "patch"}
# Routes that take a token but answer without one too (signing out a token that
# no longer works is still a sign-out).
TOKEN_OPTIONAL = {"POST /api/auth/signout"}


def bearer_operations() -> list[tuple[str, str]]:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    return sorted(
        (method.upper(), path)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
        and any("bearer" in option for option in operation.get("security", []))
        and f"{method.upper()} {path}" not in TOKEN_OPTIONAL
    )


def concrete(path: str) -> str:
    """The path with its parameters filled with values nothing has."""
    return (
        path.replace("{handle}", "nobody_at_all")
        .replace("{activity_uuid}", str(uuid.uuid4()))
        .replace("{message_group_uuid}", str(uuid.uuid4()))
    )


@pytest.fixture
def ended(make_user, sql):
    """A person whose sessions ended after their token was issued."""
    person = make_user()
    sql("UPDATE users SET sessions_ended_at = now() + interval '1 second' WHERE uuid = %(u)s", {"u": person["uuid"]})
    return person


@pytest.fixture
def gone(make_user, sql):
    person = make_user()
    sql("DELETE FROM users WHERE uuid = %(u)s", {"u": person["uuid"]})
    return person


@pytest.mark.parametrize(("method", "path"), bearer_operations(), ids=" ".join)
def test_every_route_refuses_an_ended_session_and_a_gone_person(app, raw_client, ended, gone, method, path):
    try:
        app.url_map.bind("localhost").match(concrete(path), method=method)
    except NotFound:
        pytest.skip("a route of the other avatar storage")
    answers = {}
    for person, code in ((ended, "token_revoked"), (gone, "user_unknown")):
        # Valid and invalid bodies and queries alike: the token is refused first or last, never not at all.
        for query in ({}, {"term": "", "limit": "0"}, {"term": "crud"}):
            response = raw_client.open(
                concrete(path), method=method, query_string=query, json={}, headers=person["headers"]
            )
            answers[(code, str(query))] = (response.status_code, (response.json or {}).get("errors"))
    assert answers == {key: (401, [key[0]]) for key in answers}


@pytest.fixture
def statements(monkeypatch):
    """The statements the API sends to PostgreSQL, as they go."""
    sent = []
    execute = psycopg.Cursor.execute

    def counting(self, query, *args, **kwargs):
        sent.append(query)
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", counting)
    return sent


@pytest.mark.parametrize(
    "path",
    [
        "/api/activities/home",
        "/api/activities/@{handle}",
        "/api/activities/search?term=crud",
        "/api/activities/notifications",
    ],
)
def test_a_signed_in_read_is_one_statement(client, make_user, post_crud, statements, path):
    ada = make_user()
    post_crud(ada, "a crud")
    statements.clear()
    response = client.get(path.replace("{handle}", ada["handle"]), headers=ada["headers"])
    assert response.status_code == 200
    assert len(statements) == 1


def test_a_message_read_makes_one_statement_once_the_process_knows_the_caller(client, make_user, statements):
    ada, bob = make_user(), make_user()
    sent = client.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
    group = sent.json["message_group_uuid"]
    for path in ("/api/message_groups", f"/api/messages/{group}"):
        statements.clear()
        response = client.get(path, headers=ada["headers"])
        assert response.status_code == 200
        assert len(statements) == 1, path


def test_a_subject_that_names_another_person_now_is_refused_once_and_then_known(client, make_user, sql):
    """A uuid this process knew for the token's subject is checked by the read that used it."""
    ada = make_user()
    assert client.get("/api/message_groups", headers=ada["headers"]).status_code == 200
    sql("DELETE FROM users WHERE uuid = %(u)s", {"u": ada["uuid"]})
    create_user(ada["sub"], ada["handle"], f"{ada['handle']}@example.com", "Ada Again")
    response = client.get("/api/message_groups", headers=ada["headers"])
    assert (response.status_code, response.json) == (401, {"errors": ["user_unknown"]})
    assert client.get("/api/message_groups", headers=ada["headers"]).status_code == 200
