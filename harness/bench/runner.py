"""The benchmark behind bin/bench: seed a database and a messages table of a
chosen size, start the API as Dockerfile.prod does, and measure two profiles.
Single URL: one person fetching one URL with wrk, against a bare Flask app
under the same gunicorn settings and the home-feed SQL alone through pgbench.
The crowd (crowd.py): many signed-in people at once, mixed and each
kind alone, against the bare Flask app driven by the same wrk script, and
the message reads against DynamoDB Local's own floor. Then the tables, and
the crowd's chart (chart.py).

Run by bin/bench, which starts PostgreSQL and DynamoDB Local and passes
their addresses in BENCH_SERVER_URL and BENCH_DYNAMODB_URL.
"""

import json
import os
import platform
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import psycopg

from harness import REPO
from harness.bench import options, streams
from harness.bench.chart import Bar, chart_svg
from harness.bench.crowd import (
    DYNAMODB_KINDS,
    DYNAMODB_PROCESSES,
    DYNAMODB_THREADS,
    MIX,
    Crowd,
    Person,
    dynamodb_floor,
    label,
    write_script,
    wrk_crowd,
)

BACKEND = REPO / "backend-flask"
sys.path.insert(0, str(BACKEND))
sys.path.insert(0, str(BACKEND / "db"))

from yoyo import read_migrations  # noqa: E402

from lib.db import template_beside  # noqa: E402
from lib.ddb import TABLE_SCHEMA, create_client, ddb  # noqa: E402
from lib.local_identity import hash_password  # noqa: E402
from lib.message_store import group_uuid_for, message_store  # noqa: E402
from lib.pagination import DEFAULT_LIMIT, FIRST  # noqa: E402
from migrate import backend_for  # noqa: E402
from services.callers import CALLER  # noqa: E402

USERS = 1000
CONVERSATIONS = 200
MESSAGES_PER_CONVERSATION = 50
PAGE = 20  # a conversation read's page: the API's default
PASSWORD = "Bench-Pass-2026"
VOCABULARY = 1000  # words w0..w999: each in about size / 500 cruds
CROWD_CRUDS = 10_000  # the newest, which the crowd reads, likes, reposts and replies to
REPOSTED_EVERY, REPOSTS_PER_CRUD = 10, 2  # every 10th of the newest CROWD_CRUDS is reposted twice
# The follow graph. Most people follow 20 to 200 others, fewer more often than
# more; every 20th follows only a few; every 50th follows 1,000 (everyone,
# when there are fewer others). Whom they follow is drawn by popularity, a
# Zipf-like weight 1 / rank: the few most popular are followed by over half of
# everyone, the least by a handful. Authors rank before the people who have
# posted nothing, and all but the 1,000-followers follow authors only.
HEAVY_FOLLOWER, HEAVY_FOLLOWS = 1, 1000  # bench_user_1: the busiest following timeline
LIGHT_FOLLOWER, LIGHT_FOLLOWS = 2, 10  # bench_user_2: a sparse one
USUAL_FOLLOWS = (20, 200)
FEW_FOLLOWS = (1, 19)
HEAVY_EVERY, FEW_EVERY = 50, 20
# Issue 17's targets, as shares of the floor measured in the same run.
MIXED_TARGET, MIXED_P99_MS = 50, 100
READ_TARGET = 40  # each PostgreSQL read alone
POSTGRES_READS = ("home", "public", "user_feed", "crud_page", "search", "notifications")
DYNAMODB_TARGET = 80  # each DynamoDB-backed read alone, of DynamoDB Local's own floor
# The following timeline's targets: the 1,000-follow person's against the
# public timeline (single URL, same person), and its SQL a page.
PUBLIC, FOLLOWING_HEAVY, FOLLOWING_LIGHT = (
    "public timeline",
    "following timeline (1,000 follows)",
    "following timeline (10 follows)",
)
FOLLOWING_TARGET, FOLLOWING_SQL_MS = 80, 10
# Blocks and mutes. The target: a person with 1,000 blocks and 1,000 mutes
# gets their timelines within 10 % of a person with none (read cache off: the
# API has none). Two people after everyone else, bench_user_<P + 1> with the
# blocks and mutes and bench_user_<P + 2> with none (P: the authors and the
# crowd), follow the same SAFETY_FOLLOWS authors, drawn by popularity as
# everyone's are. The blocks are of people drawn at random among everyone but
# those followed (a block ends follows); the mutes too, but for a handful of
# the people followed. So that 2,000 of them are possible and are not most of
# the authors, everyone numbers at least SAFETY_POPULATION (the others have
# posted nothing and follow nobody); below 9,980 people bench_user_1 (1,000
# follows) still reads its following timeline the probed way.
# Around them, as on any network, others block and mute a few: every
# SAFETY_BACKGROUND_EVERY-th of the authors and the crowd blocks 1 to
# SAFETY_BACKGROUND_MOST people and mutes as many (none of bench_user_1 and
# _2, nor of the pair, either way, whose rows read as before). Without them
# the statistics would say every block is the one person's, and the generic
# plan of every timeline (the API's) would expect each viewer to block 1,000.
SAFETY_POPULATION = 5000
SAFETY_BACKGROUND_EVERY, SAFETY_BACKGROUND_MOST = 5, 5
SAFETY_FOLLOWS, SAFETY_BLOCKS, SAFETY_MUTES, SAFETY_MUTED_FOLLOWS = 100, 1000, 1000, 5
SAFETY_TIMED_MUTES = 0.2  # the share of mutes for 30 days, the rest until undone
SAFETY_TARGET = 10  # % slower at most
SAFETY_ROUNDS = 3  # each pair measured A, B, A, B ... so that the machine's other load hits both alike
SAFETY_BLOCKING, SAFETY_NONE = "1,000 blocks + 1,000 mutes", "no blocks or mutes"
# Each timeline's path; its SQL is activities/<timeline>.
SAFETY_PAGES = {"public": "/api/activities/public", "following": "/api/activities/home"}
# (the row's timeline, whose): its name. --only "blocks" selects them all.
SAFETY_ROWS = {
    (page, who): f"{page} timeline, {SAFETY_BLOCKING if who == 'blocking' else SAFETY_NONE}"
    for page in SAFETY_PAGES
    for who in ("blocking", "none")
}


