"""bin/bench's stream rows (--only stream): the live stream process
(`python -m stream`, as production runs it, with the API's env) holding
thousands of streams of the crowd's people, opened by a client in a process
of its own (stream_client.py), and what that costs:

  stream hold             the stream process's VmRSS with every stream open
  stream broadcast        one crud deleted through the API, its `delete` event
                          timed to every stream, a few times
  stream fan-out          `timeline` events published to every stream at a
                          steady rate, no crowd running: the CPU each
                          delivery costs the stream process, its PostgreSQL
                          backends and the streams' client
  stream crowd            the mixed crowd's requests/s without streams and
                          with all of them open, in turn (without, with,
                          without, with, without): the machine's other load
                          and its warming up move the figures, so the target
                          is the mean of the runs with against the mean of
                          the runs without; then a control run without
                          streams, beside a process burning the CPU they took
  stream message latency  messages sent between people of the crowd while
                          the mixed crowd runs, timed from the POST's start to
                          their arrival at the recipient's streams
  stream notify rate      publish.sql from a few connections as fast as they
                          go, one stream receiving it all: what one
                          database's NOTIFY carries
"""

import contextlib
import http.client
import json
import math
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

from harness import REPO
from harness.bench import runner
from harness.bench.crowd import Crowd, write_script, wrk_crowd
from harness.bench.stream_client import StreamClient, cpu_seconds, rss_kib
from harness.sse import raise_open_files

HOLD, BROADCAST, FANOUT, CROWD, MESSAGES, NOTIFY = (
    "stream hold",
    "stream broadcast",
    "stream fan-out",
    "stream crowd",
    "stream message latency",
    "stream notify rate",
)
ROWS = (HOLD, BROADCAST, FANOUT, CROWD, MESSAGES, NOTIFY)
# Issue 21's targets.
RSS_TARGET_MB = 300
BROADCAST_P99_S = 2.0
CROWD_SLOWER_PERCENT = 10
MESSAGE_P99_MS = 500
BROADCASTS = 5
CROWD_ROUNDS = 2  # crowd runs with the streams open, each between two without
BULK_DRAIN_SECONDS = 2  # for the streams to read what waited once they read as it comes again
MESSAGE_COUNT, MESSAGE_RATE = 200, 10  # messages, per second
PUBLISHERS, PUBLISH_SECONDS = 4, 5
# About as many deliveries a second as the crowd's own events make with 5,000 streams open.
FANOUT_RATE, FANOUT_SECONDS = 2, 10  # events a second to every stream, for so long
ARRIVAL_WAIT = 15.0  # seconds an event may take to reach every stream before it counts as lost
BACKEND = REPO / "backend-flask"
PUBLISH_SQL = BACKEND / "db" / "sql" / "stream" / "publish.sql"
POOL_NAME = "cruddur-stream"  # the stream process's pool, beside its listener (cruddur-stream-listener)


class StreamProcess:
    """The stream process as production starts it: `python -m stream` from
    backend-flask, with the API's environment, on a port of its own."""

    def __init__(self, env: dict, log: Path):
        self.port = runner.free_port()
        self.db_url = env["CONNECTION_URL"]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        # Its pool's connections are named, as its listener's is, so that
        # the PostgreSQL backends serving it can be told from the API's.
        named = f"{self.db_url}{'&' if '?' in self.db_url else '?'}application_name={POOL_NAME}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "stream"],
            cwd=BACKEND,
            env=env | {"STREAM_PORT": str(self.port), "HOST": "127.0.0.1", "CONNECTION_URL": named},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"error: the stream process exited; see {self.log}")
            try:
                with urllib.request.urlopen(self.url + "/api/stream/health", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"error: the stream process did not come up; see {self.log}")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def backends_cpu(db_url: str) -> dict[int, float]:
    """The CPU seconds used so far by each PostgreSQL backend serving the
    stream process (its listener and its pool), by pid."""
    with psycopg.connect(db_url, autocommit=True) as conn:
        pids = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name LIKE %s", [f"{POOL_NAME}%"]
        ).fetchall()
    used = {}
    for (pid,) in pids:
        with contextlib.suppress(OSError):
            used[pid] = cpu_seconds(pid)
    return used


