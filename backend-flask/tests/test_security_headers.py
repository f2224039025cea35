"""Headers on every answer, and the warning for a proxy nobody trusts."""

import pytest

FIXED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}


@pytest.mark.parametrize(
    "path", ["/api/health-check", "/api/activities/home", "/api/activities/search?term=", "/api/nowhere"]
)
def test_every_answer_is_locked_down(raw_client, path):
    response = raw_client.get(path)
    assert {name: response.headers.get(name) for name in FIXED} == FIXED
    assert "Strict-Transport-Security" not in response.headers, "HSTS only in production"


def test_signed_in_answers_are_not_stored(client, make_user):
    user = make_user()
    assert client.get("/api/profile", headers=user["headers"]).headers["Cache-Control"] == "private, no-store"
    assert client.get("/api/activities/home", headers=user["headers"]).headers["Cache-Control"] == "private, no-store"
    assert "no-store" not in client.get("/api/activities/home").headers.get("Cache-Control", "")


def test_tokens_are_not_stored(client):
    response = client.post("/api/auth/signin", json={"email": "nobody@example.com", "password": "Wrong-pass-1"})
    assert response.headers["Cache-Control"] == "private, no-store"


def test_production_pins_https(make_client):
    response = make_client(cruddur_env="production").get("/api/health-check")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_an_untrusted_proxy_is_reported_once(make_client, caplog):
    production = make_client(cruddur_env="production")
    production.get("/api/health-check")
    assert "TRUSTED_PROXY_HOPS" not in caplog.text
    for _ in range(3):
        production.get("/api/health-check", headers={"X-Forwarded-For": "198.51.100.7"})
    assert caplog.text.count("TRUSTED_PROXY_HOPS is 0") == 1
    caplog.clear()
    trusted = make_client(cruddur_env="production", trusted_proxy_hops=1)
    trusted.get("/api/health-check", headers={"X-Forwarded-For": "198.51.100.7"})
    assert "TRUSTED_PROXY_HOPS" not in caplog.text
