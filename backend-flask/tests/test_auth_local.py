"""The local identity provider, end to end over HTTP against real PostgreSQL."""

import re

import psycopg
import pytest

PASSWORD = "Sturdy-Pass-42"


def latest_code(database_url, email: str, purpose: str) -> str:
    """The last code 'emailed' (kept in the outbox outside production)."""
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT code FROM dev_outbox WHERE email = %s AND purpose = %s ORDER BY id DESC LIMIT 1", (email, purpose)
        ).fetchone()
    assert row, f"no {purpose} code for {email}"
    return row[0]


def sign_up(client, email="ada@example.com", handle="ada", password=PASSWORD, display_name="Ada Lovelace"):
    body = {"email": email, "handle": handle, "display_name": display_name, "password": password}
    return client.post("/api/auth/signup", json=body)


@pytest.fixture
def confirmed(client, database_url):
    """A signed-up and confirmed account."""
    assert sign_up(client).status_code == 201
    code = latest_code(database_url, "ada@example.com", "confirm")
    assert client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": code}).status_code == 200
    return {"email": "ada@example.com", "password": PASSWORD}


def sign_in(client, email="ada@example.com", password=PASSWORD):
    return client.post("/api/auth/signin", json={"email": email, "password": password})


def bearer(response) -> dict:
    return {"Authorization": f"Bearer {response.json['access_token']}"}


def count(database_url, table: str) -> int:
    with psycopg.connect(database_url) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)


def test_full_flow_sign_up_to_sign_out(client, database_url):
    response = sign_up(client)
    assert response.status_code == 201
    assert response.json == {"email": "ada@example.com", "confirmation_required": True}

    assert sign_in(client).json == {"errors": ["user_not_confirmed"]}
    code = latest_code(database_url, "ada@example.com", "confirm")
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


def test_forgot_and_reset_password(client, confirmed, database_url):
    assert sign_in(client).status_code == 200
    assert client.post("/api/auth/forgot-password", json={"email": "ada@example.com"}).status_code == 200
    code = latest_code(database_url, "ada@example.com", "reset")

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


def test_taken_handle_and_email_regardless_of_case(client, database_url, confirmed):
    response = sign_up(client, email=" ADA@Example.com", handle="ADA")
    assert response.status_code == 422
    assert response.json == {"errors": ["email_taken", "handle_taken"]}
    assert count(database_url, "local_identities") == 1


@pytest.mark.parametrize("body", [None, [], "text", 42])
def test_body_must_be_a_json_object(client, body):
    response = client.post("/api/auth/signup", json=body)
    assert response.status_code == 400
    assert response.json == {"errors": ["body_not_json_object"]}


def test_wrong_codes_run_out(client, database_url):
    sign_up(client)
    right = latest_code(database_url, "ada@example.com", "confirm")
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(5):
        response = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": wrong})
        assert response.json == {"errors": ["code_mismatch"]}
    response = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": right})
    assert response.status_code == 400
    assert response.json == {"errors": ["code_expired"]}
    assert count(database_url, "users") == 0

    client.post("/api/auth/resend-code", json={"email": "ada@example.com"})
    fresh = latest_code(database_url, "ada@example.com", "confirm")
    assert client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": fresh}).status_code == 200
    assert count(database_url, "users") == 1


def test_confirming_twice_is_a_conflict(client, confirmed):
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


