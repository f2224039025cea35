"""bin/bench's crowd, on fixed input: the wrk script it writes draws each
request's kind, person and target as the tables say (run by wrk against a
recording server), counts non-2xx answers per kind, the floor answers every
path, the conversations cover the crowd, and the chart shows every row."""

import http.server
import json
import re
import shutil
import subprocess
import threading
import time
import xml.etree.ElementTree as ET

import pytest

from harness import REPO
from harness.bench import chart as bench_chart
from harness.bench import crowd as bench_crowd
from harness.bench import floor as bench_floor
from harness.bench import runner as bench

needs_wrk = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (Debian: apt-get install wrk)")

PEOPLE = (
    bench_crowd.Person("uuid-ann", "token-ann", (("group-ann-bob", "bob"), ("group-ann-cat", "cat"))),
    bench_crowd.Person("uuid-bob", "token-bob", (("group-ann-bob", "ann"),)),
    bench_crowd.Person("uuid-cat", "token-cat", (("group-ann-cat", "ann"),)),
)
CROWD = bench_crowd.Crowd(
    people=PEOPLE,
    handles=("ann", "bob"),
    cruds=(("ann", "crud-1"), ("bob", "crud-2")),
    words=("w1", "w2"),
)
SVG = "{http://www.w3.org/2000/svg}"


class Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request 200 with X-Request-Id sent back, except likes (404), and keeps what it saw."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as one: no 40 ms wait for an ACK
    seen: list = []

    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else None
        self.seen.append((self.command, self.path, dict(self.headers), body))
        status = 404 if self.path.endswith("/like") else 200
        self.send_response(status)
        self.send_header("X-Request-Id", self.headers.get("X-Request-Id", ""))
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = answer

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # wrk drops its connections when its time is up


