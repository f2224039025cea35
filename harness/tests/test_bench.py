"""bin/bench's crowd, on fixed input: the wrk script it writes draws each
request's kind, person and target as the tables say (run by wrk against a
recording server), counts non-2xx answers per kind, the floor answers every
path, the conversations cover the crowd, and the chart shows every row. And
its seed, in a PostgreSQL of its own: the follow graph's spread and counts,
the reposts, and the blocks and mutes of one person beside their twin with
none; the SQL floors through pgbench; and the report's targets."""

import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import psycopg
import pytest

from harness import REPO
from harness.bench import chart as bench_chart
from harness.bench import crowd as bench_crowd
from harness.bench import floor as bench_floor
from harness.bench import runner as bench
from harness.bench import streams as bench_streams

needs_wrk = pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed (Debian: apt-get install wrk)")
needs_pgbench = pytest.mark.skipif(
    shutil.which("pgbench") is None, reason="pgbench is not installed (Debian: postgresql-contrib)"
)

PEOPLE = (
    bench_crowd.Person("uuid-ann", "token-ann", (("group-ann-bob", "bob"), ("group-ann-cat", "cat")), "ann"),
    bench_crowd.Person("uuid-bob", "token-bob", (("group-ann-bob", "ann"),), "bob"),
    bench_crowd.Person("uuid-cat", "token-cat", (("group-ann-cat", "ann"),), "cat", ("bob",)),  # a block between them
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
        self.seen.append((self.command, self.path, dict(self.headers), body, self.client_address))
        status = 404 if self.path.endswith("/like") else 200
        self.send_response(status)
        self.send_header("X-Request-Id", self.headers.get("X-Request-Id", ""))
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = do_DELETE = answer

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
        case "public":
            return path == "/api/activities/public"
        case "follow":
            followed = re.fullmatch(r"/api/users/@(.+)/follow", path)[1]
            return followed in CROWD.handles and followed != person.handle and body is None
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
    keys, follows = [], set()
    for method, path, headers, body, _ in seen:
        kind, person = headers["X-Request-Id"], people[headers["Authorization"]]
        payload = json.loads(body) if body else None
        if kind == "follow":
            follows.add(method)
        else:
            assert method == ("POST" if kind in ("like", "new_crud", "reply", "message") else "GET"), (kind, method)
        assert expected_target(kind, person, path, payload), (kind, person.uuid, path, body)
        aimed_at_bob = "@bob" in path or "crud-2" in path
        assert not (person.handle == "cat" and aimed_at_bob), ("a block hides bob from cat", kind, path)
        if payload is not None:
            assert headers["Content-Type"] == "application/json"
            keys.append(headers["Idempotency-Key"])
    assert len(keys) == len(set(keys)), "every create carries an idempotency key of its own"
    assert follows == {"POST", "DELETE"}, "a follow kind is a follow or an unfollow"
    assert {headers["X-Request-Id"] for _, _, headers, _, _ in seen} == set(bench_crowd.MIX)
    assert {headers["Authorization"] for _, _, headers, _, _ in seen} == set(people)
    assert figures["failures"] == {"like 404": figures["answers"]["like"]}
    assert figures["errors"] == figures["answers"]["like"] + figures["socket_errors"]


@needs_wrk
def test_a_kind_alone_sends_only_that_kind(recorder, tmp_path):
    url, seen = recorder
    script = bench_crowd.write_script(CROWD, {"conversation": 1}, tmp_path / "conversation.lua")
    figures = bench_crowd.wrk_crowd(url, script, 1, 2)
    assert set(figures["answers"]) == {"conversation"} and figures["errors"] == 0
    assert {path.rsplit("/", 1)[0] for _, path, _, _, _ in seen} == {"/api/messages"}


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


@needs_wrk
def test_a_toggling_row_sends_each_path_each_method_in_turn(recorder):
    url, seen = recorder
    paths = ["/api/users/@ann/follow", "/api/users/@bob/follow", "/api/users/@cat/follow"]
    figures = bench.wrk(url, paths, 1, 2, method=["POST", "DELETE"])
    assert figures["requests"] > 20 and figures["errors"] == 0
    by_connection = {}
    for method, path, _, _, client in seen:
        by_connection.setdefault(client, []).append((method, path))
    turn = [(method, path) for path in paths for method in ("POST", "DELETE")]
    for sent in by_connection.values():  # in turn from wherever it starts (wrk may draw one it never sends)
        start = turn.index(sent[0])
        assert sent == [turn[(start + i) % len(turn)] for i in range(len(sent))]


def following_results(heavy_rps: float, page_ms: float) -> dict:
    row = {"rps": 0, "p50_ms": 1, "p99_ms": 2, "errors": 0, "bytes_per_response": 10}
    return {
        "follows": {
            "heavy": {"handle": "bench_user_1", "following": 999},
            "light": {"handle": "bench_user_2", "following": 10},
            "followed": {"handle": "bench_user_7", "followers": 970},
        },
        "endpoints": {
            bench.PUBLIC: row | {"rps": 500},
            bench.FOLLOWING_HEAVY: row | {"rps": heavy_rps},
            bench.FOLLOWING_LIGHT: row | {"rps": 600},
        },
        "floors": {"following_sql_pgbench": {"rps": 900.0, "latency_avg_ms": 35.0, "page_ms": page_ms}},
    }


def test_the_report_sets_the_following_timeline_against_the_public_one_and_its_sql_against_10_ms():
    met = "\n".join(bench.following_report(following_results(heavy_rps=450, page_ms=3.2)))
    assert "bench_user_1 follows 999, bench_user_2 follows 10" in met and "bench_user_7's" in met
    assert "Following timeline (1,000 follows): 90 % of the public timeline's requests/s (target ≥ 80 %: met)" in met
    assert "Following timeline (10 follows): 120 % of the public timeline's requests/s." in met
    assert "3.2 ms a page from one connection (target < 10 ms: met)" in met
    missed = "\n".join(bench.following_report(following_results(heavy_rps=350, page_ms=12.5)))
    assert "70 % of the public timeline's requests/s (target ≥ 80 %: missed)" in missed
    assert "12.5 ms a page from one connection (target < 10 ms: missed)" in missed


def safety_results(blocking_rps: float, none_rps: float, errors: int = 0) -> dict:
    person = {"following": 100, "timed_mutes": 200, "muted_followed": 5}
    row = {"p50_ms": 1, "p99_ms": 2, "bytes_per_response": 10, "rounds_rps": [1.0, 2.0]}
    return {
        "people": {
            "blocking": person | {"handle": "bench_user_1001", "blocks": 1000, "mutes": 1000},
            "none": person | {"handle": "bench_user_1002", "blocks": 0, "mutes": 0, "timed_mutes": 0},
        },
        "everyone": 5000,
        "authors": 1000,
        "hidden_newest": 37.2,
        "load": {"start": 1.5, "end": 2.25},
        "rows": {
            bench.SAFETY_ROWS[("public", "blocking")]: row | {"rps": blocking_rps, "errors": errors},
            bench.SAFETY_ROWS[("public", "none")]: row | {"rps": none_rps, "errors": 0},
            bench.SAFETY_ROWS[("following", "blocking")]: row | {"rps": 100, "errors": 0},
            bench.SAFETY_ROWS[("following", "none")]: row | {"rps": 100, "errors": 0},
        },
        "sql": {
            bench.SAFETY_ROWS[("public", "blocking")]: {"page_ms": 1.2, "rounds_ms": [1.2]},
            bench.SAFETY_ROWS[("public", "none")]: {"page_ms": 1.0, "rounds_ms": [1.0]},
        },
    }


def test_the_blocks_and_mutes_rows_are_selected_together_and_apart_from_the_others():
    names = list(bench.SAFETY_ROWS.values())
    assert all(bench.wanted(name, SimpleNamespace(only=["blocks"])) for name in names)
    assert not bench.wanted(bench.PUBLIC, SimpleNamespace(only=["blocks"]))
    assert not bench.wanted(bench.FOLLOWING_HEAVY, SimpleNamespace(only=["blocks"]))


def test_the_report_sets_each_timeline_with_blocks_and_mutes_against_the_same_with_none():
    args = SimpleNamespace(connections=32, duration=10)
    met = "\n".join(bench.safety_report(safety_results(blocking_rps=95, none_rps=100), args))
    assert (
        "Public timeline with 1,000 blocks + 1,000 mutes: 95 % of the requests/s with none, 5 % slower"
        " (target ≤ 10 % slower: met); its SQL 1.2 ms a page against 1.0 ms, 20 % slower." in met
    )
    assert "Following timeline with 1,000 blocks + 1,000 mutes: 100 % of the requests/s with none, 0 % slower" in met
    assert "read cache is off" in met and "Load average 1.50 at the start of these rows, 2.25 at their end" in met
    rows = [line for line in met.splitlines() if line.startswith("| public timeline") or line.startswith("| following")]
    assert len(rows) == 4 and all("best case" in line and "read cache off" in line for line in rows)
    missed = "\n".join(bench.safety_report(safety_results(blocking_rps=80, none_rps=100), args))
    assert "80 % of the requests/s with none, 25 % slower (target ≤ 10 % slower: missed)" in missed
    failing = "\n".join(bench.safety_report(safety_results(blocking_rps=100, none_rps=100, errors=3), args))
    assert "0 % slower (target ≤ 10 % slower: missed)" in failing


def test_interleaved_runs_take_turns_and_merged_rounds_add_up():
    order = []
    figures = bench.interleaved({"a": lambda: order.append("a") or 1, "b": lambda: order.append("b") or 2}, 3)
    assert order == ["a", "b"] * 3 and figures == {"a": [1, 1, 1], "b": [2, 2, 2]}
    rounds = [
        {"rps": 100.0, "requests": 1000, "p50_ms": 3.0, "p99_ms": 9.0, "errors": 0, "bytes_per_response": 10},
        {"rps": 50.0, "requests": 500, "p50_ms": 5.0, "p99_ms": 20.0, "errors": 1, "bytes_per_response": 10},
        {"rps": 100.0, "requests": 1000, "p50_ms": 4.0, "p99_ms": 8.0, "errors": 0, "bytes_per_response": 10},
    ]
    row = bench.merged(rounds)
    assert row["rps"] == round(2500 / 30, 1) and row["p50_ms"] == 4.0 and row["p99_ms"] == 20.0
    assert row["errors"] == 1 and row["requests"] == 2500 and row["rounds_rps"] == [100.0, 50.0, 100.0]


def embedded(function: str, *args: str):
    """A bin/lib/embedded.sh function (pg_start, pg_stop), as bin/bench runs it."""
    script = 'source "$0"; "$@"'
    common = str(REPO / "bin" / "lib" / "common.sh")
    subprocess.run(["bash", "-c", script, common, function, *args], check=True, capture_output=True, timeout=120)


PEOPLE_SEEDED = 1200  # more than the authors, so that the 1,000-followers do not follow everyone


@pytest.fixture(scope="module")
def seeded():
    """A bench database as bin/bench seeds one, of 2,000 cruds and 1,200
    people, on TEST_DATABASE_URL's server or one started for it."""
    server, data = os.environ.get("TEST_DATABASE_URL"), None
    if not server:
        data = tempfile.mkdtemp(prefix="cruddur-bench-seed-")
        os.chmod(data, 0o755)  # noqa: S103 (PostgreSQL's own user reaches its directory inside)
        port = bench.free_port()
        embedded("pg_start", f"{data}/postgres", str(port), "fast")
        server = f"postgresql://postgres@127.0.0.1:{port}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS bench_seed_test WITH (FORCE)")
        conn.execute("CREATE DATABASE bench_seed_test")
    try:
        bench.seed_postgres(f"{server}/bench_seed_test", 2000, PEOPLE_SEEDED)
        yield f"{server}/bench_seed_test"
    finally:
        if data:
            embedded("pg_stop", f"{data}/postgres")
            shutil.rmtree(data, ignore_errors=True)
        else:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
                conn.execute("DROP DATABASE IF EXISTS bench_seed_test WITH (FORCE)")