SHARES = (("p50", 0.5), ("p99", 0.99), ("max", 1.0))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.5, 0.99, 1.0) of `values`."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def spread(seconds: list[float]) -> dict:
    """p50, p99 and max in milliseconds."""
    if not seconds:
        return {"p50_ms": None, "p99_ms": None, "max_ms": None}
    return {f"{name}_ms": round(1000 * percentile(seconds, share), 1) for name, share in SHARES}


def call(api: str, method: str, path: str, token: str, body: dict | None = None) -> tuple[int, dict | None]:
    parts = urllib.parse.urlsplit(api)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = conn.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else None
    finally:
        conn.close()


def stream_rows(api: str, crowd: Crowd, env: dict, args, out: Path) -> dict:
    wanted = [name for name in ROWS if runner.wanted(name, args)]
    limit = raise_open_files()  # the stream process, started below, inherits it
    if limit < args.streams + 1024:
        raise SystemExit(f"error: {args.streams:,} streams need more open files than the hard limit ({limit:,})")
    people = [person.token for person in crowd.people]
    streams = [(n % len(people), people[n % len(people)]) for n in range(args.streams)]
    result: dict = {"streams": args.streams, "people": len(people), "open_files_limit": limit}
    result["load"] = {"start": round(os.getloadavg()[0], 2)}
    scripts = tempfile.mkdtemp(prefix="cruddur-stream-")  # the crowd's script holds its tokens: not in `out`
    mixed = write_script(crowd, args.mix, Path(scripts) / "mixed.lua")
    server = StreamProcess(env, out / "stream.log")
    server.wait()
    runner.say(f"Stream process: python -m stream, pid {server.pid}, log {server.log}")
    try:
        if CROWD in wanted:
            # The first crowd run after the seeding can be far slower than the
            # next (autovacuum, cold caches): one run first, not counted.
            runner.say("Stream crowd: the mixed crowd, a run to warm up (not counted)")
            runner.crowd_row(api, mixed, args)
            result["crowd"] = {"without": [], "with": [], "events_to_streams": 0}
            crowd_without(api, mixed, args, result["crowd"])
        client = StreamClient("127.0.0.1", server.port)
        try:
            result["hold"] = hold(client, server, streams)
            if BROADCAST in wanted:
                result["broadcasts"] = broadcasts(api, client, crowd, result["hold"]["opened"])
            if FANOUT in wanted:
                result["fan_out"] = fan_out(client, server, crowd, result["hold"]["opened"])
            if CROWD in wanted:
                crowd_with(api, mixed, args, client, server, result["crowd"])
            if MESSAGES in wanted:
                result["messages"] = message_latency(api, client, crowd, streams, mixed, args)
            result["hold"]["after"] = client.ask("close")
            result["hold"]["rss_kib_closed"] = rss_kib(server.pid)
            if CROWD in wanted:
                crowd_without(api, mixed, args, result["crowd"])
                for _ in range(CROWD_ROUNDS - 1):
                    reopened = client.open(streams)
                    if reopened["opened"] != len(streams):
                        raise SystemExit(f"error: reopening the streams for the crowd: {reopened}")
                    crowd_with(api, mixed, args, client, server, result["crowd"])
                    client.ask("close")
                    crowd_without(api, mixed, args, result["crowd"])
                crowd_control(api, mixed, args, result["crowd"])
            if NOTIFY in wanted:
                result["notify"] = notify_rate(client, env["CONNECTION_URL"], people[0])
        finally:
            client.stop()
    finally:
        server.stop()
        shutil.rmtree(scripts)
    result["load"]["end"] = round(os.getloadavg()[0], 2)
    return result


def run_number(crowd: dict) -> int:
    return len(crowd["without"]) + len(crowd["with"]) + 1


def crowd_without(api: str, script: Path, args, crowd: dict):
    runner.say(f"Stream crowd: the mixed crowd, no streams open (run {run_number(crowd)})")
    crowd["without"].append(runner.crowd_row(api, script, args))


def burn(share: float):
    """Uses `share` of a core until stopped: busy whenever the CPU time used
    so far is behind `share` of the time passed, asleep otherwise (so time
    lost to other processes is made up)."""
    started, used = time.monotonic(), time.process_time()
    while True:
        if time.process_time() - used >= share * (time.monotonic() - started):
            time.sleep(0.001)


def burner(share: float) -> multiprocessing.Process:
    """A process of its own burning `share` of a core (burn) until terminated."""
    process = multiprocessing.get_context("fork").Process(target=burn, args=(share,), daemon=True)
    process.start()
    return process


