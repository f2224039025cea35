"""The local identity provider, end to end over HTTP against real PostgreSQL."""

import re

import psycopg
import pytest

PASSWORD = "Sturdy-Pass-42"


def code_from_log(caplog, email: str, purpose: str) -> str:
    pattern = re.compile(rf"{purpose} code for {re.escape(email)}: (\d{{6}})")
    codes = [m.group(1) for record in caplog.records if (m := pattern.search(record.getMessage()))]
    assert codes, f"no {purpose} code for {email} in the log"
    return codes[-1]


def sign_up(client, email="ada@example.com", handle="ada", password=PASSWORD, display_name="Ada Lovelace"):
    body = {"email": email, "handle": handle, "display_name": display_name, "password": password}
    return client.post("/api/auth/signup", json=body)


@pytest.fixture
def confirmed(client, caplog):
    """A signed-up and confirmed account."""
    caplog.set_level("INFO", logger="cruddur.local_identity")
    assert sign_up(client).status_code == 201
    code = code_from_log(caplog, "ada@example.com", "confirm")
    assert client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": code}).status_code == 200
    return {"email": "ada@example.com", "password": PASSWORD}


def sign_in(client, email="ada@example.com", password=PASSWORD):
    return client.post("/api/auth/signin", json={"email": email, "password": password})


def bearer(response) -> dict:
    return {"Authorization": f"Bearer {response.json['access_token']}"}


def count(database_url, table: str) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)


def test_full_flow_sign_up_to_sign_out(client, caplog):
    caplog.set_level("INFO", logger="cruddur.local_identity")
    response = sign_up(client)
    assert response.status_code == 201
    assert response.json == {"email": "ada@example.com", "confirmation_required": True}

    assert sign_in(client).json == {"errors": ["user_not_confirmed"]}
    code = code_from_log(caplog, "ada@example.com", "confirm")
    confirm = client.post("/api/auth/confirm", json={"email": "ADA@example.com", "code": code})
    assert confirm.status_code == 200
    assert confirm.json == {"confirmed": True, "handle": "ada"}

    signed_in = sign_in(client)
    assert signed_in.status_code == 200
    assert signed_in.json["token_type"] == "Bearer"
    assert signed_in.json["expires_in"] == 3600
    cookie = signed_in.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/api/auth" in cookie

    me = client.get("/api/profile", headers=bearer(signed_in))
    assert me.status_code == 200
    assert me.json["handle"] == "ada" and me.json["display_name"] == "Ada Lovelace"

    refreshed = client.post("/api/auth/refresh")
    assert refreshed.status_code == 200
    assert client.get("/api/profile", headers=bearer(refreshed)).status_code == 200

    old_cookie = client.get_cookie("cruddur_refresh", path="/api/auth").value
    assert client.post("/api/auth/signout").status_code == 204
    assert client.get_cookie("cruddur_refresh", path="/api/auth") is None
    client.set_cookie("cruddur_refresh", old_cookie, path="/api/auth")
    again = client.post("/api/auth/refresh")
    assert again.status_code == 401
    assert again.json == {"errors": ["refresh_token_invalid"]}


def test_forgot_and_reset_password(client, confirmed, caplog):
    assert sign_in(client).status_code == 200
    assert client.post("/api/auth/forgot-password", json={"email": "ada@example.com"}).status_code == 200
    code = code_from_log(caplog, "ada@example.com", "reset")

    new_password = "Another-Pass-43"
    body = {"email": "ada@example.com", "code": code, "password": new_password}
    assert client.post("/api/auth/reset-password", json=body).status_code == 200

    assert sign_in(client).json == {"errors": ["invalid_credentials"]}
    assert client.post("/api/auth/refresh").status_code == 401, "sessions of the old password end"
    assert sign_in(client, password=new_password).status_code == 200
    reused = client.post("/api/auth/reset-password", json={**body, "password": "Third-Pass-44!"})
    assert reused.json == {"errors": ["code_expired"]}