def test_a_stranger_cannot_lock_the_owner_out(client, confirmed):
    stranger = {"REMOTE_ADDR": "10.0.0.66"}
    for _ in range(10):
        wrong = client.post(
            "/api/auth/signin", json={"email": "ada@example.com", "password": "x"}, environ_base=stranger
        )
        assert wrong.status_code == 401
    refused = client.post("/api/auth/signin", json={"email": "ADA@example.com", "password": "x"}, environ_base=stranger)
    assert refused.status_code == 429, "the same account spelled otherwise is the same window"
    owner = client.post("/api/auth/signin", json=confirmed, environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert owner.status_code == 200


def test_many_addresses_slow_an_account_down_but_let_its_owner_in(client, confirmed):
    for i in range(50):
        attempt = {"email": "ada@example.com", "password": "x"}
        assert (
            client.post("/api/auth/signin", json=attempt, environ_base={"REMOTE_ADDR": f"10.1.0.{i}"}).status_code
            == 401
        )
    guess = client.post(
        "/api/auth/signin", json={"email": "ada@example.com", "password": "x"}, environ_base={"REMOTE_ADDR": "10.2.0.1"}
    )
    assert guess.status_code == 401, "a new address still gets one try a minute"
    again = client.post(
        "/api/auth/signin", json={"email": "ada@example.com", "password": "x"}, environ_base={"REMOTE_ADDR": "10.2.0.1"}
    )
    assert again.status_code == 429
    owner = client.post("/api/auth/signin", json=confirmed, environ_base={"REMOTE_ADDR": "10.3.0.1"})
    assert owner.status_code == 200


def test_jwks_publishes_the_signing_key(client):
    response = client.get("/.well-known/jwks.json")
    assert response.status_code == 200
    [key] = response.json["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256"
    assert "d" not in key, "the private part is never published"


def test_dev_outbox_only_in_development_and_only_on_loopback(raw_client, make_client, confirmed):
    assert raw_client.get("/api/auth/dev/outbox?email=ada@example.com").status_code == 404
    dev = make_client(cruddur_env="development")
    dev.post("/api/auth/forgot-password", json={"email": "ada@example.com"})
    response = dev.get("/api/auth/dev/outbox?email=ADA@example.com")
    assert response.status_code == 200
    assert [entry["purpose"] for entry in response.json][0] == "reset"
    assert re.fullmatch(r"\d{6}", response.json[0]["code"])
    remote = dev.get("/api/auth/dev/outbox?email=ada@example.com", environ_base={"REMOTE_ADDR": "192.0.2.10"})
    assert remote.status_code == 404


def test_codes_reach_the_log_only_in_development(make_client, caplog):
    caplog.set_level("INFO", logger="cruddur.local_identity")
    body = {"email": "bo@example.com", "handle": "bobo", "display_name": "Bo", "password": PASSWORD}
    assert make_client(cruddur_env="production").post("/api/auth/signup", json=body).status_code == 201
    assert not re.search(r"\d{6}", caplog.text)
    assert make_client(cruddur_env="development").post("/api/auth/resend-code", json=body).status_code == 200
    assert re.search(r"confirm code for bo@example.com: \d{6}", caplog.text)


def test_ten_wrong_codes_an_hour_across_resends(make_client, database_url):
    client = make_client(auth_rate_limit="100/minute")
    assert sign_up(client).status_code == 201
    for _ in range(2):
        client.post("/api/auth/resend-code", json={"email": "ada@example.com"})
        right = latest_code(database_url, "ada@example.com", "confirm")
        wrong = f"{(int(right) + 1) % 1_000_000:06d}"
        for _ in range(5):
            answer = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": wrong})
            assert answer.json == {"errors": ["code_mismatch"]}
    client.post("/api/auth/resend-code", json={"email": "ada@example.com"})
    right = latest_code(database_url, "ada@example.com", "confirm")
    refused = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": right})
    assert refused.status_code == 429
    assert refused.json == {"errors": ["code_attempts_exceeded"]}
    assert count(database_url, "users") == 0


def test_signing_up_again_replaces_a_pending_sign_up(client, database_url):
    assert sign_up(client, handle="ada").status_code == 201
    first_code = latest_code(database_url, "ada@example.com", "confirm")
    again = sign_up(client, email="Ada@Example.com", handle="ada_l", password="Second-Pass-77")
    assert again.status_code == 201
    assert count(database_url, "local_identities") == 1
    stale = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": first_code})
    assert stale.status_code == 400
    code = latest_code(database_url, "ada@example.com", "confirm")
    assert client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": code}).json["handle"] == "ada_l"
    assert sign_in(client, password="Second-Pass-77").status_code == 200


def test_a_pending_sign_up_frees_its_handle_after_a_day(client, sql):
    assert sign_up(client, email="first@example.com", handle="ada").status_code == 201
    assert sign_up(client, email="second@example.com", handle="ADA").json == {"errors": ["handle_taken"]}
    sql("UPDATE local_identities SET created_at = now() - interval '25 hours'")
    again = sign_up(client, email="second@example.com", handle="ADA")
    assert again.status_code == 201, again.json
    assert sql("SELECT email FROM local_identities") == [("second@example.com",)]


def test_a_sign_up_past_its_day_cannot_be_confirmed_or_revived(client, sql, database_url):
    assert sign_up(client).status_code == 201
    code = latest_code(database_url, "ada@example.com", "confirm")
    sql("UPDATE local_identities SET created_at = now() - interval '25 hours'")
    sql("UPDATE local_codes SET expires_at = now() + interval '1 hour'")  # even a code still live
    confirm = client.post("/api/auth/confirm", json={"email": "ada@example.com", "code": code})
    assert (confirm.status_code, confirm.json) == (400, {"errors": ["code_expired"]})
    assert client.post("/api/auth/resend-code", json={"email": "ada@example.com"}).status_code == 200
    assert sql("SELECT count(*) FROM dev_outbox") == [(1,)], "no new code for it"
    assert count(database_url, "users") == 0
