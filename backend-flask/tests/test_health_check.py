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