def crowd_control(api: str, script: Path, args, crowd: dict):
    """A run without streams beside a process that burns as much CPU as the
    stream process, its PostgreSQL backends and the streams' client took in
    the runs with them: what the API loses to sharing those cores alone."""
    used = crowd["cpu_seconds"]
    share = min(1.0, (used["stream"] + used["postgres"] + used["client"]) / used["wall"])
    runner.say(f"Stream crowd: the mixed crowd, no streams open, {share:.2f} of a core burnt beside it (the control)")
    burning = burner(share)
    before, started = cpu_seconds(burning.pid), time.monotonic()
    try:
        row = runner.crowd_row(api, script, args)
        burnt = (cpu_seconds(burning.pid) - before) / (time.monotonic() - started)
    finally:
        burning.terminate()
        burning.join(10)
    crowd["control"] = row | {"burnt_cores": round(burnt, 2)}


def crowd_with(api: str, script: Path, args, client: StreamClient, server: StreamProcess, crowd: dict):
    """One crowd run with the streams open, adding up the events that reached
    them and the CPU time the stream process and the streams' client took.
    The client reads in bulk meanwhile: the browsers it stands for read on
    machines of their own, and reading each event as it comes would take
    about a tenth of a core from the API's (half as much as the stream
    process's writes)."""
    status = client.ask("status")
    runner.say(f"Stream crowd: the mixed crowd, {status['open']:,} streams open (run {run_number(crowd)})")
    client.ask("read_in_bulk", on=True)
    events, started, before = status["events"], time.monotonic(), cpu_now(server, client)
    crowd["with"].append(runner.crowd_row(api, script, args))
    spent = cpu_since(before, server, client)
    wall = time.monotonic() - started
    client.ask("read_in_bulk", on=False)
    time.sleep(BULK_DRAIN_SECONDS)
    crowd["events_to_streams"] += client.ask("status")["events"] - events
    used = crowd.setdefault("cpu_seconds", {"stream": 0.0, "client": 0.0, "postgres": 0.0, "wall": 0.0})
    for name, seconds in spent.items():
        used[name] = round(used[name] + seconds, 2)
    used["wall"] = round(used["wall"] + wall, 2)
    crowd["rss_kib_after"] = rss_kib(server.pid)


def cpu_now(server: StreamProcess, client: StreamClient) -> tuple:
    """The CPU seconds used so far by the stream process, the streams'
    client and (by pid) the PostgreSQL backends serving the stream process."""
    return cpu_seconds(server.pid), cpu_seconds(client.process.pid), backends_cpu(server.db_url)


def cpu_since(before: tuple, server: StreamProcess, client: StreamClient) -> dict[str, float]:
    """The CPU seconds each of them used since `before` (cpu_now)."""
    stream, streams_client, backends = before
    return {
        "stream": cpu_seconds(server.pid) - stream,
        "postgres": sum(used - backends.get(pid, 0.0) for pid, used in backends_cpu(server.db_url).items()),
        "client": cpu_seconds(client.process.pid) - streams_client,
    }


def hold(client: StreamClient, server: StreamProcess, streams: list[tuple[int, str]]) -> dict:
    before = rss_kib(server.pid)
    runner.say(f"Stream hold: opening {len(streams):,} streams (stream process VmRSS {before / 1024:.0f} MB)")
    opened = client.open(streams)
    time.sleep(2)  # what the opening left behind settles
    figures = opened | {"rss_kib_before": before, "rss_kib": rss_kib(server.pid)} | client.ask("status")
    runner.say(
        f"  {figures['opened']:,} open in {figures['seconds']} s, failed {figures['failed'] or 'none'}; "
        f"VmRSS {figures['rss_kib'] / 1024:.0f} MB (client {figures['client_rss_kib'] / 1024:.0f} MB)"
    )
    return figures