def say(text: str):
    print(f"==> {text}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def seed_postgres(url: str, size: int, people: int):
    say(
        f"Seeding PostgreSQL: {max(USERS, people)} people, {size:,} cruds from {USERS} of them, replies, likes,"
        " reposts, follows"
    )
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
        seed_reposts(conn)
        # A crowd larger than the authors: the others have posted nothing yet.
        conn.execute(
            "INSERT INTO users (cognito_user_id, handle, email, display_name, bio)"
            " SELECT 'bench-' || g, 'bench_user_' || g, 'bench' || g || '@example.com', 'Bench User ' || g,"
            " 'Benchmark person number ' || g FROM generate_series(%(first)s::int, %(people)s::int) g",
            {"first": USERS + 1, "people": people},
        )
        follows = seed_follows(conn)
        say(f"  {follows:,} follows in {time.monotonic() - started:.0f}s")
        blocks, mutes = seed_safety(conn, max(USERS, people))
        say(f"  {blocks:,} blocks and {mutes:,} mutes in {time.monotonic() - started:.0f}s")
        conn.execute("VACUUM ANALYZE")
    say(f"  PostgreSQL seeded in {time.monotonic() - started:.0f}s")


def seed_reposts(conn: psycopg.Connection):
    """REPOSTS_PER_CRUD reposts of every REPOSTED_EVERY-th of the newest
    CROWD_CRUDS cruds, each some time between the crud and now, with their
    counts and notifications."""
    conn.execute(
        "WITH newest AS (SELECT uuid, user_uuid, created_at FROM (SELECT uuid, user_uuid, created_at,"
        " row_number() OVER (ORDER BY created_at DESC) AS place FROM activities WHERE reply_to_activity_uuid IS NULL"
        " ORDER BY created_at DESC LIMIT %(cruds)s) n WHERE place %% %(every)s = 1),"
        " people AS (SELECT array_agg(uuid ORDER BY uuid) AS p FROM users),"
        " reposted AS (INSERT INTO reposts (activity_uuid, user_uuid, created_at)"
        " SELECT n.uuid, p[1 + (abs(hashtext(n.uuid::text)) + k * 53) %% %(users)s],"
        " n.created_at + (now() - n.created_at) * ((abs(hashtext(n.uuid::text || k)) %% 1000) / 1000.0)"
        " FROM newest n, people, generate_series(1, %(reposts)s) k ON CONFLICT DO NOTHING RETURNING *)"
        " INSERT INTO notifications (recipient_user_uuid, actor_user_uuid, kind, activity_uuid, created_at)"
        " SELECT n.user_uuid, r.user_uuid, 'repost', n.uuid, r.created_at"
        " FROM reposted r JOIN newest n ON n.uuid = r.activity_uuid"
        " WHERE n.user_uuid <> r.user_uuid ON CONFLICT DO NOTHING",
        {"cruds": CROWD_CRUDS, "every": REPOSTED_EVERY, "users": USERS, "reposts": REPOSTS_PER_CRUD},
    )
    conn.execute(
        "UPDATE activities a SET reposts_count = c.n FROM (SELECT activity_uuid AS uuid, count(*) AS n"
        " FROM reposts GROUP BY 1) c WHERE a.uuid = c.uuid"
    )


def seed_follows(conn: psycopg.Connection) -> int:
    """The follow graph among everyone in `users` (bench_user_<n>), as the
    constants above it describe, in one statement; then both counts of every
    person from the table. Returns the number of follows."""
    conn.execute("SELECT setseed(0.17)")  # the same graph every run
    added = conn.execute(
        "WITH people AS (SELECT uuid, substring(handle from 12)::int AS n FROM users),"
        " everyone AS (SELECT count(*) AS total FROM people),"
        " wants AS (SELECT p.uuid, p.n, CASE"
        "   WHEN p.n = %(heavy)s OR p.n %% %(heavy_every)s = %(heavy)s %% %(heavy_every)s"
        "     THEN least(%(heavy_follows)s, e.total - 1)"
        "   WHEN p.n = %(light)s THEN %(light_follows)s"
        "   WHEN p.n %% %(few_every)s = 7 THEN %(few_min)s + floor(random() * (%(few_max)s - %(few_min)s + 1))"
        "   ELSE %(usual_min)s + floor(random() ^ 2 * (%(usual_max)s - %(usual_min)s + 1)) END AS k"
        "   FROM people p, everyone e),"
        # Popularity: authors first, each group in an order of its own.
        " ranked AS (SELECT uuid, n, row_number() OVER (ORDER BY n > %(users)s, hashtext('rank ' || n), n) AS r"
        "   FROM people)"
        " INSERT INTO follows (follower_uuid, followed_uuid, created_at)"
        " SELECT w.uuid, f.uuid, now() - random() * interval '365 days' FROM wants w,"
        # k of them without replacement, each with the chance its weight gives
        # (an exponential key of rate 1 / rank: the k smallest).
        " LATERAL (SELECT c.uuid FROM ranked c WHERE c.uuid <> w.uuid"
        "   AND (c.n <= %(users)s OR w.k > %(usual_max)s)"
        "   ORDER BY -ln(1 - random()) * c.r LIMIT w.k) f",
        {
            "heavy": HEAVY_FOLLOWER,
            "heavy_every": HEAVY_EVERY,
            "heavy_follows": HEAVY_FOLLOWS,
            "light": LIGHT_FOLLOWER,
            "light_follows": LIGHT_FOLLOWS,
            "few_every": FEW_EVERY,
            "few_min": FEW_FOLLOWS[0],
            "few_max": FEW_FOLLOWS[1],
            "usual_min": USUAL_FOLLOWS[0],
            "usual_max": USUAL_FOLLOWS[1],
            "users": USERS,
        },
    ).rowcount
    count_follows(conn)
    return added


def count_follows(conn: psycopg.Connection):
    """Both follow counts of every person, from the follows table."""
    conn.execute(
        "UPDATE users u SET following_count = (SELECT count(*) FROM follows WHERE follower_uuid = u.uuid),"
        " followers_count = (SELECT count(*) FROM follows WHERE followed_uuid = u.uuid)"
    )


def safety_handles(people: int) -> tuple[str, str]:
    """The person with the blocks and mutes, and their twin with none, after
    the `people` of the authors and the crowd."""
    return f"bench_user_{people + 1}", f"bench_user_{people + 2}"


def seed_safety(conn: psycopg.Connection, people: int) -> tuple[int, int]:
    """The pair of safety_handles, and enough others that everyone numbers
    SAFETY_POPULATION; the pair's follows, the same for both; the first's
    blocks and mutes, as the constants above say. One statement each.
    Returns the number of blocks and of mutes."""
    conn.execute("SELECT setseed(0.29)")  # the same people every run
    blocker, twin = safety_handles(people)
    conn.execute(
        "INSERT INTO users (cognito_user_id, handle, email, display_name, bio)"
        " SELECT 'bench-' || g, 'bench_user_' || g, 'bench' || g || '@example.com', 'Bench User ' || g,"
        " 'Benchmark person number ' || g FROM generate_series(%(first)s::int, %(last)s::int) g",
        {"first": people + 1, "last": max(people + 2, SAFETY_POPULATION)},
    )
    pair = {"blocker": blocker, "twin": twin}
    conn.execute(
        "WITH ranked AS (SELECT uuid, row_number() OVER (ORDER BY hashtext('rank ' || n), n) AS r"
        "   FROM (SELECT uuid, substring(handle from 12)::int AS n FROM users) p WHERE n <= %(users)s),"
        " drawn AS MATERIALIZED (SELECT uuid, now() - random() * interval '365 days' AS at FROM ranked"
        "   ORDER BY -ln(1 - random()) * r LIMIT %(follows)s)"
        " INSERT INTO follows (follower_uuid, followed_uuid, created_at)"
        " SELECT me.uuid, d.uuid, d.at FROM users me, drawn d WHERE me.handle IN (%(blocker)s, %(twin)s)",
        pair | {"users": USERS, "follows": SAFETY_FOLLOWS},
    )
    count_follows(conn)
    # Nobody follows the pair, so no follow of the blocked ends.
    blocks = conn.execute(
        "INSERT INTO blocks (blocker_uuid, blocked_uuid, created_at)"
        " SELECT me.uuid, u.uuid, now() - random() * interval '365 days'"
        " FROM (SELECT uuid FROM users WHERE handle = %(blocker)s) me,"
        " LATERAL (SELECT u.uuid FROM users u WHERE u.uuid <> me.uuid AND u.handle <> %(twin)s"
        "   AND NOT EXISTS (SELECT FROM follows f WHERE f.follower_uuid = me.uuid AND f.followed_uuid = u.uuid)"
        "   ORDER BY random() LIMIT %(blocks)s) u",
        pair | {"blocks": SAFETY_BLOCKS},
    ).rowcount
    mutes = conn.execute(
        "WITH me AS (SELECT uuid FROM users WHERE handle = %(blocker)s),"
        " muted AS ((SELECT f.followed_uuid AS uuid FROM me JOIN follows f ON f.follower_uuid = me.uuid"
        "   ORDER BY random() LIMIT %(followed)s)"
        "  UNION ALL"
        "  (SELECT u.uuid FROM me, users u WHERE u.uuid <> me.uuid AND u.handle <> %(twin)s"
        "   AND NOT EXISTS (SELECT FROM follows f WHERE f.follower_uuid = me.uuid AND f.followed_uuid = u.uuid)"
        "   AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = me.uuid AND b.blocked_uuid = u.uuid)"
        "   ORDER BY random() LIMIT %(others)s)),"
        " drawn AS (SELECT uuid, random() < %(timed)s AS timed, random() AS t FROM muted)"
        " INSERT INTO mutes (muter_uuid, muted_uuid, created_at, until)"
        " SELECT me.uuid, d.uuid,"
        "   CASE WHEN d.timed THEN now() - d.t * interval '29 days' ELSE now() - d.t * interval '365 days' END,"
        "   CASE WHEN d.timed THEN now() - d.t * interval '29 days' + interval '30 days' END"
        " FROM me, drawn d",
        pair
        | {
            "followed": SAFETY_MUTED_FOLLOWS,
            "others": SAFETY_MUTES - SAFETY_MUTED_FOLLOWS,
            "timed": SAFETY_TIMED_MUTES,
        },
    ).rowcount
    background = seed_background_safety(conn, people, pair)
    return blocks + background[0], mutes + background[1]


def seed_background_safety(conn: psycopg.Connection, people: int, pair: dict) -> tuple[int, int]:
    """Others' few blocks and mutes, as the constants above say: of people
    they do not follow and who do not follow them (so that no follow ends),
    and mutes of people they do not block. Returns both numbers."""
    aside = ["bench_user_1", "bench_user_2", pair["blocker"], pair["twin"]]
    shared = {"people": people, "every": SAFETY_BACKGROUND_EVERY, "most": SAFETY_BACKGROUND_MOST, "aside": aside}
    chosen = (
        "WITH them AS (SELECT uuid, handle, substring(handle from 12)::int AS n FROM users),"
        " who AS (SELECT uuid, 1 + floor(random() * %(most)s)::int AS k FROM them"
        "   WHERE n <= %(people)s AND n %% %(every)s = 0 AND handle <> ALL(%(aside)s))"
        " SELECT w.uuid AS me, o.uuid AS other, now() - random() * interval '365 days' AS at FROM who w,"
        " LATERAL (SELECT t.uuid FROM them t WHERE t.uuid <> w.uuid AND t.handle <> ALL(%(aside)s)"
        "   AND NOT EXISTS (SELECT FROM follows f WHERE f.follower_uuid = w.uuid AND f.followed_uuid = t.uuid)"
        "   AND NOT EXISTS (SELECT FROM follows f WHERE f.follower_uuid = t.uuid AND f.followed_uuid = w.uuid)"
        "   {also} ORDER BY random() LIMIT w.k) o"
    )
    blocks = conn.execute(
        "INSERT INTO blocks (blocker_uuid, blocked_uuid, created_at) SELECT * FROM (" + chosen.format(also="") + ") b",
        shared,
    ).rowcount
    also = "AND NOT EXISTS (SELECT FROM blocks b WHERE b.blocker_uuid = w.uuid AND b.blocked_uuid = t.uuid)"
    mutes = conn.execute(
        "INSERT INTO mutes (muter_uuid, muted_uuid, created_at) SELECT * FROM (" + chosen.format(also=also) + ") m",
        shared,
    ).rowcount
    return blocks, mutes


def crowd_identities(url: str, people: int):
    """bench_user_1 to bench_user_<people>, and the pair of the blocks and
    mutes rows, get a local identity, so that they sign in like anyone (one
    hash: they share a password)."""
    handles = [f"bench_user_{n}" for n in range(1, people + 1)] + list(safety_handles(max(USERS, people)))
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "WITH crowd AS (SELECT handle, email, display_name FROM users WHERE handle = ANY(%(handles)s)),"
            " made AS (INSERT INTO local_identities (email, handle, display_name, password_hash, confirmed_at)"
            " SELECT email, handle, display_name, %(hash)s, now() FROM crowd RETURNING sub, handle)"
            " UPDATE users u SET cognito_user_id = made.sub::text FROM made WHERE u.handle = made.handle",
            {"handles": handles, "hash": hash_password(PASSWORD)},
        )


