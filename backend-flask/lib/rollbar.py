"""Rollbar, on when ROLLBAR_ACCESS_TOKEN is set: every unhandled exception,
once, with its request's context (method, route, request id, caller) and the
environment. No headers with secrets and no bodies are sent."""

import rollbar
from flask import g, request

SAFE_HEADERS = ("User-Agent", "Content-Type", "Content-Length", "X-Request-Id", "Origin")
SCRUB_FIELDS = [
    "authorization",
    "cookie",
    "set-cookie",
    "password",
    "access_token",
    "refresh_token",
    "code",
    "secret",
    "token",
]


def init_app(app, access_token: str, environment: str, endpoint: str | None):
    options = {
        "environment": environment,
        "scrub_fields": SCRUB_FIELDS,
        "allow_logging_basic_config": False,
        "locals": {"enabled": False},  # a frame's variables may hold a password or a token
    }
    if endpoint:
        options["endpoint"] = endpoint
    rollbar.init(access_token, **options)
    app.extensions.setdefault("error_reporters", []).append(report)


def report(error: BaseException):
    context = {
        "method": request.method,
        "url": request.path,
        "route": request.url_rule.rule if request.url_rule else None,
        "headers": {name: request.headers[name] for name in SAFE_HEADERS if name in request.headers},
        "request_id": g.get("request_id"),
    }
    person = {"id": str(g.user_uuid)} if g.get("user_uuid") else None
    rollbar.report_exc_info(
        (type(error), error, error.__traceback__),
        payload_data={"request": context, "person": person} if person else {"request": context},
    )