def broadcasts(api: str, client: StreamClient, crowd: Crowd, opened: int) -> list[dict]:
    """BROADCASTS times: a crud posted by one of the crowd and deleted a
    moment later, its `delete` timed from the DELETE's start to each stream."""
    runner.say(f"Stream broadcast: {BROADCASTS} cruds deleted, each `delete` timed to {opened:,} streams")
    rows = []
    for n in range(BROADCASTS):
        person = crowd.people[n % len(crowd.people)]
        body = {"message": f"stream bench {n}", "ttl": "1-hour"}
        status, crud = call(api, "POST", "/api/activities", person.token, body)
        if status not in (200, 201):
            raise SystemExit(f"error: posting a crud to delete answered {status}: {crud}")
        time.sleep(0.5)
        sent = time.monotonic()
        status, _ = call(api, "DELETE", f"/api/activities/{crud['uuid']}", person.token)
        answered = time.monotonic()
        if status >= 300:
            raise SystemExit(f"error: deleting a crud answered {status}")
        client.wait_count("delete", crud["uuid"], opened, ARRIVAL_WAIT)
        receipts = client.ask("take", kind="delete").get(crud["uuid"], [])
        row = {"received": len(receipts), "delete_ms": round(1000 * (answered - sent), 1)}
        row |= spread([at - sent for _, _, at in receipts])
        runner.say(
            f"  #{n + 1}: {row['received']:,}/{opened:,} streams, p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
            f"max {row['max_ms']} ms (the DELETE answered in {row['delete_ms']} ms)"
        )
        rows.append(row)
        time.sleep(1)
    return rows


def fan_out(client: StreamClient, server: StreamProcess, crowd: Crowd, opened: int) -> dict:
    """FANOUT_SECONDS of `timeline` events, FANOUT_RATE a second, each for
    every person of the crowd (publish.sql, as the API publishes; no crowd
    running): the CPU time one delivery costs the stream process, the
    PostgreSQL backends serving it and the streams' client."""
    count = FANOUT_RATE * FANOUT_SECONDS
    runner.say(f"Stream fan-out: {count} `timeline` events to {opened:,} streams, {FANOUT_RATE} a second")
    recipients = [person.uuid for person in crowd.people]
    sql = PUBLISH_SQL.read_text()
    events, started, before = client.ask("status")["events"], time.monotonic(), cpu_now(server, client)
    with psycopg.connect(server.db_url, autocommit=True) as conn:
        for n in range(count):
            time.sleep(max(0.0, started + n / FANOUT_RATE - time.monotonic()))
            data = json.dumps({"uuid": str(uuid.uuid4()), "handle": "fan_out"})
            conn.execute(sql, {"kind": "timeline", "recipients": recipients, "author_uuid": None, "data": data})
    deadline = time.monotonic() + ARRIVAL_WAIT
    while (delivered := client.ask("status")["events"] - events) < count * opened and time.monotonic() < deadline:
        time.sleep(0.1)
    seconds, used = time.monotonic() - started, cpu_since(before, server, client)
    row = {
        "events": count,
        "expected": count * opened,
        "delivered": delivered,
        "seconds": round(seconds, 2),
        "us_per_delivery": {name: round(1e6 * value / max(delivered, 1), 1) for name, value in used.items()},
        "cores": {name: round(value / seconds, 2) for name, value in used.items()},
    }
    each, cores = row["us_per_delivery"], row["cores"]
    runner.say(
        f"  {delivered:,} of {row['expected']:,} delivered in {row['seconds']} s; a delivery took "
        f"{each['stream']} µs of the stream process ({cores['stream']} of a core), {each['postgres']} µs of its "
        f"PostgreSQL backends, {each['client']} µs of the client ({cores['client']})"
    )
    return row


def message_pairs(crowd: Crowd) -> list[tuple[int, int]]:
    """(sender, recipient) indexes of people of the crowd who have a conversation."""
    index = {person.handle: n for n, person in enumerate(crowd.people)}
    pairs = [
        (n, index[other])
        for n, person in enumerate(crowd.people)
        for _, other in person.conversations
        if other in index
    ]
    return pairs or [(n, (n + 1) % len(crowd.people)) for n in range(len(crowd.people))]