@pytest.fixture
def recorder():
    Recorder.seen = []
    server = Server(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", Recorder.seen
    server.shutdown()
    server.server_close()


def expected_target(kind: str, person: bench_crowd.Person, path: str, body: dict | None) -> bool:
    """Whether a request of `kind` from `person` aims at a target the tables allow."""
    groups = {group for group, _ in person.conversations}
    others = {handle for _, handle in person.conversations}
    crud_paths = {f"/api/activities/@{h}/status/{u}" for h, u in CROWD.cruds}
    crud_uuids = {u for _, u in CROWD.cruds}
    match kind:
        case "home" | "notifications" | "message_groups":
            return path in ("/api/activities/home", "/api/activities/notifications", "/api/message_groups")
        case "user_feed":
            return path in {f"/api/activities/@{h}" for h in CROWD.handles}
        case "crud_page":
            return path in crud_paths
        case "search":
            return path in {f"/api/activities/search?term={w}" for w in CROWD.words}
        case "conversation":
            return path.removeprefix("/api/messages/") in groups
        case "like":
            return re.fullmatch(r"/api/activities/(.+)/like", path)[1] in crud_uuids
        case "reply":
            return re.fullmatch(r"/api/activities/(.+)/reply", path)[1] in crud_uuids and bool(body["message"])
        case "new_crud":
            return path == "/api/activities" and body["ttl"] in bench_crowd.TTLS and bool(body["message"])
        case "message":
            return path == "/api/messages" and body["handle"] in others and bool(body["message"])
    return False


@needs_wrk
def test_the_crowd_script_draws_people_kinds_and_targets_from_its_tables(recorder, tmp_path):
    url, seen = recorder
    script = bench_crowd.write_script(CROWD, bench_crowd.MIX, tmp_path / "crowd.lua")
    figures = bench_crowd.wrk_crowd(url, script, 1, 2)

    assert figures["requests"] > 50 and seen
    people = {f"Bearer {p.token}": p for p in PEOPLE}
    keys = []
    for method, path, headers, body in seen:
        kind, person = headers["X-Request-Id"], people[headers["Authorization"]]
        payload = json.loads(body) if body else None
        assert method == ("POST" if kind in ("like", "new_crud", "reply", "message") else "GET"), (kind, method)
        assert expected_target(kind, person, path, payload), (kind, person.uuid, path, body)
        if payload is not None:
            assert headers["Content-Type"] == "application/json"
            keys.append(headers["Idempotency-Key"])
    assert len(keys) == len(set(keys)), "every create carries an idempotency key of its own"
    assert {headers["X-Request-Id"] for _, _, headers, _ in seen} == set(bench_crowd.MIX)
    assert {headers["Authorization"] for _, _, headers, _ in seen} == set(people)
    assert figures["failures"] == {"like 404": figures["answers"]["like"]}
    assert figures["errors"] == figures["answers"]["like"] + figures["socket_errors"]


@needs_wrk
def test_a_kind_alone_sends_only_that_kind(recorder, tmp_path):
    url, seen = recorder
    script = bench_crowd.write_script(CROWD, {"conversation": 1}, tmp_path / "conversation.lua")
    figures = bench_crowd.wrk_crowd(url, script, 1, 2)
    assert set(figures["answers"]) == {"conversation"} and figures["errors"] == 0
    assert {path.rsplit("/", 1)[0] for _, path, _, _ in seen} == {"/api/messages"}


def test_the_mix_option():
    assert bench_crowd.parse_mix("home=3, like=1,search=0") == {"home": 3, "like": 1}
    for wrong in ("homes=1", "home=x", "home=-1", "home=0", "home"):
        with pytest.raises(ValueError):
            bench_crowd.parse_mix(wrong)


def test_the_floor_answers_every_path_and_sends_back_the_request_id():
    client = bench_floor.app.test_client()
    for method, path in (("GET", "/"), ("GET", "/api/activities/@x/status/y?a=1"), ("POST", "/api/messages")):
        answer = client.open(path, method=method, headers={"X-Request-Id": "search"}, json={"a": 1})
        assert answer.status_code == 200 and answer.headers["X-Request-Id"] == "search"


def people(count: int) -> list[dict]:
    return [{"uuid": f"u{n}", "handle": f"bench_user_{n}", "display_name": "B", "n": n} for n in range(1, count + 1)]


@pytest.mark.parametrize(("users", "crowd", "conversations"), [(1000, 200, 200), (1000, 1000, 525), (2000, 2000, 1025)])
def test_everyone_in_the_crowd_has_a_conversation(users, crowd, conversations):
    pairs = bench.conversation_pairs(people(users), crowd)
    members = {person["n"] for first, second, _ in pairs for person in (first, second)}
    assert set(range(1, crowd + 1)) <= members
    assert len(pairs) == conversations
    assert len({(first["n"], second["n"]) for first, second, _ in pairs}) == len(pairs)
    assert [m for _, _, m in pairs[:200]] == [bench.MESSAGES_PER_CONVERSATION] * 200


def test_the_chart_shows_every_row_before_and_after():
    bars = [
        bench_chart.Bar("mixed", 16.0, 332.0, before=12.0, target=50),
        bench_chart.Bar("search alone", 130.0, 2700.0, before=7.0, target=40),
        bench_chart.Bar("like alone", 21.0, 425.0),
    ]
    root = ET.fromstring(bench_chart.chart_svg("Title & more", ["this run", "before"], bars))  # noqa: S314 (our own output)
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert {"Title & more", "this run", "mixed", "search alone", "like alone", "after", "target"} <= set(texts)
    assert "12 → 16 % · 332 rps" in texts and "140 %" in texts  # the axis reaches past the longest bar
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert len(widths) == 1 + 2 + 2 + 1 + 2  # background, two rows of two bars, one of one, legend keys


def test_help_names_every_option_and_the_default_mix():
    shown = subprocess.run([REPO / "bin" / "bench", "--help"], capture_output=True, text=True, check=True, timeout=30)
    for option in ("--size", "--duration", "--connections", "--output", "--only", "--mixed", "--people", "--mix"):
        assert option in shown.stdout
    assert "--compare" in shown.stdout
    default = ",".join(f"{kind}={weight}" for kind, weight in bench_crowd.MIX.items())
    assert default in re.sub(r"\s+", "", shown.stdout)


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--people", "1"], "--people must be 2 to"), (["--mix", "homes=1"], "--mix"), (["--size", "2m"], "--size")],
)
def test_bad_options_stop_bin_bench_before_it_starts_anything(args, message):
    refused = subprocess.run([REPO / "bin" / "bench", *args], capture_output=True, text=True, check=False, timeout=30)
    assert refused.returncode == 2 and message in refused.stderr
    assert refused.stderr.startswith("usage: bin/bench") and "==>" not in refused.stderr


def fake_queries() -> dict:
    """Stands in for DynamoDB Local: each read takes a millisecond."""
    return {kind: lambda person: time.sleep(0.001) for kind in bench_crowd.DYNAMODB_KINDS}


def test_the_dynamodb_floor_counts_each_read_from_several_processes():
    floor = bench_crowd.dynamodb_floor(fake_queries, PEOPLE, 1)
    assert set(floor) == set(bench_crowd.DYNAMODB_KINDS)
    in_flight = bench_crowd.DYNAMODB_PROCESSES * bench_crowd.DYNAMODB_THREADS
    for figures in floor.values():
        assert 100 < figures["rps"] <= in_flight * 1000
