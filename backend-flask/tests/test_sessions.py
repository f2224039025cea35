"""Sessions that end: sign-out, sign-out everywhere and a password reset end
the access tokens already issued at once; refresh tokens rotate, and a
reused one ends its family."""

import pytest
from test_auth_local import bearer, latest_code, sign_in
from test_auth_local import confirmed as confirmed  # noqa: PLC0414 (the fixture, shared)

from contract import ContractClient


@pytest.fixture
def ada(confirmed):
    return confirmed


def another_device(app) -> ContractClient:
    """A second browser: its own cookie jar."""
    return ContractClient(app, app.response_class, use_cookies=True)


def profile_status(client, session) -> tuple[int, list | None]:
    response = client.get("/api/profile", headers=bearer(session))
    return response.status_code, (response.json or {}).get("errors")


def test_sign_out_ends_the_access_token_at_once(client, ada):
    session = sign_in(client)
    assert profile_status(client, session)[0] == 200
    assert client.post("/api/auth/signout", headers=bearer(session)).status_code == 204
    assert profile_status(client, session) == (401, ["token_revoked"])
    again = sign_in(client)
    assert profile_status(client, again)[0] == 200, "a new sign-in right after works"


def test_sign_out_everywhere_ends_every_device(app, client, ada):
    laptop = sign_in(client)
    phone_client = another_device(app)
    phone = sign_in(phone_client)
    everywhere = client.post("/api/auth/signout?everywhere=true", headers=bearer(laptop))
    assert everywhere.status_code == 204
    assert profile_status(phone_client, phone) == (401, ["token_revoked"])
    assert phone_client.post("/api/auth/refresh").json == {"errors": ["refresh_token_invalid"]}


def test_plain_sign_out_leaves_other_devices_able_to_refresh(app, client, ada):
    sign_in(client)
    phone_client = another_device(app)
    phone = sign_in(phone_client)
    assert client.post("/api/auth/signout").status_code == 204
    assert profile_status(phone_client, phone) == (401, ["token_revoked"])
    refreshed = phone_client.post("/api/auth/refresh")
    assert refreshed.status_code == 200
    assert profile_status(phone_client, refreshed)[0] == 200


def test_everywhere_needs_to_know_who(client):
    response = client.post("/api/auth/signout?everywhere=true")
    assert response.status_code == 401
    assert response.json == {"errors": ["token_missing"]}


def test_a_password_reset_ends_access_tokens(app, client, ada, database_url):
    phone_client = another_device(app)
    phone = sign_in(phone_client)
    client.post("/api/auth/forgot-password", json={"email": "ada@example.com"})
    code = latest_code(database_url, "ada@example.com", "reset")
    body = {"email": "ada@example.com", "code": code, "password": "Another-Pass-43"}
    assert client.post("/api/auth/reset-password", json=body).status_code == 200
    assert profile_status(phone_client, phone) == (401, ["token_revoked"])


def test_refresh_tokens_rotate_and_a_reused_one_ends_the_family(client, ada):
    sign_in(client)
    first = client.get_cookie("cruddur_refresh", path="/api/auth").value
    assert client.post("/api/auth/refresh").status_code == 200
    second = client.get_cookie("cruddur_refresh", path="/api/auth").value
    assert second != first, "every refresh hands out the next token"

    client.set_cookie("cruddur_refresh", first, path="/api/auth")
    stolen = client.post("/api/auth/refresh")
    assert stolen.json == {"errors": ["refresh_token_invalid"]}
    client.set_cookie("cruddur_refresh", second, path="/api/auth")
    assert client.post("/api/auth/refresh").status_code == 401, "the whole family ended with the reuse"


def test_the_cut_off_holds_for_every_token_issued_before_it(client, make_user, sql):
    """However it was set (here as Cognito mode's sign-out does, on the users row)."""
    user = make_user()
    assert client.get("/api/profile", headers=user["headers"]).status_code == 200
    sql("UPDATE users SET sessions_ended_at = now() + interval '1 second' WHERE uuid = %(u)s", {"u": user["uuid"]})
    response = client.get("/api/profile", headers=user["headers"])
    assert (response.status_code, response.json) == (401, {"errors": ["token_revoked"]})
