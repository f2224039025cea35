"""Structured logs: JSON lines on stdout (CloudWatch gets them through the
ECS log driver, or through watchtower when CLOUDWATCH_LOG_GROUP is set), one
line per request, every line of a request carrying its request id.

Never logged: tokens, passwords, request or message bodies.
"""

import logging
import re
import sys
import time
import uuid

from flask import g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
log = logging.getLogger("cruddur.request")


class RequestContext(logging.Filter):
    def filter(self, record):
        record.request_id = g.get("request_id") if has_request_context() else None
        return True


def configure_logging(level: str, stream=None, cloudwatch_log_group: str | None = None, region: str | None = None):
    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )
    handlers = [logging.StreamHandler(stream or sys.stdout)]
    if cloudwatch_log_group:
        import boto3
        import watchtower

        handlers.append(
            watchtower.CloudWatchLogHandler(
                log_group_name=cloudwatch_log_group, boto3_client=boto3.client("logs", region_name=region)
            )
        )
    root = logging.getLogger()
    for handler in root.handlers[:]:
        if getattr(handler, "cruddur", False):  # ours from an earlier call; others (pytest's) stay
            root.removeHandler(handler)
    for handler in handlers:
        handler.cruddur = True
        handler.setFormatter(formatter)
        handler.addFilter(RequestContext())
        root.addHandler(handler)
    root.setLevel(level)


def init_app(app):
    @app.before_request
    def _start():
        given = request.headers.get("X-Request-Id", "")
        g.request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    @app.after_request
    def _finish(response):
        response.headers["X-Request-Id"] = g.request_id
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url_rule.rule if request.url_rule else "(unmatched)",
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - g.request_started) * 1000, 2),
                "user_uuid": str(g.user_uuid) if g.get("user_uuid") else None,
            },
        )
        return response
