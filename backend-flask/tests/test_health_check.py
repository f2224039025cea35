import time

from lib.db import db


def test_both_stores_up(client):
    response = client.get("/api/health-check")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "postgres": "up", "dynamodb": "up"}


def test_postgres_down_is_named(client, postgres_down):
    response = client.get("/api/health-check")
    assert response.status_code == 503
    assert response.json == {"errors": ["postgres_unavailable"], "postgres": "down", "dynamodb": "up"}


def test_dynamodb_down_is_named(client, dynamodb_down):
    response = client.get("/api/health-check")
    assert response.status_code == 503
    assert response.json == {"errors": ["dynamodb_unavailable"], "postgres": "up", "dynamodb": "down"}


def test_both_down_are_both_named(client, postgres_down, dynamodb_down):
    response = client.get("/api/health-check")
    assert response.status_code == 503
    assert response.json["errors"] == ["postgres_unavailable", "dynamodb_unavailable"]


def test_during_an_outage_only_the_first_request_waits_for_a_connection(client, postgres_down, monkeypatch):
    monkeypatch.setattr(db, "failing", False)  # PostgreSQL answered until now
    started = time.monotonic()
    assert client.get("/api/health-check").status_code == 503
    first = time.monotonic() - started
    started = time.monotonic()
    assert [client.get("/api/health-check").status_code for _ in range(5)] == [503] * 5
    next_five = time.monotonic() - started
    assert first >= 0.9  # the pool's whole wait (1 s in this fixture)
    assert next_five < first  # each of the next waits only briefly
