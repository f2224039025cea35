"""The benchmark behind bin/bench: seed a database and a messages table of a
chosen size, start the API as Dockerfile.prod does, drive each endpoint with
wrk, measure the floors (a bare Flask app under the same gunicorn settings,
and the home-feed SQL alone through pgbench), and report.

Run by bin/bench, which starts PostgreSQL and DynamoDB Local and passes
their addresses in BENCH_SERVER_URL and BENCH_DYNAMODB_URL.
"""

import argparse
import json
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[2]
BACKEND = REPO / "backend-flask"
sys.path.insert(0, str(BACKEND))
sys.path.insert(0, str(BACKEND / "db"))

from yoyo import read_migrations  # noqa: E402

from lib.db import template  # noqa: E402
from lib.ddb import TABLE_SCHEMA, create_client, ddb  # noqa: E402
from lib.local_identity import hash_password  # noqa: E402
from lib.message_store import message_store  # noqa: E402
from migrate import backend_for  # noqa: E402

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
USERS = 1000
CONVERSATIONS = 200
MESSAGES_PER_CONVERSATION = 50
PASSWORD = "Bench-Pass-2026"
VOCABULARY = 1000  # words w0..w999: each in about size / 1000 cruds


def say(text: str):
    print(f"==> {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_postgres(url: str, size: int):
    say(f"Seeding PostgreSQL: {USERS} people, {size:,} cruds, replies, likes")
    started = time.monotonic()
    backend = backend_for(url)
    with backend.lock():
        backend.apply_migrations(backend.to_apply(read_migrations(str(BACKEND / "db" / "migrations"))))
    backend.connection.close()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO users (cognito_user_id, handle, email, display_name, bio)"
            " SELECT 'bench-' || g, 'bench_user_' || g, 'bench' || g || '@example.com', 'Bench User ' || g,"
            " 'Benchmark person number ' || g FROM generate_series(1, %(users)s) g",
            {"users": USERS},
        )
        # Cruds spread over the last 29 days, all live (30-day TTL).
        conn.execute(
            "INSERT INTO activities (user_uuid, message, ttl, created_at, expires_at)"
            " SELECT people[1 + g %% %(users)s], 'crud ' || g || ' about w' || (g %% %(words)s) || ' and w'"
            " || ((g * 7) %% %(words)s), '30-days', stamp, stamp + interval '30 days'"
            " FROM (SELECT array_agg(uuid ORDER BY uuid) AS people FROM users) u,"
            " LATERAL (SELECT g, now() - (g * %(step)s) * interval '1 second' AS stamp"
            " FROM generate_series(1, %(size)s) g) s",
            {"users": USERS, "words": VOCABULARY, "size": size, "step": 29 * 86400.0 / size},
        )
        say(f"  {size:,} cruds in {time.monotonic() - started:.0f}s; replies and likes on the newest")
        # Five replies on each of the newest 1,000 cruds.
        conn.execute(
            "WITH newest AS (SELECT uuid, expires_at FROM activities WHERE reply_to_activity_uuid IS NULL"
            " ORDER BY created_at DESC LIMIT 1000), people AS (SELECT array_agg(uuid) AS p FROM users)"
            " INSERT INTO activities (user_uuid, message, reply_to_activity_uuid, created_at, expires_at)"
            " SELECT p[1 + (abs(hashtext(n.uuid::text)) + r) %% %(users)s], 'reply ' || r, n.uuid,"
            " now() - interval '1 second' * r, n.expires_at FROM newest n, people, generate_series(1, 5) r",
            {"users": USERS},
        )
        conn.execute(
            "UPDATE activities a SET replies_count = c.n FROM (SELECT reply_to_activity_uuid AS uuid, count(*) AS n"
            " FROM activities WHERE reply_to_activity_uuid IS NOT NULL GROUP BY 1) c WHERE a.uuid = c.uuid"
        )
        # Ten likes on each of the newest 10,000 cruds, with their notifications.
        conn.execute(
            "WITH newest AS (SELECT uuid, user_uuid FROM activities WHERE reply_to_activity_uuid IS NULL"
            " ORDER BY created_at DESC LIMIT 10000), people AS (SELECT array_agg(uuid ORDER BY uuid) AS p FROM users),"
            " liked AS (INSERT INTO likes (activity_uuid, user_uuid)"
            " SELECT DISTINCT n.uuid, p[1 + (abs(hashtext(n.uuid::text)) + k * 37) %% %(users)s]"
            " FROM newest n, people, generate_series(1, 10) k ON CONFLICT DO NOTHING RETURNING *)"
            " INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid)"
            " SELECT n.user_uuid, l.user_uuid, 'like', n.uuid FROM liked l JOIN newest n ON n.uuid = l.activity_uuid"
            " WHERE n.user_uuid <> l.user_uuid ON CONFLICT DO NOTHING",
            {"users": USERS},
        )
        conn.execute(
            "UPDATE activities a SET likes_count = c.n FROM (SELECT activity_uuid AS uuid, count(*) AS n"
            " FROM likes GROUP BY 1) c WHERE a.uuid = c.uuid"
        )
        conn.execute("VACUUM ANALYZE")
    say(f"  PostgreSQL seeded in {time.monotonic() - started:.0f}s")


