"""Traces, error reports and logs, each checked against a local stand-in for
the service it goes to: an OTLP/HTTP receiver, a UDP "X-Ray daemon", a
"Rollbar" endpoint, and the log stream itself."""

import gzip
import io
import json
import re
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from lib import request_log, tracing


class Receiver:
    """A local HTTP server that keeps the bodies POSTed to it."""

    def __init__(self):
        self.bodies = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.headers.get("Content-Encoding") == "gzip":
                    body = gzip.decompress(body)
                elif self.headers.get("Content-Encoding") == "deflate":
                    body = zlib.decompress(body)
                receiver.bodies.append((self.path, body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"err": 0, "result": {"id": null, "uuid": "x"}}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, count: int, seconds: float = 10):
        deadline = time.monotonic() + seconds
        while len(self.bodies) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.bodies


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.server.shutdown()


@pytest.fixture
def fresh_tracers(monkeypatch):
    """A traced app registers its tracers; they are gone again after the test."""
    monkeypatch.setattr(tracing, "_tracers", [])


def spans_of(bodies) -> list:
    spans = []
    for _path, body in bodies:
        request = ExportTraceServiceRequest()
        request.ParseFromString(body)
        for resource_spans in request.resource_spans:
            for scope_spans in resource_spans.scope_spans:
                spans.extend(scope_spans.spans)
    return spans


def attributes(span) -> dict:
    return {a.key: a.value.string_value or a.value.int_value for a in span.attributes}


def test_otlp_server_span_with_sql_and_dynamodb_children(make_client, make_user, receiver, fresh_tracers):
    traced = make_client(otel_exporter_otlp_endpoint=receiver.url)
    provider = traced.application.extensions["otel_provider"]
    ada, bob = make_user(), make_user()
    traced.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
    receiver.bodies.clear()

    assert traced.get("/api/activities/home").status_code == 200
    assert traced.get("/api/message_groups", headers=ada["headers"]).status_code == 200
    provider.force_flush()
    spans = spans_of(receiver.wait_for(1))
    assert all(path == "/v1/traces" for path, _ in receiver.bodies)

    [home] = [s for s in spans if attributes(s).get("http.route") == "/api/activities/home"]
    [sql] = [s for s in spans if s.name == "sql activities/public"]
    assert sql.parent_span_id == home.span_id and sql.trace_id == home.trace_id
    [groups] = [s for s in spans if attributes(s).get("http.route") == "/api/message_groups"]
    [query] = [s for s in spans if s.name == "dynamodb Query" and s.trace_id == groups.trace_id]
    assert query.parent_span_id == groups.span_id
    provider.shutdown()


def test_xray_segment_with_sql_and_dynamodb_subsegments(make_client, make_user, fresh_tracers):
    daemon = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    daemon.bind(("127.0.0.1", 0))
    daemon.settimeout(5)
    traced = make_client(aws_xray_daemon_address=f"127.0.0.1:{daemon.getsockname()[1]}")
    ada, bob = make_user(), make_user()
    group = traced.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
    group_uuid = group.json["message_group_uuid"]

    header = {"X-Amzn-Trace-Id": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"}
    assert traced.get(f"/api/messages/{group_uuid}", headers=ada["headers"] | header).status_code == 200
    segments = []
    while not any(s.get("trace_id") == "1-5759e988-bd862e3fe1be46a994272793" for s in segments):
        datagram, _ = daemon.recvfrom(65535)
        header_line, _, body = datagram.decode().partition("\n")
        assert json.loads(header_line) == {"format": "json", "version": 1}
        segments.append(json.loads(body))
    [segment] = [s for s in segments if s.get("trace_id") == "1-5759e988-bd862e3fe1be46a994272793"]
    assert segment["http"]["response"]["status"] == 200
    names = {sub["name"] for sub in segment.get("subsegments", [])}
    assert "sql users/cards_by_uuids" in names
    assert {"dynamodb GetItem", "dynamodb Query"} <= names
    daemon.close()


def test_rollbar_gets_one_report_without_secrets(make_client, make_user, receiver):
    app = make_client(rollbar_access_token="test-rollbar-token", rollbar_endpoint=f"{receiver.url}/api/1/").application

    @app.get("/api/test-only/explode")
    def explode():
        raise RuntimeError("forced failure")

    ada = make_user()
    response = app.test_client().get(
        "/api/test-only/explode", headers=ada["headers"] | {"Cookie": "cruddur_refresh=s3cret"}
    )
    assert response.status_code == 500
    [(path, body)] = receiver.wait_for(1)
    time.sleep(0.3)
    assert len(receiver.bodies) == 1, "reported once"
    assert path == "/api/1/item/"
    raw = body.decode()
    token = ada["headers"]["Authorization"].split()[1]
    assert token not in raw and "Bearer" not in raw and "s3cret" not in raw
    assert "authorization" not in raw.lower()
    payload = json.loads(raw)["data"]
    assert payload["environment"] == "test"
    assert payload["request"]["route"] == "/api/test-only/explode"
    assert payload["body"]["trace"]["exception"]["message"] == "forced failure"


def test_log_lines_are_json_with_the_request_id(client, make_user, caplog):
    stream = io.StringIO()
    request_log.configure_logging("INFO", stream=stream)
    try:
        ada = make_user(handle="ada")
        response = client.get("/api/activities/@ada", headers=ada["headers"] | {"X-Request-Id": "req-123"})
        assert response.headers["X-Request-Id"] == "req-123"
        generated = client.get("/api/activities/home")
        assert len(generated.headers["X-Request-Id"]) == 32
        signin = client.post("/api/auth/signin", json={"email": "nobody@example.com", "password": "Secret-Pass-1"})
        assert signin.status_code == 401
        body = {"email": "new@example.com", "handle": "newbie", "display_name": "New", "password": "Secret-Pass-1"}
        assert client.post("/api/auth/signup", json=body, headers={"X-Request-Id": "req-signup"}).status_code == 201
    finally:
        request_log.configure_logging("INFO")

    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    requests = [line for line in lines if line["message"] == "request"]
    first = requests[0]
    assert first["request_id"] == "req-123"
    assert (first["method"], first["path"], first["status"]) == ("GET", "/api/activities/@<handle:handle>", 200)
    assert first["user_uuid"] == str(ada["uuid"])
    assert first["duration_ms"] >= 0
    assert requests[1]["request_id"] == generated.headers["X-Request-Id"]
    assert requests[1]["user_uuid"] is None
    [code_line] = [line for line in lines if line["message"].startswith("confirm code issued for")]
    assert code_line["request_id"] == "req-signup", "lines logged during a request carry its id"
    assert "Secret-Pass-1" not in stream.getvalue()
    assert not re.search(r"\b\d{6}\b", code_line["message"]), "codes are logged only in development"
    assert ada["headers"]["Authorization"].split()[1] not in stream.getvalue()


def test_startup_says_what_is_on(make_client, caplog, fresh_tracers):
    caplog.set_level("INFO", logger="cruddur")
    make_client(rollbar_access_token="t", rollbar_endpoint="http://127.0.0.1:9/")
    assert "observability: otlp=off xray=off rollbar=on cloudwatch=off" in caplog.text
