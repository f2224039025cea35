"""CORS: only the configured front-end origins may call the API from a browser."""

from flask_cors import CORS

cors = CORS()


def init_app(app):
    cors.init_app(
        app,
        resources={r"/api/*": {"origins": app.config["SETTINGS"].frontend_origins}},
        supports_credentials=True,
        allow_headers=["Authorization", "Content-Type", "X-Request-Id", "Idempotency-Key"],
        expose_headers=["X-Request-Id", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
        max_age=600,
    )
