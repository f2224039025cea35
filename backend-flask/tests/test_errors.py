from flask import Flask

from lib.error_handlers import register_error_handlers


def test_unknown_route_is_json_404(raw_client):
    response = raw_client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json == {"errors": ["not_found"]}


def test_wrong_method_is_json_405(raw_client):
    response = raw_client.delete("/api/health-check")
    assert response.status_code == 405
    assert response.json == {"errors": ["method_not_allowed"]}
    assert "GET" in response.headers["Allow"]


def test_unexpected_exception_is_json_500_without_details():
    app = Flask(__name__)
    register_error_handlers(app)

    @app.get("/api/test-only/explode")
    def explode():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/api/test-only/explode")
    assert response.status_code == 500
    assert response.json == {"errors": ["internal_error"]}
    assert b"secret" not in response.data


def test_cors_allows_only_configured_origins(raw_client):
    allowed = raw_client.get("/api/health-check", headers={"Origin": "http://localhost:3000"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    denied = raw_client.get("/api/health-check", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in denied.headers