def message_latency(api: str, client: StreamClient, crowd: Crowd, streams: list, script: Path, args) -> dict:
    """MESSAGE_COUNT messages at MESSAGE_RATE a second between people of the
    crowd while the mixed crowd runs (wrk), each timed from its POST's start
    to its arrival at every stream of its recipient."""
    sending = MESSAGE_COUNT / MESSAGE_RATE
    seconds = max(args.duration, math.ceil(sending) + 4)
    runner.say(
        f"Stream message latency: {MESSAGE_COUNT} messages at {MESSAGE_RATE}/s under the mixed crowd ({seconds} s)"
    )
    pairs = message_pairs(crowd)
    random.shuffle(pairs)
    crowd_figures: dict = {}
    load = threading.Thread(
        target=lambda: crowd_figures.update(wrk_crowd(api, script, seconds, args.crowd_connections)), daemon=True
    )
    client.ask("take", kind="message")
    events_before = client.ask("status")["events"]
    load.start()
    time.sleep(2)

    def send(n: int) -> dict:
        sender, recipient = pairs[n % len(pairs)]
        handle = crowd.people[recipient].handle
        started = time.monotonic()
        try:
            status, answer = call(
                api, "POST", "/api/messages", crowd.people[sender].token, {"handle": handle, "message": f"bench {n}"}
            )
        except (OSError, http.client.HTTPException, ValueError):
            status, answer = None, None
        message = answer["message"]["uuid"] if status == 201 and answer else None
        return {
            "recipient": recipient,
            "started": started,
            "answered": time.monotonic(),
            "status": status,
            "uuid": message,
        }

    begun = time.monotonic()
    futures = []
    with ThreadPoolExecutor(max_workers=16) as pool:
        for n in range(MESSAGE_COUNT):
            time.sleep(max(0.0, begun + n / MESSAGE_RATE - time.monotonic()))
            futures.append(pool.submit(send, n))
    sent = [future.result() for future in futures]
    load.join(seconds + 90)
    time.sleep(2)
    receipts = client.ask("take", kind="message")
    events = client.ask("status")["events"] - events_before
    per_person = [0] * len(crowd.people)
    for key, _ in streams:
        per_person[key] += 1
    delays, after_answer, missing = [], [], 0
    for message in sent:
        if not message["uuid"]:
            continue
        arrivals = [at for key, _, at in receipts.get(message["uuid"], []) if key == message["recipient"]]
        missing += per_person[message["recipient"]] - len(arrivals)
        delays += [at - message["started"] for at in arrivals]
        after_answer += [at - message["answered"] for at in arrivals]
    answered = sum(m["status"] == 201 for m in sent)
    row = {"sent": len(sent), "answered_201": answered, "arrivals": len(delays), "missing": missing}
    row |= spread(delays) | {
        "after_answer": spread(after_answer),
        "post": spread([m["answered"] - m["started"] for m in sent]),
    }
    row["crowd"] = crowd_figures
    row["events_to_streams_per_s"] = round(events / (time.monotonic() - begun + 2))
    runner.say(
        f"  {answered}/{len(sent)} answered 201; {len(delays):,} arrivals at the recipients' streams, "
        f"{missing} missing; p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms; "
        f"the crowd {crowd_figures.get('rps')} requests/s"
    )
    return row


def notify_rate(client: StreamClient, db_url: str, token: str) -> dict:
    """publish.sql (a `delete` for everyone) from PUBLISHERS connections in a
    loop for PUBLISH_SECONDS, one stream open: published and delivered events
    a second, and each event's delay from its publish to its arrival."""
    runner.say(f"Stream notify rate: publish.sql from {PUBLISHERS} connections for {PUBLISH_SECONDS} s, one stream")
    opened = client.open([(0, token)], reconnect=True)
    if not opened["opened"]:
        raise SystemExit(f"error: the stream for the notify rate did not open: {opened['failed']}")
    client.ask("every_id", on=True)
    client.ask("take", kind="ids")
    sql = PUBLISH_SQL.read_text()
    published: dict[int, float] = {}
    lock = threading.Lock()
    start = time.monotonic()
    stop_at = start + PUBLISH_SECONDS

    def publish(_):
        mine = {}
        with psycopg.connect(db_url, autocommit=True) as conn:
            while (now := time.monotonic()) < stop_at:
                data = json.dumps({"uuid": str(uuid.uuid4())})
                params = {"kind": "delete", "recipients": None, "author_uuid": None, "data": data}
                mine[conn.execute(sql, params).fetchone()[0]] = now
        with lock:
            published.update(mine)

    with ThreadPoolExecutor(max_workers=PUBLISHERS) as pool:
        list(pool.map(publish, range(PUBLISHERS)))
    publishing = time.monotonic() - start
    newest = max(published, default=0)
    deadline = time.monotonic() + 60
    while client.ask("newest_id") < newest and time.monotonic() < deadline:
        time.sleep(0.1)
    arrivals: dict[int, float] = {}
    for event_id, at in client.ask("take", kind="ids")["ids"]:
        arrivals.setdefault(event_id, at)  # a replay after a reconnect may bring an event again
    status = client.ask("close")
    received = [event_id for event_id in published if event_id in arrivals]
    last = max((arrivals[event_id] for event_id in received), default=start)
    row = {
        "publishers": PUBLISHERS,
        "published": len(published),
        "published_per_s": round(len(published) / publishing),
        "received": len(received),
        "delivered_per_s": round(len(received) / max(last - start, 1e-9)),
        "stream_reconnects": status["reconnects"],
    }
    row |= spread([arrivals[event_id] - published[event_id] for event_id in received])
    runner.say(
        f"  published {row['published']:,} ({row['published_per_s']:,}/s), received {row['received']:,} "
        f"({row['delivered_per_s']:,}/s), delay p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, "
        f"{row['stream_reconnects']} reconnects"
    )
    return row