def bench_identity(url: str) -> dict:
    """bench_user_1 gets a local identity, so that it signs in like anyone."""
    with psycopg.connect(url, autocommit=True) as conn:
        user = conn.execute("SELECT uuid, handle, display_name FROM users WHERE handle = 'bench_user_1'").fetchone()
        sub = conn.execute(
            "INSERT INTO local_identities (email, handle, display_name, password_hash, confirmed_at)"
            " VALUES ('bench1@example.com', 'bench_user_1', 'Bench User 1', %(hash)s, now()) RETURNING sub",
            {"hash": hash_password(PASSWORD)},
        ).fetchone()[0]
        conn.execute(
            "UPDATE users SET cognito_user_id = %(sub)s WHERE uuid = %(uuid)s", {"sub": str(sub), "uuid": user[0]}
        )
    return {"uuid": user[0], "handle": user[1], "display_name": user[2]}


def seed_dynamodb(url: str, endpoint: str, table: str) -> list[str]:
    say(f"Seeding DynamoDB: {CONVERSATIONS} conversations of {MESSAGES_PER_CONVERSATION} messages")
    started = time.monotonic()
    ddb.client, ddb.table = create_client("us-east-1", endpoint), table
    ddb.client.create_table(TableName=table, **TABLE_SCHEMA)
    with psycopg.connect(url) as conn:
        people = conn.execute("SELECT uuid, handle, display_name FROM users ORDER BY handle").fetchall()
    people = [{"uuid": p[0], "handle": p[1], "display_name": p[2]} for p in people]
    me = next(p for p in people if p["handle"] == "bench_user_1")
    others = [p for p in people if p is not me]
    # bench_user_1 talks with 50 people; the other 150 conversations are between others.
    pairs = [(me, others[i]) for i in range(50)] + [(others[i], others[-1 - i]) for i in range(150)]

    def converse(pair):
        first, second = pair
        for n in range(MESSAGES_PER_CONVERSATION):
            sender, recipient = (first, second) if n % 2 == 0 else (second, first)
            message_store.send(sender, recipient, f"message {n} of a benchmark conversation")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(converse, pairs))
    groups, _ = message_store.list_groups(me["uuid"], None, 1)
    say(f"  DynamoDB seeded in {time.monotonic() - started:.0f}s")
    return [g["message_group_uuid"] for g in groups]


class Server:
    """gunicorn as Dockerfile.prod runs it: `gunicorn --config gunicorn.conf.py <app>`."""

    def __init__(self, app: str, env: dict, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", app],
            cwd=BACKEND,
            env=env | {"PORT": str(self.port), "HOST": "127.0.0.1"},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait(self, path: str):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"error: the server exited; see {self.log}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as response:  # noqa: S310 (loopback)
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"error: the server did not come up; see {self.log}")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