def test_the_seed_sets_both_counts_of_everyone_from_the_follows_table(seeded):
    with psycopg.connect(seeded) as conn:
        wrong = conn.execute(
            "SELECT handle FROM users u"
            " WHERE following_count <> (SELECT count(*) FROM follows WHERE follower_uuid = u.uuid)"
            " OR followers_count <> (SELECT count(*) FROM follows WHERE followed_uuid = u.uuid)"
        ).fetchall()
        follows, following, followers = conn.execute(
            "SELECT (SELECT count(*) FROM follows), sum(following_count), sum(followers_count) FROM users"
        ).fetchone()
    assert wrong == [] and follows == following == followers > 0


def counts(url: str) -> dict[int, tuple[int, int]]:
    """bench_user_<n>: (how many they follow, how many follow them)."""
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT substring(handle from 12)::int, following_count, followers_count FROM users"
        ).fetchall()
    return {n: (following, followers) for n, following, followers in rows}


def test_the_follow_graph_spreads_as_people_follow(seeded):
    people = {n: c for n, c in counts(seeded).items() if n <= PEOPLE_SEEDED}  # the authors and the crowd
    total = len(people)
    following = sorted(f for f, _ in people.values())
    followers = sorted(f for _, f in people.values())
    assert total == PEOPLE_SEEDED and following[0] >= 1, "everyone, the crowd too, follows someone"
    assert people[bench.HEAVY_FOLLOWER][0] == 1000 and people[bench.LIGHT_FOLLOWER][0] == 10
    assert sum(20 <= f <= 200 for f in following) >= 0.8 * total, "most follow 20 to 200"
    assert sum(f == 1000 for f in following) >= 0.01 * total, "some follow 1,000"
    assert any(f < 20 for f in following)
    halves = sum(f >= total / 2 for f in followers)
    assert 1 <= halves <= 0.05 * total, "a few are followed by half of everyone"
    assert followers[total // 2] < total / 10, "most by far fewer"


def test_only_the_1000_followers_follow_people_who_have_posted_nothing(seeded):
    with psycopg.connect(seeded) as conn:
        followers = conn.execute(
            "SELECT DISTINCT me.following_count FROM follows f JOIN users me ON me.uuid = f.follower_uuid"
            " JOIN users them ON them.uuid = f.followed_uuid"
            " WHERE substring(them.handle from 12)::int > %s",
            [bench.USERS],
        ).fetchall()
    assert followers == [(1000,)]


def test_with_fewer_than_a_thousand_others_the_1000_followers_follow_everyone(seeded):
    with psycopg.connect(seeded) as conn:  # rolled back at the end
        conn.execute("TRUNCATE follows")
        conn.execute("DELETE FROM users WHERE substring(handle from 12)::int > %s", [bench.USERS])
        added = bench.seed_follows(conn)
        everyone = conn.execute("SELECT following_count FROM users WHERE handle = 'bench_user_1'").fetchone()[0]
        heavy = conn.execute("SELECT count(*) FROM users WHERE following_count = %s", [bench.USERS - 1]).fetchone()[0]
        conn.rollback()
    assert everyone == bench.USERS - 1 and heavy == bench.USERS // bench.HEAVY_EVERY and added > 0


def test_the_seed_reposts_the_newest_cruds_with_their_counts_and_notifications(seeded):
    with psycopg.connect(seeded) as conn:
        reposts, top_level, counted, early, notified, others = conn.execute(
            "SELECT (SELECT count(*) FROM reposts),"
            " (SELECT count(*) FROM activities WHERE reply_to_activity_uuid IS NULL),"
            " (SELECT sum(reposts_count) FROM activities),"
            " (SELECT count(*) FROM reposts r JOIN activities a ON a.uuid = r.activity_uuid"
            "  WHERE r.created_at < a.created_at OR r.created_at > now()),"
            " (SELECT count(*) FROM notifications WHERE kind = 'repost'),"
            " (SELECT count(*) FROM reposts r JOIN activities a ON a.uuid = r.activity_uuid"
            "  WHERE a.user_uuid <> r.user_uuid)"
        ).fetchone()
    reposted = -(-min(top_level, bench.CROWD_CRUDS) // bench.REPOSTED_EVERY)  # every 10th, the newest first
    assert reposts == bench.REPOSTS_PER_CRUD * reposted == counted
    assert early == 0 and notified == others > 0


def test_the_rows_address_the_people_the_seed_made_for_them(seeded):
    graph = bench.follow_graph(seeded)
    people = counts(seeded)
    heavy = {k: v for k, v in graph["heavy"].items() if k != "uuid"}
    assert heavy == {"handle": "bench_user_1", "following": 1000, "cognito_user_id": "bench-1"}
    assert graph["light"] == {"handle": "bench_user_2", "following": 10}
    most = max(followers for _, followers in people.values())
    assert graph["followed"]["followers"] == most == people[int(graph["followed"]["handle"][11:])][1]
    with psycopg.connect(seeded) as conn:
        followed = {
            handle
            for (handle,) in conn.execute(
                "SELECT them.handle FROM follows f JOIN users them ON them.uuid = f.followed_uuid"
                " JOIN users me ON me.uuid = f.follower_uuid WHERE me.handle = 'bench_user_2'"
            )
        }
    toggled = set(graph["toggled"])  # every other author bench_user_2 does not follow
    assert len(toggled) == len(graph["toggled"]) == bench.USERS - 1 - len(followed)
    assert not toggled & followed and "bench_user_2" not in toggled
    assert all(int(handle[11:]) <= bench.USERS for handle in toggled)


@needs_pgbench
def test_the_following_timeline_sql_runs_through_pgbench_with_bound_variables(seeded):
    script = bench.pgbench_script("activities/following")
    assert "%(" not in script and "--" not in script
    variables = {":limit", ":after_time", ":after_uuid", ":cognito_user_id", ":viewer_uuid"}
    assert variables <= set(re.findall(r"(?<!:):\w+", script))
    heavy = bench.follow_graph(seeded)["heavy"]
    figures = bench.pgbench_following(seeded, heavy, SimpleNamespace(connections=2, duration=1))
    assert figures["rps"] > 0 and figures["latency_avg_ms"] > 0 and figures["page_ms"] > 0
    with pytest.raises(SystemExit, match="no value for cognito_user_id"):
        bench.pgbench(seeded, script, bench.FIRST_PAGE, 1, 1)


def test_the_seed_gives_one_person_1000_blocks_and_1000_mutes_and_their_twin_the_same_follows_and_none(seeded):
    pair = bench.safety_people(seeded, PEOPLE_SEEDED)
    blocking, none = pair["blocking"], pair["none"]
    assert (blocking["handle"], none["handle"]) == bench.safety_handles(PEOPLE_SEEDED)
    assert pair["everyone"] == bench.SAFETY_POPULATION
    assert blocking["following"] == none["following"] == bench.SAFETY_FOLLOWS
    assert (blocking["blocks"], blocking["mutes"]) == (bench.SAFETY_BLOCKS, bench.SAFETY_MUTES)
    assert (none["blocks"], none["mutes"]) == (0, 0)
    assert blocking["muted_followed"] == bench.SAFETY_MUTED_FOLLOWS, "a handful of the people followed are muted"
    assert 0 < blocking["timed_mutes"] < bench.SAFETY_MUTES / 2
    assert 0 < pair["hidden_newest"] < 100
    with psycopg.connect(seeded) as conn:
        me, twin = (blocking["uuid"], none["uuid"])
        same = conn.execute(
            "SELECT (SELECT array_agg(followed_uuid ORDER BY followed_uuid) FROM follows WHERE follower_uuid = %s)"
            " = (SELECT array_agg(followed_uuid ORDER BY followed_uuid) FROM follows WHERE follower_uuid = %s)",
            [me, twin],
        ).fetchone()[0]
        blocked_followed, both, authors_followed = conn.execute(
            "SELECT (SELECT count(*) FROM blocks b JOIN follows f ON f.follower_uuid = b.blocker_uuid"
            "   AND f.followed_uuid = b.blocked_uuid OR f.follower_uuid = b.blocked_uuid"
            "   AND f.followed_uuid = b.blocker_uuid WHERE b.blocker_uuid = %(me)s),"
            " (SELECT count(*) FROM blocks b JOIN mutes m ON m.muter_uuid = b.blocker_uuid"
            "   AND m.muted_uuid = b.blocked_uuid WHERE b.blocker_uuid = %(me)s),"
            " (SELECT bool_and(substring(u.handle from 12)::int <= %(authors)s) FROM follows f"
            "   JOIN users u ON u.uuid = f.followed_uuid WHERE f.follower_uuid = %(me)s)",
            {"me": me, "authors": bench.USERS},
        ).fetchone()
    assert same and blocked_followed == 0 and both == 0 and authors_followed


def test_around_the_pair_others_block_and_mute_a_few_but_not_the_people_the_rows_read_as(seeded):
    pair = bench.safety_people(seeded, PEOPLE_SEEDED)
    aside = ["bench_user_1", "bench_user_2", pair["blocking"]["handle"], pair["none"]["handle"]]
    with psycopg.connect(seeded) as conn:
        blockers, most, touching, followed = conn.execute(
            "WITH b AS (SELECT blocker_uuid AS me, blocked_uuid AS other FROM blocks"
            "   UNION ALL SELECT muter_uuid, muted_uuid FROM mutes),"
            " others AS (SELECT b.* FROM b JOIN users u ON u.uuid = b.me WHERE u.handle <> %(blocker)s)"
            " SELECT (SELECT count(DISTINCT me) FROM others),"
            " (SELECT max(n) FROM (SELECT count(*) AS n FROM blocks GROUP BY blocker_uuid HAVING count(*) < 1000) c),"
            " (SELECT count(*) FROM others o JOIN users u ON u.uuid IN (o.me, o.other)"
            "   WHERE u.handle = ANY(%(aside)s)),"
            " (SELECT count(*) FROM others o JOIN follows f ON (f.follower_uuid, f.followed_uuid) IN"
            "   ((o.me, o.other), (o.other, o.me)))",
            {"blocker": pair["blocking"]["handle"], "aside": aside},
        ).fetchone()
    assert blockers >= PEOPLE_SEEDED // bench.SAFETY_BACKGROUND_EVERY // 2
    assert most <= bench.SAFETY_BACKGROUND_MOST and touching == 0 and followed == 0


def test_the_crowd_is_told_who_a_block_hides_from_each_of_its_people(seeded):
    handles = [f"bench_user_{n}" for n in range(1, PEOPLE_SEEDED + 1)]
    with psycopg.connect(seeded) as conn:
        hidden = bench.hidden_by_blocks(conn, handles)
        pairs = conn.execute(
            "SELECT a.handle, b.handle FROM blocks k JOIN users a ON a.uuid = k.blocker_uuid"
            " JOIN users b ON b.uuid = k.blocked_uuid"
        ).fetchall()
    expected: dict[str, set[str]] = {}
    for blocker, blocked in pairs:
        expected.setdefault(blocker, set()).add(blocked)
        expected.setdefault(blocked, set()).add(blocker)
    wanted = {handle: tuple(sorted(others)) for handle, others in expected.items() if handle in handles}
    assert hidden == wanted and len(hidden) >= PEOPLE_SEEDED // bench.SAFETY_BACKGROUND_EVERY // 2


@needs_pgbench
def test_the_sql_floors_run_through_pgbench_for_nobody_and_for_a_person(seeded):
    args = SimpleNamespace(connections=1, duration=1)
    assert bench.pgbench_home(seeded, args)["rps"] > 0
    person = bench.safety_people(seeded, PEOPLE_SEEDED)["blocking"]
    variables = bench.FIRST_PAGE | {"cognito_user_id": person["cognito_user_id"], "viewer_uuid": person["uuid"]}
    assert bench.pgbench(seeded, bench.pgbench_script("activities/public"), variables, 1, 1)["rps"] > 0


def test_the_stream_rows_are_picked_by_only_stream_and_need_no_floor():
    picked = SimpleNamespace(only=["stream"], mix=bench_crowd.MIX)
    assert all(bench.wanted(name, picked) for name in bench_streams.ROWS)
    assert bench.streams_only(picked) and bench.crowd_names(picked) == {}
    assert not bench.wanted(bench.PUBLIC, picked)
    one = SimpleNamespace(only=["stream notify"], mix=bench_crowd.MIX)
    assert [name for name in bench_streams.ROWS if bench.wanted(name, one)] == [bench_streams.NOTIFY]
    assert bench.streams_only(one)
    both = SimpleNamespace(only=["stream", "mixed"], mix=bench_crowd.MIX)
    assert not bench.streams_only(both) and list(bench.crowd_names(both)) == ["mixed"]
    assert not bench.streams_only(SimpleNamespace(only=None, mix=bench_crowd.MIX))


@pytest.mark.parametrize(
    ("args", "message"), [(["--streams", "0"], "--streams must be 1 to"), (["--streams", "many"], "--streams")]
)
def test_a_bad_stream_count_stops_bin_bench_before_it_starts_anything(args, message):
    refused = subprocess.run([REPO / "bin" / "bench", *args], capture_output=True, text=True, check=False, timeout=30)
    assert refused.returncode == 2 and message in refused.stderr and "==>" not in refused.stderr


def test_percentiles_are_nearest_rank_in_milliseconds():
    seconds = [n / 1000 for n in range(1, 101)]  # 1 ms .. 100 ms
    assert bench_streams.spread(seconds) == {"p50_ms": 50.0, "p99_ms": 99.0, "max_ms": 100.0}
    assert bench_streams.spread([0.25]) == {"p50_ms": 250.0, "p99_ms": 250.0, "max_ms": 250.0}
    assert bench_streams.spread([]) == {"p50_ms": None, "p99_ms": None, "max_ms": None}


def stream_results(rss_mb: float, broadcast_p99_ms: float, with_rps: float, message_p99_ms: float) -> dict:
    crowd_row = {"p50_ms": 5, "p99_ms": 50, "errors": 0}
    return {
        "people": 200,
        "streams": 5000,
        "open_files_limit": 20000,
        "load": {"start": 1.0, "end": 2.0},
        "hold": {
            "opened": 5000,
            "asked": 5000,
            "failed": {},
            "seconds": 9.5,
            "rss_kib_before": 70 * 1024,
            "rss_kib": rss_mb * 1024,
            "rss_kib_closed": 120 * 1024,
            "client_rss_kib": 90 * 1024,
        },
        "broadcasts": [{"received": 5000, "delete_ms": 12, "p50_ms": 300, "p99_ms": broadcast_p99_ms, "max_ms": 2100}],
        "fan_out": {
            "events": 20,
            "expected": 100_000,
            "delivered": 100_000,
            "seconds": 10.4,
            "us_per_delivery": {"stream": 21.5, "postgres": 0.4, "client": 11.2},
            "cores": {"stream": 0.21, "postgres": 0.0, "client": 0.11},
        },
        "crowd": {
            "without": [crowd_row | {"rps": rps} for rps in (1100, 950, 950)],
            "with": [crowd_row | {"rps": with_rps - 20}, crowd_row | {"rps": with_rps + 20}],
            "events_to_streams": 40_000,
            "cpu_seconds": {"stream": 6.0, "client": 3.0, "postgres": 1.2, "wall": 24.0},
            "control": crowd_row | {"rps": 960, "burnt_cores": 0.42},
        },
        "messages": {
            "sent": 200,
            "answered_201": 200,
            "arrivals": 5000,
            "missing": 0,
            "p50_ms": 40,
            "p99_ms": message_p99_ms,
            "max_ms": 900,
            "post": {"p50_ms": 30, "p99_ms": 300, "max_ms": 400},
            "after_answer": {"p50_ms": 10, "p99_ms": 150, "max_ms": 500},
            "crowd": {"rps": 900, "errors": 0},
        },
        "notify": {
            "publishers": 4,
            "published": 20000,
            "published_per_s": 4000,
            "received": 20000,
            "delivered_per_s": 3900,
            "stream_reconnects": 0,
            "p50_ms": 3,
            "p99_ms": 40,
            "max_ms": 60,
        },
    }


def test_the_control_burner_uses_the_share_of_a_core_it_is_given():
    burning = bench_streams.burner(0.3)
    try:
        before = bench_streams.cpu_seconds(burning.pid)
        time.sleep(1)
        used = bench_streams.cpu_seconds(burning.pid) - before
    finally:
        burning.terminate()
        burning.join(10)
    assert 0.15 < used < 0.5, used


def test_the_stream_report_sets_each_figure_against_its_target():
    args = SimpleNamespace(streams=5000)
    good = "\n".join(bench_streams.report(stream_results(250, 1900, 950, 450), args))
    assert "VmRSS 250 MB with them open (70 MB before, 120 MB once closed)" in good
    assert "< 300 MB with 5,000 open: met" in good
    assert "p99 1900 ms" in good and "p99 ≤ 2 s: met" in good
    assert "100,000 of 100,000 delivered in 10.4 s" in good
    assert "21.5 µs in the stream process (0.21 of a core)" in good and "11.2 µs in the streams' client" in good
    assert "| stream crowd, run 1, without streams | 1100 requests/s" in good
    assert "| stream crowd, run 2, with 5,000 streams open | 930 requests/s" in good
    assert "| stream crowd, run 4, with 5,000 streams open | 970 requests/s" in good
    assert "| stream crowd, run 5, without streams | 950 requests/s" in good
    assert "5.0 % fewer requests/s with the streams open (mean of 2 runs, 950) than without (mean of 3, 1000)" in good
    assert "reached the streams 40,000 times in the runs with them" in good and "within 10 %: met" in good
    assert (
        "the stream process used 0.25 of a core, the PostgreSQL backends serving it 0.05 and the streams' client "
        "(reading in bulk, as though elsewhere) 0.12" in good
    )
    assert "beside a process burning 0.42 of a core" in good and "960 requests/s" in good
    assert "0 errors: 4.0 % fewer than the mean without streams" in good
    assert "from its answer to the arrival p50 10 ms, p99 150 ms" in good
    assert "p99 ≤ 500 ms: met" in good
    assert "4,000 events/s published" in good and "3,900/s delivered" in good
    bad = "\n".join(bench_streams.report(stream_results(310, 2100, 850, 600), args))
    assert "< 300 MB with 5,000 open: missed" in bad
    assert "p99 ≤ 2 s: missed" in bad
    assert "15.0 % fewer requests/s with the streams open (mean of 2 runs, 850)" in bad
    assert "within 10 %: missed" in bad
    assert "p99 ≤ 500 ms: missed" in bad
    # hold, a broadcast, the fan-out, five crowd runs, the difference, the control, messages, notify
    assert bad.count("| stream") == 12