def cpu_used(crowd: dict) -> str:
    """The cores the stream process and the streams' client took from the
    machine the API shares with them, over the crowd's run and warm-up."""
    used = crowd.get("cpu_seconds")
    if not used:
        return ""
    seconds = used["wall"]
    return (
        f"; meanwhile the stream process used {used['stream'] / seconds:.2f} of a core, the PostgreSQL backends "
        f"serving it {used.get('postgres', 0) / seconds:.2f} and the streams' client (reading in bulk, as "
        f"though elsewhere) {used['client'] / seconds:.2f}, of the machine's {os.cpu_count()}"
    )


def mean_rps(rows: list[dict]) -> float:
    return sum(row["rps"] for row in rows) / len(rows)


def crowd_lines(crowd: dict, opened: int) -> list[str]:
    """Each crowd run in the order they ran (without and with the streams in
    turn), the difference of their means against the target, and the control."""
    without, with_ = mean_rps(crowd["without"]), mean_rps(crowd["with"])
    slower = 100 * (1 - with_ / without) if without else 0.0
    errors = sum(row["errors"] for row in crowd["with"])
    ok = slower <= CROWD_SLOWER_PERCENT and not errors
    why = f" ({errors} errors with the streams open)" if errors else ""
    order = []
    for n, row in enumerate(crowd["without"]):
        order.append((f"run {len(order) + 1}, without streams", row))
        if n < len(crowd["with"]):
            order.append((f"run {len(order) + 1}, with {opened:,} streams open", crowd["with"][n]))
    lines = [
        f"| stream crowd, {name} | {row['rps']:.0f} requests/s, p50 {row['p50_ms']} ms, "
        f"p99 {row['p99_ms']} ms, {row['errors']} errors | |"
        for name, row in order
    ]
    lines.append(
        f"| stream crowd, the difference | {abs(slower):.1f} % {'fewer' if slower >= 0 else 'more'} requests/s "
        f"with the streams open (mean of {len(crowd['with'])} runs, {with_:.0f}) than without (mean of "
        f"{len(crowd['without'])}, {without:.0f}); the crowd's own events reached the streams "
        f"{crowd.get('events_to_streams', 0):,} times in the runs with them (with their 2 s warm-ups)"
        f"{cpu_used(crowd)} | within {CROWD_SLOWER_PERCENT} %: {verdict(ok)}{why} |"
    )
    control = crowd.get("control")
    if control:
        lost = 100 * (1 - control["rps"] / without) if without else 0.0
        lines.append(
            f"| stream crowd, the control: without streams, beside a process burning {control['burnt_cores']:.2f} of "
            f"a core (as much as the stream process, its PostgreSQL backends and the streams' client took) | "
            f"{control['rps']:.0f} requests/s, p50 {control['p50_ms']} ms, p99 {control['p99_ms']} ms, "
            f"{control['errors']} errors: {abs(lost):.1f} % {'fewer' if lost >= 0 else 'more'} than the mean without "
            "streams | (what sharing those cores costs the API alone) |"
        )
    return lines


def verdict(ok: bool) -> str:
    return "met" if ok else "missed"