LUA = """
local paths = {paths}
local method = "{method}"
local body = {body}
local headers = {headers}
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local payload = body
  if payload then payload = string.gsub(payload, "{{n}}", tostring(counter) .. tostring(math.random(1, 1e9))) end
  return wrk.format(method, path, headers, payload)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {{"requests":%d,"duration_us":%d,"bytes":%d,"errors":%d,"p50_us":%d,"p99_us":%d}}\\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def lua_string(value) -> str:
    return json.dumps(value)


def wrk(url: str, paths: list[str], seconds: int, connections: int, method="GET", body=None, headers=None) -> dict:
    script = LUA.format(
        paths="{" + ",".join(lua_string(p) for p in paths) + "}",
        method=method,
        body=lua_string(body) if body else "nil",
        headers="{" + ",".join(f"[{lua_string(k)}]={lua_string(v)}" for k, v in (headers or {}).items()) + "}",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    try:
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", file.name, url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(file.name)
    figures = json.loads(re.search(r"BENCH_JSON (\{.*\})", output).group(1))
    requests = max(figures["requests"], 1)
    return {
        "rps": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "errors": figures["errors"],
        "bytes_per_response": round(figures["bytes"] / requests),
        "requests": figures["requests"],
    }


def measure(url, paths, args, **request) -> dict:
    wrk(url, paths, 2, args.connections, **request)  # warm-up, not counted
    return wrk(url, paths, args.duration, args.connections, **request)


def pgbench_home(url: str, args) -> dict:
    """The home-feed query alone: the database's share of the floor."""
    sql = template("activities/home")
    params = {
        "limit": "20",
        "after_time": "'infinity'",
        "after_uuid": "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
        "viewer_uuid": "NULL",
    }
    for name, value in params.items():
        sql = sql.replace(f"%({name})s", value)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as file:
        file.write(sql.strip().rstrip(";") + ";\n")
    try:
        command = ["pgbench", "-n", "-M", "prepared", "-c", str(args.connections), "-j", "2", "-T", str(args.duration)]
        output = subprocess.run([*command, "-f", file.name, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(file.name)
    tps = float(re.search(r"tps = ([\d.]+)", output).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", output).group(1))
    return {"rps": round(tps, 1), "latency_avg_ms": latency}


def sign_in(api: str) -> str:
    body = json.dumps({"email": "bench1@example.com", "password": PASSWORD}).encode()
    request = urllib.request.Request(
        f"{api}/api/auth/signin", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())["access_token"]


def newest_cruds(url: str, count: int) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT u.handle, a.uuid::text FROM activities a JOIN users u ON u.uuid = a.user_uuid"
            " WHERE a.reply_to_activity_uuid IS NULL ORDER BY a.created_at DESC LIMIT %(count)s",
            {"count": count},
        ).fetchall()


def overrides() -> dict:
    """Settings passed on to the API: to compare worker counts, or the reads
    without their cache (READ_CACHE_SECONDS=0). Unset: the defaults."""
    return {name: os.environ[name] for name in ("WEB_CONCURRENCY", "READ_CACHE_SECONDS") if os.environ.get(name)}


def run(args):
    server_url, dynamodb_url = os.environ["BENCH_SERVER_URL"], os.environ["BENCH_DYNAMODB_URL"]
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    data_dir = Path(tempfile.mkdtemp(prefix="cruddur-bench-"))
    size = SIZES[args.size]
    database = f"bench_{args.size}"
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    db_url = f"{server_url}/{database}"
    table = f"bench-messages-{args.size}"
    seed_postgres(db_url, size)
    bench_identity(db_url)
    groups = seed_dynamodb(db_url, dynamodb_url, table)

    env = {
        "PATH": os.environ["PATH"],
        "CRUDDUR_ENV": "production",
        "CONNECTION_URL": db_url,
        "AWS_ENDPOINT_URL": dynamodb_url,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_DEFAULT_REGION": "us-east-1",
        "DDB_MESSAGE_TABLE": table,
        "DATA_DIR": str(data_dir),
        "AUTH_RATE_LIMIT": "1000000/minute",
        "WRITE_RATE_LIMIT": "1000000/minute",
        "LOG_LEVEL": "WARNING",
    }
    env |= overrides()
    results = {"floors": {}, "endpoints": {}}

    say("Floor: a bare Flask app returning constant JSON, same gunicorn settings")
    floor = Server("bench_floor:app", env | {"PYTHONPATH": str(Path(__file__).parent)}, out / "floor.log")
    floor.wait("/")
    results["floors"]["bare_flask"] = measure(floor.url, ["/"], args)
    floor.stop()
    say(f"  {results['floors']['bare_flask']['rps']} requests/s")

    say("Floor: the home-feed SQL alone through pgbench")
    results["floors"]["home_sql_pgbench"] = pgbench_home(db_url, args)
    say(f"  {results['floors']['home_sql_pgbench']['rps']} queries/s")

    api = Server("app:app", env, out / "api.log")
    api.wait("/api/health-check")
    token = sign_in(api.url)
    auth = {"Authorization": f"Bearer {token}"}
    cruds = newest_cruds(db_url, 1000)
    handle, crud_uuid = cruds[0]
    json_headers = auth | {"Content-Type": "application/json"}
    workloads = {
        "home feed (anonymous)": dict(paths=["/api/activities/home"]),
        "home feed (signed in)": dict(paths=["/api/activities/home"], headers=auth),
        "user feed": dict(paths=[f"/api/activities/@{handle}"]),
        "crud page": dict(paths=[f"/api/activities/@{handle}/status/{crud_uuid}"]),
        "search": dict(paths=[f"/api/activities/search?term=w{n}" for n in range(1, 50)]),
        "notifications": dict(paths=["/api/activities/notifications"], headers=auth),
        "message groups": dict(paths=["/api/message_groups"], headers=auth),
        "conversation": dict(paths=[f"/api/messages/{groups[0]}"], headers=auth),
        "create a crud": dict(
            paths=["/api/activities"],
            method="POST",
            body='{"message": "benchmark crud {n}", "ttl": "1-hour"}',
            headers=json_headers,
        ),
        "like": dict(paths=[f"/api/activities/{uuid}/like" for _, uuid in cruds], method="POST", headers=auth),
    }
    for name, request in workloads.items():
        if args.only and not any(part in name for part in args.only):
            continue
        say(f"Endpoint: {name}")
        results["endpoints"][name] = measure(api.url, **request, args=args)
        figures = results["endpoints"][name]
        say(f"  {figures['rps']} requests/s, p99 {figures['p99_ms']} ms, {figures['errors']} errors")
    api.stop()
    return results, size


def report(results: dict, args, size: int, out: Path):
    floor = results["floors"]["bare_flask"]["rps"]
    lines = [
        f"# Cruddur benchmark: {size:,} cruds, {args.connections} connections, {args.duration}s per endpoint",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; command: `{args.command}`",
        "",
        "| endpoint | requests/s | p50 ms | p99 ms | errors | bytes/response | share of bare-Flask floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    rows = [("bare Flask (floor)", results["floors"]["bare_flask"]), *results["endpoints"].items()]
    for name, f in rows:
        share = f"{100 * f['rps'] / floor:.0f} %"
        lines.append(
            f"| {name} | {f['rps']:.0f} | {f['p50_ms']} | {f['p99_ms']} | {f['errors']} | "
            f"{f['bytes_per_response']} | {share} |"
        )
    pg = results["floors"]["home_sql_pgbench"]
    lines += ["", f"Home-feed SQL alone (pgbench): {pg['rps']:.0f} queries/s, {pg['latency_avg_ms']} ms average."]
    endpoints = results["endpoints"]
    home, signed_in = endpoints.get("home feed (anonymous)"), endpoints.get("home feed (signed in)")
    if home and signed_in:
        lines.append(f"Signed-in home feed vs anonymous: {100 * signed_in['rps'] / home['rps']:.0f} %.")
    markdown = "\n".join(lines) + "\n"
    (out / f"bench-{args.size}.md").write_text(markdown)
    (out / f"bench-{args.size}.json").write_text(
        json.dumps({"size": size, "connections": args.connections, "duration": args.duration} | results, indent=2)
    )
    print(markdown)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="1m")
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint (after a 2 s warm-up)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--output", default=str(REPO / "test-output" / "bench"))
    parser.add_argument("--only", action="append", help="run only endpoints whose name contains this (repeatable)")
    args = parser.parse_args()
    args.command = " ".join([*(f"{k}={v}" for k, v in overrides().items()), "bin/bench", *sys.argv[1:]])
    started = time.monotonic()
    results, size = run(args)
    report(results, args, size, Path(args.output))
    say(f"Done in {time.monotonic() - started:.0f}s; tables in {args.output}")


if __name__ == "__main__":
    main()