def test_forgot_password_does_not_reveal_accounts(client):
    response = client.post("/api/auth/forgot-password", json={"email": "nobody@example.com"})
    assert response.status_code == 200
    assert response.json == {"email": "nobody@example.com"}


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Sh0rt!", "password_too_short"),
        ("ALLUPPER-42", "password_needs_lowercase"),
        ("alllower-42", "password_needs_uppercase"),
        ("No-Numbers-Here", "password_needs_number"),
        ("NoSymbols42", "password_needs_symbol"),
    ],
)
def test_weak_passwords_are_refused(client, database_url, password, code):
    response = sign_up(client, password=password)
    assert response.status_code == 422
    assert response.json == {"errors": [code]}
    assert count(database_url, "local_identities") == 0


def test_every_problem_is_reported_at_once(client, database_url):
    response = client.post("/api/auth/signup", json={"email": "not-an-email", "handle": "a b", "password": "x"})
    assert response.status_code == 422
    assert set(response.json["errors"]) == {
        "email_invalid",
        "handle_invalid",
        "display_name_blank",
        "password_too_short",
    }
    assert count(database_url, "local_identities") == 0


def test_taken_handle_and_email_regardless_of_case(client, database_url, make_user):
    make_user(handle="Grace")
    assert sign_up(client, email="ada@example.com", handle="ada").status_code == 201
    response = sign_up(client, email="ADA@Example.com", handle="grace")
    assert response.status_code == 422
    assert response.json == {"errors": ["email_taken", "handle_taken"]}
    assert count(database_url, "local_identities") == 1


@pytest.mark.parametrize("body", [None, [], "text", 42])
def test_body_must_be_a_json_object(client, body):
    response = client.post("/api/auth/signup", json=body)
    assert response.status_code == 400
    assert response.json == {"errors": ["body_not_json_object"]}


def test_wrong_codes_run_out(client, caplog, database_url):
    caplog.set_level("INFO", logger="cruddur.local_identity")
    sign_up(client)
    right = code_from_log(caplog, "ada@example.com", "confirm")
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(5):
        response = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": wrong})
        assert response.json == {"errors": ["code_mismatch"]}
    response = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": right})
    assert response.status_code == 400
    assert response.json == {"errors": ["code_expired"]}
    assert count(database_url, "users") == 0

    client.post("/api/auth/resend-code", json={"email": "ada@example.com"})
    fresh = code_from_log(caplog, "ada@example.com", "confirm")
    assert client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": fresh}).status_code == 200
    assert count(database_url, "users") == 1


def test_confirming_twice_is_a_conflict(client, confirmed, caplog):
    response = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": "123456"})
    assert response.status_code == 409
    assert response.json == {"errors": ["already_confirmed"]}


def test_wrong_password_and_unknown_email_look_the_same(client, confirmed):
    assert sign_in(client, password="Wrong-Pass-99").json == {"errors": ["invalid_credentials"]}
    assert sign_in(client, email="nobody@example.com").json == {"errors": ["invalid_credentials"]}


def test_sign_in_is_rate_limited_per_client(client):
    statuses = [sign_in(client, email=f"guess{i}@example.com").status_code for i in range(11)]
    assert statuses[:10] == [401] * 10
    assert statuses[10] == 429
    assert sign_in(client).json == {"errors": ["rate_limited"]}


def test_sign_in_is_rate_limited_per_account(client):
    for i in range(10):
        client.post(
            "/api/auth/signin",
            json={"email": "ada@example.com", "password": "x"},
            environ_base={"REMOTE_ADDR": f"10.0.0.{i}"},
        )
    response = client.post(
        "/api/auth/signin", json={"email": "ada@example.com", "password": "x"}, environ_base={"REMOTE_ADDR": "10.0.1.1"}
    )
    assert response.status_code == 429


def test_jwks_publishes_the_signing_key(client):
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    [key] = response.json["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256"
    assert "d" not in key, "the private part is never published"


def test_dev_outbox_only_in_development(raw_client, make_client, confirmed):
    assert raw_client.get("/api/auth/dev/outbox?email=ada@example.com").status_code == 404
    dev = make_client(cruddur_env="development")
    dev.post("/api/auth/forgot-password", json={"email": "ada@example.com"})
    response = dev.get("/api/auth/dev/outbox?email=ada@example.com")
    assert response.status_code == 200
    assert [entry["purpose"] for entry in response.json] == ["reset"]
    assert re.fullmatch(r"\d{6}", response.json[0]["code"])
