"""What bin/chaos saw while PostgreSQL was down, kept here once fixed: every
route that needs PostgreSQL answers 503 postgres_unavailable, and the contract
(checked by the client on every response) lists that answer."""

import io

import psycopg_pool
import pytest
from images import png_with_transparency

from conftest import closed_port
from lib.db import db

NEW_PASSWORD = "Secret-pass1"


@pytest.fixture
def postgres_gone(monkeypatch):
    """Like conftest's postgres_down, with a shorter wait: nothing listens there."""

    def go():
        pool = psycopg_pool.ConnectionPool(
            f"postgresql://postgres@127.0.0.1:{closed_port()}/cruddur", timeout=0.2, open=False
        )
        pool.open(wait=False)
        monkeypatch.setattr(db, "pool", pool)
        return pool

    pools = []
    yield lambda: pools.append(go())
    for pool in pools:
        pool.close()


SIGNED_IN = [
    ("get", "/api/activities/notifications", None),
    ("post", "/api/activities/notifications/read", None),
    ("post", "/api/activities", {"message": "hello", "ttl": "1-day"}),
    ("post", "/api/activities/{crud}/reply", {"message": "hello"}),
    ("post", "/api/activities/{crud}/like", None),
    ("delete", "/api/activities/{crud}/like", None),
    ("post", "/api/activities/{crud}/repost", None),
    ("delete", "/api/activities/{crud}/repost", None),
    ("get", "/api/profile", None),
    ("put", "/api/profile", {"display_name": "Ada"}),
    ("post", "/api/profile/avatar", "image"),
    ("get", "/api/message_groups", None),
    ("post", "/api/messages", {"handle": "someone", "message": "hello"}),
]

ANONYMOUS = [
    ("get", "/api/activities/home", None),
    ("get", "/api/activities/@{handle}", None),
    ("get", "/api/activities/@{handle}/status/{crud}", None),
    ("get", "/api/activities/search?term=hello", None),
    ("get", "/api/users/@{handle}/short", None),
    (
        "post",
        "/api/auth/signup",
        {"email": "new@example.com", "handle": "newbie", "display_name": "New", "password": NEW_PASSWORD},
    ),
    ("post", "/api/auth/confirm", {"email": "new@example.com", "code": "123456"}),
    ("post", "/api/auth/resend-code", {"email": "new@example.com"}),
    ("post", "/api/auth/signin", {"email": "new@example.com", "password": NEW_PASSWORD}),
    ("post", "/api/auth/forgot-password", {"email": "new@example.com"}),
    ("post", "/api/auth/reset-password", {"email": "new@example.com", "code": "123456", "password": NEW_PASSWORD}),
    ("post", "/api/auth/refresh", "cookie"),
    ("post", "/api/auth/signout", "cookie"),
]


@pytest.mark.parametrize(
    ("method", "path", "body", "signed_in"),
    [(*case, True) for case in SIGNED_IN] + [(*case, False) for case in ANONYMOUS],
    ids=[f"{m} {p}" for m, p, _ in SIGNED_IN + ANONYMOUS],
)
def test_postgres_down_is_a_503_in_the_contract(
    client, make_user, post_crud, postgres_gone, method, path, body, signed_in
):
    ada = make_user()
    path = path.format(crud=post_crud(ada)["uuid"], handle=ada["handle"])
    headers = ada["headers"] if signed_in else {}
    data = None
    if body == "cookie":
        client.set_cookie("cruddur_refresh", "a-refresh-token", path="/api/auth")
        body = None
    elif body == "image":
        data, body = {"avatar": (io.BytesIO(png_with_transparency()), "me.png")}, None
    postgres_gone()
    if data:
        response = client.post(path, data=data, headers=headers, content_type="multipart/form-data")
    else:
        response = getattr(client, method)(path, json=body, headers=headers)
    assert (response.status_code, response.json) == (503, {"errors": ["postgres_unavailable"]})