def report(stream: dict, args) -> list[str]:
    hold_ = stream["hold"]
    lines = [
        f"## The live stream: {hold_['opened']:,} streams held by one stream process ({stream['people']} people)",
        "",
        "The stream process is `python -m stream` with the API's env; the streams' client is a process of its own "
        f"(asyncio, raw sockets, Bearer tokens). Open-file limit {stream['open_files_limit']:,}. Load average "
        f"{stream['load']['start']:.2f} at the start of these rows, {stream['load']['end']:.2f} at their end.",
        "",
        "| row | figures | target |",
        "| --- | --- | --- |",
    ]
    rss_mb = hold_["rss_kib"] / 1024
    rss_ok = rss_mb < RSS_TARGET_MB and hold_["opened"] == hold_["asked"]
    failed = ", ".join(f"{k} × {n}" for k, n in hold_["failed"].items()) or "none failed"
    lines.append(
        f"| stream hold | {hold_['opened']:,} of {hold_['asked']:,} open in {hold_['seconds']} s ({failed}); "
        f"stream process VmRSS {rss_mb:.0f} MB with them open ({hold_['rss_kib_before'] / 1024:.0f} MB before, "
        f"{hold_.get('rss_kib_closed', 0) / 1024:.0f} MB once closed); client VmRSS "
        f"{hold_['client_rss_kib'] / 1024:.0f} MB | < {RSS_TARGET_MB} MB with {args.streams:,} open: "
        f"{verdict(rss_ok)} |"
    )
    for n, row in enumerate(stream.get("broadcasts", []), 1):
        fast = row["p99_ms"] is not None and row["p99_ms"] <= 1000 * BROADCAST_P99_S
        ok = fast and row["received"] == hold_["opened"]
        lines.append(
            f"| stream broadcast #{n} | one `delete` to {row['received']:,} of {hold_['opened']:,} streams: "
            f"p50 {row['p50_ms']} ms, p99 {row['p99_ms']} ms, max {row['max_ms']} ms from the DELETE's start "
            f"(it answered in {row['delete_ms']} ms) | p99 ≤ {BROADCAST_P99_S:.0f} s: {verdict(ok)} |"
        )
    fanned = stream.get("fan_out")
    if fanned:
        each, cores = fanned["us_per_delivery"], fanned["cores"]
        lines.append(
            f"| stream fan-out | {fanned['events']} `timeline` events for every stream, {FANOUT_RATE} a second with no "
            f"crowd running: {fanned['delivered']:,} of {fanned['expected']:,} delivered in {fanned['seconds']} s; "
            f"the CPU a delivery took: {each['stream']} µs in the stream process ({cores['stream']:.2f} of a core), "
            f"{each['postgres']} µs in the PostgreSQL backends serving it ({cores['postgres']:.2f}), "
            f"{each['client']} µs in the streams' client ({cores['client']:.2f}) | (a figure) |"
        )
    crowd = stream.get("crowd")
    if crowd and crowd["with"] and crowd["without"]:
        lines += crowd_lines(crowd, hold_["opened"])
    messages = stream.get("messages")
    if messages:
        ok = not messages["missing"] and messages["p99_ms"] is not None and messages["p99_ms"] <= MESSAGE_P99_MS
        mixed = messages["crowd"]
        lines.append(
            f"| stream message latency | {messages['answered_201']} of {messages['sent']} messages answered 201 at "
            f"{MESSAGE_RATE}/s under the mixed crowd ({mixed.get('rps', 0):.0f} requests/s, "
            f"{mixed.get('errors', 0)} errors; {messages.get('events_to_streams_per_s', 0):,} events a second "
            f"reached the streams meanwhile); {messages['arrivals']:,} arrivals at the recipients' streams, "
            f"{messages['missing']} missing: p50 {messages['p50_ms']} ms, p99 {messages['p99_ms']} ms, max "
            f"{messages['max_ms']} ms from the POST's start (the POST itself p50 {messages['post']['p50_ms']} ms, "
            f"p99 {messages['post']['p99_ms']} ms; from its answer to the arrival p50 "
            f"{messages['after_answer']['p50_ms']} ms, p99 {messages['after_answer']['p99_ms']} ms) "
            f"| p99 ≤ {MESSAGE_P99_MS} ms: {verdict(ok)} |"
        )
    notify = stream.get("notify")
    if notify:
        lines.append(
            f"| stream notify rate | publish.sql from {notify['publishers']} connections for {PUBLISH_SECONDS} s: "
            f"{notify['published_per_s']:,} events/s published ({notify['published']:,}), {notify['delivered_per_s']:,}"
            f"/s delivered to one stream ({notify['received']:,}, {notify['stream_reconnects']} reconnects); delay "
            f"p50 {notify['p50_ms']} ms, p99 {notify['p99_ms']} ms, max {notify['max_ms']} ms | (a figure) |"
        )
    return lines