def conversation_pairs(people: list[dict], crowd: int) -> list[tuple[dict, dict, int]]:
    """(first, second, messages) per conversation. bench_user_1 talks with the
    next 50 people; the others pair off in turn, the first 150 pairs with as
    many messages, the rest with a page's worth, until everyone in the crowd
    (bench_user_1 to bench_user_<crowd>) has a conversation."""
    me, partners, others = people[0], people[1:51], people[51:]
    couples = list(zip(others[0::2], others[1::2], strict=False))
    if len(others) % 2:
        couples.append((others[-1], partners[0]))
    pairs = [(me, other, MESSAGES_PER_CONVERSATION) for other in partners]
    full = CONVERSATIONS - len(pairs)
    pairs += [(first, second, MESSAGES_PER_CONVERSATION) for first, second in couples[:full]]
    return pairs + [(first, second, PAGE) for first, second in couples[full:] if first["n"] <= crowd]


def seed_dynamodb(url: str, endpoint: str, table: str, crowd: int) -> list[tuple[dict, dict, int]]:
    """The conversations of conversation_pairs, each message sent as the API sends one."""
    ddb.client, ddb.table = create_client("us-east-1", endpoint), table
    ddb.client.create_table(TableName=table, **TABLE_SCHEMA)
    with psycopg.connect(url) as conn:
        people = conn.execute(
            "SELECT uuid::text, handle, display_name, substring(handle from 12)::int AS n FROM users ORDER BY n"
        ).fetchall()
    people = [dict(zip(("uuid", "handle", "display_name", "n"), row, strict=True)) for row in people]
    pairs = conversation_pairs(people, crowd)
    say(f"Seeding DynamoDB: {len(pairs)} conversations, {sum(p[2] for p in pairs):,} messages")
    started = time.monotonic()

    def converse(pair):
        first, second, messages = pair
        for n in range(messages):
            sender, recipient = (first, second) if n % 2 == 0 else (second, first)
            message_store.send(sender["uuid"], recipient["uuid"], f"message {n} of a benchmark conversation")

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(converse, pairs))
    say(f"  DynamoDB seeded in {time.monotonic() - started:.0f}s")
    return pairs


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
local methods = {methods}
local body = {body}
local headers = {headers}
local counter = 0
request = function()
  -- With several methods, each path gets each of them in turn (follow, then unfollow).
  local method = methods[(counter % #methods) + 1]
  local path = paths[(math.floor(counter / #methods) % #paths) + 1]
  counter = counter + 1
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


def wrk_script(paths: list[str], method="GET", body=None, headers=None) -> str:
    """The single-URL wrk script: `paths` in turn, each with every method of
    `method` ("POST" or ["POST", "DELETE"]) in turn."""
    methods = [method] if isinstance(method, str) else list(method)
    return LUA.format(
        paths="{" + ",".join(lua_string(p) for p in paths) + "}",
        methods="{" + ",".join(lua_string(m) for m in methods) + "}",
        body=lua_string(body) if body else "nil",
        headers="{" + ",".join(f"[{lua_string(k)}]={lua_string(v)}" for k, v in (headers or {}).items()) + "}",
    )


def wrk(url: str, paths: list[str], seconds: int, connections: int, method="GET", body=None, headers=None) -> dict:
    script = wrk_script(paths, method, body, headers)
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


# The first page, as the API asks for it (lib/pagination).
FIRST_PAGE = {"limit": str(DEFAULT_LIMIT), "after_time": FIRST[True][0], "after_uuid": FIRST[True][1]}
# The API's session settings (lib/db): each statement planned once for any
# values (a generic plan, as the API's bound parameters get), no JIT.
API_SESSION = "-c plan_cache_mode=force_generic_plan -c jit=off"


def pgbench_script(name: str) -> str:
    """A read's SQL as the API sends it (`name` beside the caller's row), its
    parameters turned into pgbench variables, which -M prepared binds as the
    API's driver does."""
    sql = re.sub(r"--[^\n]*", "", template_beside(name, "caller", CALLER))  # a colon in a comment is no variable
    return re.sub(r"%\((\w+)\)s", r":\1", sql).strip().rstrip(";") + ";\n"


def pgbench(url: str, script: str, variables: dict[str, str | None], clients: int, seconds: int) -> dict:
    """`script` in a loop from `clients` connections set as the API's are:
    queries/s and the average ms each took. A variable of None is NULL."""
    missing = sorted(set(re.findall(r"(?<!:):(\w+)", script)) - set(variables))
    if missing:
        raise SystemExit(f"error: no value for {', '.join(missing)} in the pgbench script")
    # pgbench has no NULL (nor an empty value): a None is bound as "null" and
    # made NULL in the statement, still a parameter (no constant the planner
    # could fold, as the API binds NULL).
    for name in (name for name, value in variables.items() if value is None):
        script = re.sub(rf"(?<!:):{name}\b", f"nullif(:{name}, 'null')", script)
    variables = {name: "null" if value is None else value for name, value in variables.items()}
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as file:
        file.write(script)
    try:
        command = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(min(clients, 2))]
        command += ["-T", str(seconds), *(f"-D{name}={value}" for name, value in variables.items())]
        env = os.environ | {"PGOPTIONS": API_SESSION}
        run = subprocess.run([*command, "-f", file.name, url], capture_output=True, text=True, check=False, env=env)
    finally:
        os.unlink(file.name)
    if run.returncode:
        raise SystemExit(f"error: pgbench failed: {run.stderr.strip()}")
    tps = float(re.search(r"tps = ([\d.]+)", run.stdout).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", run.stdout).group(1))
    return {"rps": round(tps, 1), "latency_avg_ms": latency}


def pgbench_home(url: str, args) -> dict:
    """The home feed's SQL alone for nobody signed in (the public timeline):
    the database's share of the floor."""
    variables = FIRST_PAGE | {"cognito_user_id": "nobody", "viewer_uuid": None}  # no such person: no caller row
    return pgbench(url, pgbench_script("activities/public"), variables, args.connections, args.duration)


def pgbench_following(url: str, person: dict, args) -> dict:
    """The following timeline's first page for `person` (cognito_user_id,
    uuid): queries/s from as many connections as the single-URL rows use, and
    the time one page takes with nothing else asking (one connection)."""
    script = pgbench_script("activities/following")
    variables = FIRST_PAGE | {"cognito_user_id": person["cognito_user_id"], "viewer_uuid": person["uuid"]}
    figures = pgbench(url, script, variables, args.connections, args.duration)
    figures["page_ms"] = pgbench(url, script, variables, 1, args.duration)["latency_avg_ms"]
    return figures


def sign_in(api: str, email: str) -> str:
    body = json.dumps({"email": email, "password": PASSWORD}).encode()
    request = urllib.request.Request(
        f"{api}/api/auth/signin", data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return json.loads(response.read())["access_token"]


def sign_in_crowd(api: str, people: int) -> list[str]:
    """The access tokens of bench_user_1 to bench_user_<people>, signed in through /api/auth/signin."""
    say(f"Signing in {people} people")
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        tokens = list(pool.map(lambda n: sign_in(api, f"bench{n}@example.com"), range(1, people + 1)))
    say(f"  signed in in {time.monotonic() - started:.0f}s")
    return tokens


def newest_cruds(url: str, count: int) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT u.handle, a.uuid::text FROM activities a JOIN users u ON u.uuid = a.user_uuid"
            " WHERE a.reply_to_activity_uuid IS NULL ORDER BY a.created_at DESC LIMIT %(count)s",
            {"count": count},
        ).fetchall()


def like_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM likes").fetchone()[0]


def build_crowd(url: str, pairs: list[tuple[dict, dict, int]], tokens: list[str]) -> Crowd:
    """The people of the crowd with their tokens and conversations, and the
    targets they draw from: every author, the newest cruds (those with likes
    and replies), every search word."""
    conversations = {}
    for first, second, _ in pairs:
        group = group_uuid_for(first["uuid"], second["uuid"])
        conversations.setdefault(first["handle"], []).append((group, second["handle"]))
        conversations.setdefault(second["handle"], []).append((group, first["handle"]))
    handles = [f"bench_user_{n}" for n in range(1, len(tokens) + 1)]
    with psycopg.connect(url) as conn:
        uuids = dict(conn.execute("SELECT handle, uuid::text FROM users WHERE handle = ANY(%s)", [handles]).fetchall())
        hidden = hidden_by_blocks(conn, handles)
    missing = [handle for handle in handles if handle not in conversations]
    if missing:
        raise SystemExit(f"error: no conversation for {len(missing)} people of the crowd, e.g. {missing[0]}")
    return Crowd(
        people=tuple(
            Person(uuids[handle], token, tuple(conversations[handle]), handle, hidden.get(handle, ()))
            for handle, token in zip(handles, tokens, strict=True)
        ),
        handles=tuple(f"bench_user_{n}" for n in range(1, USERS + 1)),
        cruds=tuple(newest_cruds(url, CROWD_CRUDS)),
        words=tuple(f"w{n}" for n in range(VOCABULARY)),
    )


def hidden_by_blocks(conn: psycopg.Connection, handles: list[str]) -> dict[str, tuple[str, ...]]:
    """For each of `handles` who blocks or is blocked by anyone, the handles
    of those others, sorted."""
    rows = conn.execute(
        "SELECT me.handle, array_agg(DISTINCT other.handle ORDER BY other.handle)"
        " FROM users me JOIN blocks b ON me.uuid IN (b.blocker_uuid, b.blocked_uuid)"
        " JOIN users other ON other.uuid = CASE WHEN b.blocker_uuid = me.uuid THEN b.blocked_uuid"
        "   ELSE b.blocker_uuid END"
        " WHERE me.handle = ANY(%s) GROUP BY me.handle",
        [handles],
    ).fetchall()
    return {handle: tuple(others) for handle, others in rows}


def overrides() -> dict:
    """Settings passed on to the API: WEB_CONCURRENCY, to compare worker counts. Unset: the default."""
    workers = os.environ.get("WEB_CONCURRENCY")
    return {"WEB_CONCURRENCY": workers} if workers else {}


def wanted(name: str, args) -> bool:
    return not args.only or any(part in name for part in args.only)


def streams_only(args) -> bool:
    """Whether --only picks the stream rows alone (every row of theirs is
    named "stream ..."), which need no floor."""
    return bool(args.only) and all("stream" in part for part in args.only)


def api_env(db_url: str, dynamodb_url: str, table: str, data_dir: Path) -> dict:
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
        "ACCESS_TOKEN_SECONDS": "86400",  # the tokens outlast the longest run
        "LOG_LEVEL": "WARNING",
    }
    return env | overrides()


def follow_graph(url: str) -> dict:
    """Whom the rows address: the person who follows 1,000 (or everyone) and
    the one who follows 10, with their counts; the most-followed person; and
    up to 1,000 authors the second does not follow, whom the toggling row
    follows and unfollows."""
    with psycopg.connect(url) as conn:
        person = "SELECT handle, cognito_user_id, following_count, uuid::text FROM users WHERE handle = %s"
        heavy, light = (conn.execute(person, [f"bench_user_{n}"]).fetchone() for n in (HEAVY_FOLLOWER, LIGHT_FOLLOWER))
        followed = conn.execute(
            "SELECT handle, followers_count FROM users ORDER BY followers_count DESC, handle LIMIT 1"
        ).fetchone()
        toggled = conn.execute(
            "SELECT handle FROM users u WHERE substring(handle from 12)::int <= %(users)s AND handle <> %(light)s"
            " AND NOT EXISTS (SELECT FROM follows f JOIN users me ON me.uuid = f.follower_uuid"
            " WHERE me.handle = %(light)s AND f.followed_uuid = u.uuid) ORDER BY handle LIMIT 1000",
            {"users": USERS, "light": light[0]},
        ).fetchall()
    return {
        "heavy": {"handle": heavy[0], "following": heavy[2], "cognito_user_id": heavy[1], "uuid": heavy[3]},
        "light": {"handle": light[0], "following": light[2]},
        "followed": {"handle": followed[0], "followers": followed[1]},
        "toggled": [handle for (handle,) in toggled],
    }


def floors(db_url: str, env: dict, args, out: Path, graph: dict) -> dict:
    say("Floor: a bare Flask app returning constant JSON, same gunicorn settings")
    results = {}
    floor = Server("harness.bench.floor:app", env | {"PYTHONPATH": str(REPO)}, out / "floor.log")
    floor.wait("/")
    results["bare_flask"] = measure(floor.url, ["/"], args)
    floor.stop()
    say(f"  {results['bare_flask']['rps']} requests/s")
    say("Floor: the home-feed SQL (for nobody signed in: the public timeline) alone through pgbench")
    results["home_sql_pgbench"] = pgbench_home(db_url, args)
    say(f"  {results['home_sql_pgbench']['rps']} queries/s")
    if wanted(FOLLOWING_HEAVY, args):
        heavy = graph["heavy"]
        say(f"The following-timeline SQL alone through pgbench, for {heavy['handle']} ({heavy['following']:,} follows)")
        results["following_sql_pgbench"] = figures = pgbench_following(db_url, heavy, args)
        say(f"  {figures['rps']} queries/s; {figures['page_ms']} ms a page from one connection")
    return results


def single_url_rows(api: str, tokens: list[str], group: str, cruds: list[tuple[str, str]], graph: dict, args) -> dict:
    """One person fetching one URL (or a few) again and again: the same rows every time, no crowd.
    tokens[0] is the person who follows 1,000 (or everyone), tokens[1] the one who follows 10."""
    auth = {"Authorization": f"Bearer {tokens[HEAVY_FOLLOWER - 1]}"}
    light = {"Authorization": f"Bearer {tokens[LIGHT_FOLLOWER - 1]}"}
    handle, crud_uuid = cruds[0]
    json_headers = auth | {"Content-Type": "application/json"}
    workloads = {
        "home feed (anonymous)": dict(paths=["/api/activities/home"]),
        PUBLIC: dict(paths=["/api/activities/public"], headers=auth),
        FOLLOWING_HEAVY: dict(paths=["/api/activities/home"], headers=auth),
        FOLLOWING_LIGHT: dict(paths=["/api/activities/home"], headers=light),
        "user feed": dict(paths=[f"/api/activities/@{handle}"]),
        "crud page": dict(paths=[f"/api/activities/@{handle}/status/{crud_uuid}"]),
        "search": dict(paths=[f"/api/activities/search?term=w{n}" for n in range(1, 50)]),
        "notifications": dict(paths=["/api/activities/notifications"], headers=auth),
        "followers page": dict(paths=[f"/api/users/@{graph['followed']['handle']}/followers"], headers=auth),
        "message groups": dict(paths=["/api/message_groups"], headers=auth),
        "conversation": dict(paths=[f"/api/messages/{group}"], headers=auth),
        "create a crud": dict(
            paths=["/api/activities"],
            method="POST",
            body='{"message": "benchmark crud {n}", "ttl": "1-hour"}',
            headers=json_headers,
        ),
        "like": dict(paths=[f"/api/activities/{uuid}/like" for _, uuid in cruds], method="POST", headers=auth),
        # Last, so that the timelines above are read as seeded.
        "follow and unfollow": dict(
            paths=[f"/api/users/@{other}/follow" for other in graph["toggled"]],
            method=["POST", "DELETE"],
            headers=light,
        ),
    }
    rows = {}
    for name, request in workloads.items():
        if not wanted(name, args):
            continue
        say(f"Single URL: {name}")
        rows[name] = figures = measure(api, **request, args=args)
        say(f"  {figures['rps']} requests/s, p99 {figures['p99_ms']} ms, {figures['errors']} errors")
    return rows


def safety_people(url: str, people: int) -> dict:
    """The pair of the blocks and mutes rows, "blocking" and "none": handle,
    cognito_user_id, uuid, how many they follow, block, mute now (for a time,
    of those followed); and everyone's number, the authors', and the share of
    everyone's newest 1,000 cruds that the first does not see (by people they
    block or mute)."""
    handles = dict(zip(("blocking", "none"), safety_handles(max(USERS, people)), strict=True))
    with psycopg.connect(url) as conn:
        person = (
            "SELECT u.handle, u.cognito_user_id, u.uuid::text, u.following_count,"
            " (SELECT count(*) FROM blocks b WHERE b.blocker_uuid = u.uuid),"
            " (SELECT count(*) FROM mutes m WHERE m.muter_uuid = u.uuid AND (m.until IS NULL OR m.until > now())),"
            " (SELECT count(*) FROM mutes m WHERE m.muter_uuid = u.uuid AND m.until > now()),"
            " (SELECT count(*) FROM mutes m JOIN follows f"
            "   ON f.follower_uuid = m.muter_uuid AND f.followed_uuid = m.muted_uuid WHERE m.muter_uuid = u.uuid)"
            " FROM users u WHERE u.handle = %s"
        )
        keys = ("handle", "cognito_user_id", "uuid", "following", "blocks", "mutes", "timed_mutes", "muted_followed")
        pair = {who: dict(zip(keys, conn.execute(person, [h]).fetchone(), strict=True)) for who, h in handles.items()}
        everyone, hidden = conn.execute(
            "SELECT (SELECT count(*) FROM users), avg((EXISTS (SELECT FROM blocks b"
            "   WHERE b.blocker_uuid = %(me)s AND b.blocked_uuid = a.user_uuid) OR EXISTS (SELECT FROM mutes m"
            "   WHERE m.muter_uuid = %(me)s AND m.muted_uuid = a.user_uuid))::int)"
            " FROM (SELECT user_uuid FROM activities WHERE reply_to_activity_uuid IS NULL"
            "   ORDER BY created_at DESC LIMIT 1000) a",
            {"me": pair["blocking"]["uuid"]},
        ).fetchone()
    return pair | {"everyone": everyone, "authors": USERS, "hidden_newest": round(100 * float(hidden or 0), 1)}


def interleaved(runs: dict[str, Callable[[], dict]], rounds: int) -> dict[str, list[dict]]:
    """Each of `runs` once a round, in turn (A, B, A, B ...), so that the
    machine's other load falls on each alike: each one's figures by round."""
    figures = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            figures[name].append(run())
    return figures


def merged(rounds: list[dict]) -> dict:
    """wrk's figures of several rounds as one row: requests/s over them all,
    the median round's p50, the worst round's p99, and each round's requests/s."""
    requests = sum(r["requests"] for r in rounds)
    seconds = sum(r["requests"] / r["rps"] for r in rounds if r["rps"])
    p50s = sorted(r["p50_ms"] for r in rounds)
    return {
        "rps": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": p50s[len(p50s) // 2],
        "p99_ms": max(r["p99_ms"] for r in rounds),
        "errors": sum(r["errors"] for r in rounds),
        "bytes_per_response": round(sum(r["bytes_per_response"] * r["requests"] for r in rounds) / max(requests, 1)),
        "requests": requests,
        "rounds_rps": [r["rps"] for r in rounds],
    }


def safety_rows(api: str, db_url: str, tokens: dict[str, str], pair: dict, args) -> dict:
    """Each timeline of SAFETY_PAGES for the person with the blocks and mutes
    and for their twin with none, in turn for SAFETY_ROUNDS rounds after a
    warm-up each: through the API (wrk, as the single-URL rows), then its SQL
    alone (pgbench, one connection: the time a page takes)."""
    result = {"rows": {}, "sql": {}, "load": {"start": round(os.getloadavg()[0], 2)}}
    for page, path in SAFETY_PAGES.items():
        names = {who: SAFETY_ROWS[(page, who)] for who in ("blocking", "none")}
        names = {who: name for who, name in names.items() if wanted(name, args)}
        if not names:
            continue
        headers = {who: {"Authorization": f"Bearer {tokens[who]}"} for who in names}
        say(f"Single URL, in turn for {SAFETY_ROUNDS} rounds: {' / '.join(names.values())}")
        for who in names:
            wrk(api, [path], 2, args.connections, headers=headers[who])  # warm-up, not counted
        runs = {who: partial(wrk, api, [path], args.duration, args.connections, headers=headers[who]) for who in names}
        for who, rounds in interleaved(runs, SAFETY_ROUNDS).items():
            result["rows"][names[who]] = row = merged(rounds)
            say(f"  {names[who]}: {row['rps']} requests/s (rounds {row['rounds_rps']}), {row['errors']} errors")
        say(f"  its SQL alone through pgbench, one connection, in turn for {SAFETY_ROUNDS} rounds")
        script = pgbench_script(f"activities/{page}")
        variables = {
            who: FIRST_PAGE | {"cognito_user_id": pair[who]["cognito_user_id"], "viewer_uuid": pair[who]["uuid"]}
            for who in names
        }
        runs = {who: partial(pgbench, db_url, script, variables[who], 1, args.duration) for who in names}
        for who, rounds in interleaved(runs, SAFETY_ROUNDS).items():
            latencies = [r["latency_avg_ms"] for r in rounds]
            sql = {"page_ms": round(sum(latencies) / len(latencies), 3), "rounds_ms": latencies}
            result["sql"][names[who]] = sql
            say(f"  {names[who]}: {sql['page_ms']} ms a page (rounds {latencies})")
    result["load"]["end"] = round(os.getloadavg()[0], 2)
    return result


def crowd_row(url: str, script: Path, args, db_url: str | None = None) -> dict:
    """A crowd run after its warm-up; with `db_url`, how many likes it added."""
    wrk_crowd(url, script, 2, args.crowd_connections)  # warm-up, not counted
    likes = like_count(db_url) if db_url else 0
    row = wrk_crowd(url, script, args.duration, args.crowd_connections)
    if db_url:
        row["new_likes"] = like_count(db_url) - likes
    failures = ", ".join(f"{key} × {n}" for key, n in row["failures"].items())
    say(f"  {row['rps']} requests/s, p99 {row['p99_ms']} ms, {row['errors']} errors {failures}".rstrip())
    return row


def crowd_names(args) -> dict[str, dict[str, int]]:
    """The crowd's rows, each with its mix: the mixed run, then each kind alone."""
    rows = {"mixed": args.mix} | {f"{label(kind)} alone": {kind: 1} for kind in args.mix}
    return {name: mix for name, mix in rows.items() if wanted(name, args)}


def crowd_floor(script: Path, env: dict, args, out: Path) -> dict:
    say("Crowd floor: the bare Flask app driven by the crowd's mixed script")
    floor = Server("harness.bench.floor:app", env | {"PYTHONPATH": str(REPO)}, out / "crowd-floor.log")
    floor.wait("/")
    try:
        return crowd_row(floor.url, script, args)
    finally:
        floor.stop()


def dynamodb_queries(endpoint: str, table: str) -> dict[str, Callable[[Person], object]]:
    """What each DynamoDB-backed read asks DynamoDB, for one person, through a client of this process's own."""
    ddb.client, ddb.table = create_client("us-east-1", endpoint), table

    def conversation(person: Person):
        # The route's one query when the page shows both members (services/messages.py).
        group = random.choice(person.conversations)[0]  # noqa: S311 (a draw, not security)
        return message_store.list_messages(group, None, PAGE)

    return {
        "message_groups": lambda person: message_store.list_groups(person.uuid, None, PAGE),
        "conversation": conversation,
    }


def measure_dynamodb(crowd: Crowd, env: dict, args) -> dict:
    say("Floor: the message reads' queries straight against DynamoDB Local, no API")
    queries = partial(dynamodb_queries, env["AWS_ENDPOINT_URL"], env["DDB_MESSAGE_TABLE"])
    floor = dynamodb_floor(queries, crowd.people, args.duration)
    say("  " + ", ".join(f"{label(kind)} {f['rps']} queries/s" for kind, f in floor.items()))
    return floor


def crowd_rows(api: str, crowd: Crowd, env: dict, args, out: Path, db_url: str) -> dict:
    """The crowd against its floor (at the start and the end, to show how much
    the machine's load moved), mixed and each kind alone, and DynamoDB Local's
    floor just before the first message read alone."""
    with tempfile.TemporaryDirectory(prefix="cruddur-crowd-") as directory:
        mixed = write_script(crowd, args.mix, Path(directory) / "mixed.lua")
        result = {"floor": crowd_floor(mixed, env, args, out), "rows": {}}
        for name, mix in crowd_names(args).items():
            if name != "mixed" and set(mix) & set(DYNAMODB_KINDS) and "dynamodb_floor" not in result:
                result["dynamodb_floor"] = measure_dynamodb(crowd, env, args)
            say(f"Crowd ({len(crowd.people)} people): {name}")
            script = mixed if name == "mixed" else write_script(crowd, mix, Path(directory) / f"{name}.lua")
            result["rows"][name] = crowd_row(api, script, args, db_url if "like" in mix else None)
        result["floor_end"] = crowd_floor(mixed, env, args, out)
    return result


def prepare(args) -> tuple[str, str, list[tuple[dict, dict, int]]]:
    """A fresh database and messages table of the chosen size: their URL and
    name, and the conversations."""
    server_url, dynamodb_url = os.environ["BENCH_SERVER_URL"], os.environ["BENCH_DYNAMODB_URL"]
    database = f"bench_{args.size}"
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    db_url = f"{server_url}/{database}"
    table = f"bench-messages-{args.size}"
    seed_postgres(db_url, options.SIZES[args.size], args.people)
    crowd_identities(db_url, args.people)
    return db_url, table, seed_dynamodb(db_url, dynamodb_url, table, args.people)


def run(args) -> dict:
    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    db_url, table, pairs = prepare(args)
    graph = follow_graph(db_url)
    results = {"floors": {}, "endpoints": {}, "crowd": None}
    people = {role: graph[role] for role in ("heavy", "light", "followed")}
    results["follows"] = {
        role: {k: v for k, v in p.items() if k not in ("cognito_user_id", "uuid")} for role, p in people.items()
    }
    with tempfile.TemporaryDirectory(prefix="cruddur-bench-") as data_dir:
        env = api_env(db_url, os.environ["BENCH_DYNAMODB_URL"], table, Path(data_dir))
        if not args.mixed and not streams_only(args):
            results["floors"] = floors(db_url, env, args, out, graph)
        api = Server("app:app", env, out / "api.log")
        api.wait("/api/health-check")
        try:
            tokens = sign_in_crowd(api.url, args.people)
            if not args.mixed:
                me, partner, _ = pairs[0]
                group = group_uuid_for(me["uuid"], partner["uuid"])
                cruds = newest_cruds(db_url, 1000)
                results["endpoints"] = single_url_rows(api.url, tokens, group, cruds, graph, args)
                if any(wanted(name, args) for name in SAFETY_ROWS.values()):
                    pair = safety_people(db_url, args.people)
                    emails = {who: f"bench{pair[who]['handle'][11:]}@example.com" for who in ("blocking", "none")}
                    safety = safety_rows(
                        api.url, db_url, {who: sign_in(api.url, email) for who, email in emails.items()}, pair, args
                    )
                    people = {
                        who: {k: v for k, v in p.items() if k not in ("cognito_user_id", "uuid")}
                        for who, p in pair.items()
                        if who in emails
                    }
                    results["safety"] = safety | {
                        "people": people,
                        "everyone": pair["everyone"],
                        "authors": pair["authors"],
                        "hidden_newest": pair["hidden_newest"],
                    }
            if crowd_names(args):
                results["crowd"] = crowd_rows(api.url, build_crowd(db_url, pairs, tokens), env, args, out, db_url)
            if not args.mixed and any(wanted(name, args) for name in streams.ROWS):
                results["stream"] = streams.stream_rows(api.url, build_crowd(db_url, pairs, tokens), env, args, out)
        finally:
            api.stop()
    return results


def share(row: dict, floor_rps: float) -> float:
    return 100 * row["rps"] / floor_rps


def floor_rps(crowd: dict) -> float:
    """The crowd's floor: the mean of its runs at the start and the end."""
    runs = [crowd["floor"], *([crowd["floor_end"]] if "floor_end" in crowd else [])]
    return sum(run["rps"] for run in runs) / len(runs)


def single_url_report(results: dict, args) -> list[str]:
    floor = results["floors"]["bare_flask"]
    lines = [
        f"## Single URL: one person, one URL, {args.connections} connections (the same rows every time, no crowd)",
        "",
        "| endpoint | requests/s | p50 ms | p99 ms | errors | bytes/response | share of bare-Flask floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, f in [("bare Flask (floor)", floor), *results["endpoints"].items()]:
        lines.append(
            f"| {name} | {f['rps']:.0f} | {f['p50_ms']} | {f['p99_ms']} | {f['errors']} | "
            f"{f['bytes_per_response']} | {share(f, floor['rps']):.0f} % |"
        )
    pg = results["floors"]["home_sql_pgbench"]
    lines += [
        "",
        f"Home-feed SQL alone for nobody signed in, the public timeline's (pgbench): {pg['rps']:.0f} queries/s, "
        f"{pg['latency_avg_ms']} ms average.",
    ]
    return lines + following_report(results)


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def following_report(results: dict) -> list[str]:
    """Who the following rows read as, and the following timeline against its targets."""
    follows, endpoints = results.get("follows"), results["endpoints"]
    if not follows:
        return []
    heavy, light, followed = follows["heavy"], follows["light"], follows["followed"]
    lines = [
        "",
        f"Following timelines: {heavy['handle']} follows {heavy['following']:,}, {light['handle']} follows "
        f"{light['following']:,}; the followers page is {followed['handle']}'s, the most followed "
        f"({followed['followers']:,} followers).",
    ]
    public = endpoints.get(PUBLIC)
    for name in (FOLLOWING_HEAVY, FOLLOWING_LIGHT):
        row = endpoints.get(name)
        if public and row and public["rps"]:
            ratio = 100 * row["rps"] / public["rps"]
            target = (
                f" (target ≥ {FOLLOWING_TARGET} %: {verdict(ratio >= FOLLOWING_TARGET and not row['errors'])})"
                if name == FOLLOWING_HEAVY
                else ""
            )
            lines.append(f"{name[0].upper()}{name[1:]}: {ratio:.0f} % of the public timeline's requests/s{target}.")
    pg = results["floors"].get("following_sql_pgbench")
    if pg:
        lines.append(
            f"Following-timeline SQL alone (pgbench, {heavy['handle']}'s first page): {pg['rps']:.0f} queries/s, "
            f"{pg['latency_avg_ms']} ms average; {pg['page_ms']} ms a page from one connection "
            f"(target < {FOLLOWING_SQL_MS} ms: {verdict(pg['page_ms'] < FOLLOWING_SQL_MS)})."
        )
    return lines


def safety_report(safety: dict, args) -> list[str]:
    """The blocks and mutes rows, and each timeline's pair against its target."""
    blocking, none = safety["people"]["blocking"], safety["people"]["none"]
    lines = [
        f"## Blocks and mutes: a person with {SAFETY_BLOCKING} against a person with none",
        "",
        f"{blocking['handle']} blocks {blocking['blocks']:,} people and mutes {blocking['mutes']:,} "
        f"({blocking['muted_followed']} of them among the {blocking['following']:,} they follow; "
        f"{blocking['timed_mutes']:,} for 30 days, the rest until undone), drawn at random among everyone "
        f"({safety['everyone']:,} people, {safety['authors']:,} of them authors): "
        f"{safety['hidden_newest']:.0f} % of everyone's newest 1,000 cruds are by people they block or mute. "
        f"{none['handle']} follows the same {none['following']:,} and blocks and mutes nobody "
        f"({none['blocks']} blocks, {none['mutes']} mutes). Single URL, {args.connections} connections, each "
        f"pair in turn (A, B, A, B ...) for {SAFETY_ROUNDS} rounds of {args.duration} s after a warm-up each; "
        f"requests/s over all rounds, the median round's p50, the worst round's p99. The read cache is off: "
        f"the API has none any more. Load average {safety['load']['start']:.2f} at the start of these rows, "
        f"{safety['load']['end']:.2f} at their end.",
        "",
        "| row | requests/s | p50 ms | p99 ms | errors | bytes/response | requests/s by round "
        "| SQL ms a page (pgbench, 1 connection) | notes |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    ]
    note = "best case: one URL, the same page every time; read cache off (the API has none)"
    for name, row in safety["rows"].items():
        sql = safety["sql"].get(name)
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['p50_ms']} | {row['p99_ms']} | {row['errors']} | "
            f"{row['bytes_per_response']} | {', '.join(f'{r:.0f}' for r in row['rounds_rps'])} | "
            f"{sql['page_ms'] if sql else ''} | {note} |"
        )
    lines.append("")
    for page in SAFETY_PAGES:
        name, twin = SAFETY_ROWS[(page, "blocking")], SAFETY_ROWS[(page, "none")]
        row, other = safety["rows"].get(name), safety["rows"].get(twin)
        if not (row and other and row["rps"] and other["rps"]):
            continue
        slower = 100 * (other["rps"] / row["rps"] - 1)
        ok = slower <= SAFETY_TARGET and not row["errors"] and not other["errors"]
        line = (
            f"{page[0].upper()}{page[1:]} timeline with {SAFETY_BLOCKING}: {100 * row['rps'] / other['rps']:.0f} % "
            f"of the requests/s with none, {slower:.0f} % slower (target ≤ {SAFETY_TARGET} % slower: {verdict(ok)})"
        )
        sql, sql_other = safety["sql"].get(name), safety["sql"].get(twin)
        if sql and sql_other and sql_other["page_ms"]:
            line += (
                f"; its SQL {sql['page_ms']} ms a page against {sql_other['page_ms']} ms, "
                f"{100 * (sql['page_ms'] / sql_other['page_ms'] - 1):.0f} % slower"
            )
        lines.append(line + ".")
    return lines


def target_of(name: str, crowd: dict) -> tuple[str, float | None]:
    """The row's target (issue 17) in words, and as a share of the floor."""
    if name == "mixed":
        return f"≥ {MIXED_TARGET} %, p99 ≤ {MIXED_P99_MS} ms", MIXED_TARGET
    kind = next((k for k in MIX if name == f"{label(k)} alone"), None)
    if kind in DYNAMODB_KINDS and kind in crowd.get("dynamodb_floor", {}):
        ddb_share = DYNAMODB_TARGET * crowd["dynamodb_floor"][kind]["rps"] / floor_rps(crowd)
        return f"≥ {DYNAMODB_TARGET} % of DynamoDB Local's", ddb_share
    if kind in POSTGRES_READS:
        return f"≥ {READ_TARGET} %", READ_TARGET
    return "", None


def met(name: str, row: dict, crowd: dict) -> str:
    words, target = target_of(name, crowd)
    if target is None:
        return ""
    fast = name != "mixed" or row["p99_ms"] <= MIXED_P99_MS
    return f"{words}: {'met' if share(row, floor_rps(crowd)) >= target and fast and not row['errors'] else 'missed'}"


def notes(row: dict) -> str:
    parts = [f"{key} × {n}" for key, n in row["failures"].items()]
    if row["socket_errors"]:
        parts.append(f"socket errors × {row['socket_errors']}")
    if "new_likes" in row:
        parts.append(f"likes added {row['new_likes']:,} / answered {row['answers'].get('like', 0):,}")
    return "; ".join(parts)


def before_shares(compare: dict | None) -> dict[str, float]:
    if not compare or "crowd" not in compare:
        return {}
    crowd = compare["crowd"]
    return {name: share(row, floor_rps(crowd)) for name, row in crowd["rows"].items()}


def crowd_report(crowd: dict, args, compare: dict | None) -> list[str]:
    floor, before = floor_rps(crowd), before_shares(compare)
    mix = ", ".join(f"{label(kind)} {weight}" for kind, weight in args.mix.items())
    header = "| run | requests/s | p50 ms | p99 ms | errors | share of the floor |"
    rule = "| --- | ---: | ---: | ---: | ---: | ---: |"
    if before:
        header, rule = header + " share before |", rule + " ---: |"
    lines = [
        f"## The crowd: {args.people} signed-in people, {args.crowd_connections} connections (what people create)",
        "",
        f"Each request from a random person with their own token; mix {mix}. The floor is the bare Flask app "
        f"driven by the same script, at the start of the run and at its end; shares are of their mean, {floor:.0f} "
        "requests/s.",
        "",
        header + " target | notes |",
        rule + " --- | --- |",
    ]
    floors = [("floor at the start", crowd["floor"]), ("floor at the end", crowd.get("floor_end"))]
    for name, row in [*((name, row) for name, row in floors if row), *crowd["rows"].items()]:
        line = (
            f"| {name} | {row['rps']:.0f} | {row['p50_ms']} | {row['p99_ms']} | {row['errors']} | "
            f"{share(row, floor):.0f} % |"
        )
        if before:
            line += f" {before[name]:.0f} % |" if name in before else " |"
        lines.append(f"{line} {met(name, row, crowd)} | {notes(row)} |")
    if "floor_end" in crowd:
        moved = 100 * abs(crowd["floor_end"]["rps"] - crowd["floor"]["rps"]) / floor
        lines += ["", f"The floor moved {moved:.0f} % between the start and the end: the machine's other load."]
    mixed = crowd["rows"].get("mixed")
    if mixed:
        total = max(sum(mixed["answers"].values()), 1)
        answers = ", ".join(f"{label(kind)} {100 * n / total:.1f} %" for kind, n in mixed["answers"].items())
        lines += ["", f"Answers of the mixed run by kind: {answers}."]
    return lines + dynamodb_report(crowd)


def dynamodb_report(crowd: dict) -> list[str]:
    if "dynamodb_floor" not in crowd:
        return []
    lines = [
        "",
        f"DynamoDB Local alone (the same queries from {DYNAMODB_PROCESSES} processes of {DYNAMODB_THREADS} boto3 "
        "threads, no API):",
        "",
        "| read | queries/s (a request's worth) | the route alone, requests/s | share of DynamoDB Local's |",
        "| --- | ---: | ---: | ---: |",
    ]
    for kind, floor in crowd["dynamodb_floor"].items():
        row = crowd["rows"].get(f"{label(kind)} alone")
        alone = f"{row['rps']:.0f} | {100 * row['rps'] / floor['rps']:.0f} %" if row else "| "
        lines.append(f"| {label(kind)} | {floor['rps']:.0f} | {alone} |")
    return lines


def chart(crowd: dict, args, compare: dict | None, size: int) -> str:
    before = before_shares(compare)
    bars = [
        Bar(name, share(row, floor_rps(crowd)), row["rps"], before.get(name), target_of(name, crowd)[1])
        for name, row in crowd["rows"].items()
    ]
    title = f"Cruddur under a crowd: requests/s as a share of the bare-Flask floor ({floor_rps(crowd):,.0f} rps)"
    subtitles = [
        f"{size:,} cruds · {args.people} signed-in people · {args.crowd_connections} connections · "
        f"{args.duration} s a row",
        f"this run: {args.command}",
    ]
    if before:
        subtitles.append(f"before: {compare.get('command', args.compare.name)}")
    return chart_svg(title, subtitles, bars)


def report(results: dict, args, size: int, compare: dict | None):
    out = Path(args.output)
    name = f"bench-{args.size}" + ("-mixed" if args.mixed else "")
    lines = [
        f"# Cruddur benchmark: {size:,} cruds, {args.duration}s per row",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, load average "
        f"{args.load:.1f} at the start; command: `{args.command}`",
        "",
    ]
    if results["floors"]:
        lines += [*single_url_report(results, args), ""]
    if results.get("safety"):
        lines += [*safety_report(results["safety"], args), ""]
    if results["crowd"]:
        lines += crowd_report(results["crowd"], args, compare)
    if results.get("stream"):
        lines += ["", *streams.report(results["stream"], args)]
    markdown = "\n".join(lines) + "\n"
    settings = {"command": args.command, "size": size, "duration": args.duration, "people": args.people}
    settings |= {"mix": args.mix, "connections": args.connections, "crowd_connections": args.crowd_connections}
    (out / f"{name}.md").write_text(markdown)
    (out / f"{name}.json").write_text(json.dumps(settings | {"env": overrides()} | results, indent=2) + "\n")
    if results["crowd"]:
        (out / f"{name}.svg").write_text(chart(results["crowd"], args, compare, size))
    print(markdown)


def parse_args():
    args = options.parse(sys.argv[1:])
    args.crowd_connections = args.connections or 64
    args.connections = args.connections or 32
    args.command = " ".join([*(f"{k}={v}" for k, v in overrides().items()), "bin/bench", *sys.argv[1:]])
    args.load = os.getloadavg()[0]
    return args


def main():
    args = parse_args()
    compare = json.loads(args.compare.read_text()) if args.compare else None
    started = time.monotonic()
    results = run(args)
    report(results, args, options.SIZES[args.size], compare)
    say(f"Done in {time.monotonic() - started:.0f}s; tables and chart in {args.output}")
