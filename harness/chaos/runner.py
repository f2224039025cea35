"""The driver behind bin/chaos: a steady mixed load on the API from a few
threads, the faults (PostgreSQL restarted, DynamoDB Local killed), and a
verdict with figures per scenario. bin/chaos starts the stack and passes its
addresses; see bin/chaos --help.

Runs in the project's virtualenv (psycopg, to check what reached PostgreSQL).
Sends requests to 127.0.0.1 only, and every loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import psycopg
import yaml  # with openapi-core, in requirements-dev.txt

from harness import REPO, wait_until
from harness.chaos import streams

COMMON_SH = REPO / "bin" / "lib" / "common.sh"
CONTRACT = REPO / "backend-flask" / "openapi-3.0.yml"

DEMO_EMAIL = "andrew@example.com"
DEMO_PASSWORD = "Crud-Demo-2026"
OTHER_HANDLE = "bayko"  # a seeded user the load sends direct messages to

REQUEST_TIMEOUT = 15.0  # seconds before a request counts as unanswered
HANG_LIMIT = 5.0  # "a few seconds": slower answers during an outage are a failure
DOWN_SECONDS = 5.0  # how long each store stays down
RECOVERY_LIMIT = 5.0  # the API must serve again within this long of the store's return
OBSERVE_AFTER = 7.0  # load watched after a store is back
RSS_GROWTH_LIMIT = 0.10

# Each thread walks this cycle from its own offset: reads, writes and messages.
CYCLE = ["home", "profile", "post_crud", "search", "message_groups", "home", "send_message", "profile", "search"]
MESSAGE_KINDS = {"message_groups", "send_message"}
# The contract's operation for each kind of request.
OPERATIONS = {
    "home": ("get", "/api/activities/home"),
    "profile": ("get", "/api/activities/@{handle}"),
    "search": ("get", "/api/activities/search"),
    "post_crud": ("post", "/api/activities"),
    "message_groups": ("get", "/api/message_groups"),
    "send_message": ("post", "/api/messages"),
}


def log(message: str):
    print(f"    {time.strftime('%H:%M:%S')} {message}", flush=True)


@dataclass
class Result:
    kind: str
    started: float
    ended: float
    status: int | None  # None: no answer (refused, reset, timed out)
    error: str = ""  # the error codes of a JSON error body, or the exception

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def seconds(self) -> float:
        return self.ended - self.started

    def unavailable(self, code: str) -> bool:
        """A 503 naming the store that is down, and nothing else."""
        return self.status == 503 and self.error == code

    def describe(self) -> str:
        return f"{self.kind} -> {self.status or 'no answer'} {self.error}".strip()


class Api:
    def __init__(self, base: str):
        parts = urllib.parse.urlsplit(base)
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            sys.exit(f"error: the load goes to loopback only, not {base}")
        self.host, self.port = parts.hostname, parts.port
        self.token = ""

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int | None, bytes, str]:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            return response.status, response.read(), ""
        except (OSError, http.client.HTTPException) as error:
            return None, b"", type(error).__name__
        finally:
            conn.close()


def error_codes(status: int | None, body: bytes) -> str:
    if status is None or status < 400:
        return ""
    try:
        return ",".join(json.loads(body)["errors"])
    except (ValueError, KeyError, TypeError):
        return body[:80].decode(errors="replace")


class Load:
    """Threads that each send one request after another, paced so that all of
    them together make about `rate` requests per second, until stopped or
    until `deadline` (monotonic seconds), whichever comes first."""

    def __init__(self, api: Api, handle: str, threads: int, rate: int, deadline: float):
        self.api = api
        self.handle = handle
        self.threads = threads
        self.interval = threads / rate
        self.deadline = deadline
        self.max_requests = int(rate * max(0.0, deadline - time.monotonic()) * 1.5) + 100
        self.run_id = uuid.uuid4().hex[:8]
        self.sequence = itertools.count(1)
        self.results: list[Result] = []
        self.created: list[str] = []  # uuids of the cruds whose POST got a 2xx
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.workers: list[threading.Thread] = []

    def request(self, kind: str) -> Result:
        number = next(self.sequence)
        method, path, body = {
            "home": ("GET", "/api/activities/home", None),
            "profile": ("GET", f"/api/activities/@{self.handle}", None),
            "search": ("GET", "/api/activities/search?term=crud", None),
            "post_crud": ("POST", "/api/activities", {"message": f"chaos {self.run_id} #{number}", "ttl": "1-day"}),
            "message_groups": ("GET", "/api/message_groups", None),
            "send_message": ("POST", "/api/messages", {"handle": OTHER_HANDLE, "message": f"chaos #{number}"}),
        }[kind]
        started = time.monotonic()
        status, data, failure = self.api.call(method, path, body)
        result = Result(kind, started, time.monotonic(), status, failure or error_codes(status, data))
        if kind == "post_crud" and result.ok:
            with self.lock:
                self.created.append(json.loads(data)["uuid"])
        return result

    def run(self, offset: int):
        next_at = time.monotonic()
        for step in itertools.count(offset):
            now = time.monotonic()
            if self.stopping.is_set() or now >= self.deadline or len(self.results) >= self.max_requests:
                return
            result = self.request(CYCLE[step % len(CYCLE)])
            with self.lock:
                self.results.append(result)
            next_at = max(next_at + self.interval, time.monotonic() - self.interval)
            self.stopping.wait(max(0.0, next_at - time.monotonic()))

    def start(self):
        for index in range(self.threads):
            thread = threading.Thread(target=self.run, args=(index * 2,), name=f"load-{index}", daemon=True)
            thread.start()
            self.workers.append(thread)

    def stop(self):
        self.stopping.set()
        for thread in self.workers:
            thread.join(timeout=REQUEST_TIMEOUT + 5)

    def overlapping(self, start: float, end: float) -> list[Result]:
        with self.lock:
            return sorted((r for r in self.results if r.started < end and r.ended >= start), key=lambda r: r.started)

    def started_between(self, start: float, end: float, kinds=None) -> list[Result]:
        with self.lock:
            return [r for r in self.results if start <= r.started < end and (kinds is None or r.kind in kinds)]


@dataclass
class Verdict:
    name: str
    passed: bool = True
    figures: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def note(self, text: str):
        self.figures.append(text)

    def fail(self, text: str):
        self.passed = False
        self.problems.append(text)


def statuses(results: list[Result]) -> str:
    counts = Counter(f"{r.status or 'no-answer'}{' ' + r.error if r.error else ''}" for r in results)
    return ", ".join(f"{count}x {key}" for key, count in counts.most_common()) or "none"


def sample(results: list[Result], limit: int = 3) -> str:
    return "; ".join(r.describe() for r in results[:limit])


def documented_statuses() -> dict[str, set[int]]:
    """The status codes openapi-3.0.yml lists for each kind of request."""
    paths = yaml.safe_load(CONTRACT.read_text())["paths"]
    return {
        kind: {int(code) for code in paths[path][method]["responses"]} for kind, (method, path) in OPERATIONS.items()
    }


def check_contract(verdict: Verdict, results: list[Result], documented: dict[str, set[int]]):
    outside = [r for r in results if r.status is not None and r.status not in documented[r.kind]]
    if outside:
        verdict.fail(f"{len(outside)} answers with a status openapi-3.0.yml does not list: {sample(outside)}")


def embedded(function: str, *args: str):
    """Runs a bin/lib/embedded.sh function (pg_stop, pg_start) as ./bin/dev does."""
    script = 'source "$0"; "$@"'
    subprocess.run(["bash", "-c", script, str(COMMON_SH), function, *args], check=True)


# --- processes, from /proc ---------------------------------------------------


def listening_pids(port: int) -> set[int]:
    """The processes with a TCP socket listening on `port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                inodes.add(f"socket:[{fields[9]}]")
    pids = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            for fd in (proc / "fd").iterdir():
                if os.readlink(fd) in inodes:
                    pids.add(int(proc.name))
                    break
        except OSError:
            continue
    return pids


def children(parent: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
            found.append(int(proc.name))
    return sorted(found)


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def workers_rss(master: int) -> dict[int, int]:
    rss = {}
    for pid in children(master):
        try:
            rss[pid] = rss_kib(pid)
        except (OSError, RuntimeError):
            continue
    return rss


def answers_http(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/")
        conn.getresponse().read()
        conn.close()
        return True
    except (OSError, http.client.HTTPException):
        return False


def sleep_watching(load: Load, seconds: float, label: str, every: float = 30.0):
    """Sleeps while the load runs, with a progress line every `every` seconds."""
    end = time.monotonic() + seconds
    last = time.monotonic()
    while (left := end - time.monotonic()) > 0:
        time.sleep(min(left, 1.0))
        if time.monotonic() - last >= every:
            last = time.monotonic()
            recent = load.started_between(last - every, last)
            failed = sum(not r.ok for r in recent)
            log(f"{label}: {len(recent)} requests in the last {every:.0f}s, {failed} failed, {end - last:.0f}s left")


def recovery_seconds(results: list[Result], back_at: float) -> tuple[float, int]:
    """How long after `back_at` (a store's return) the API's last failed answer
    came (0 when none failed after it), and how many requests succeeded after that."""
    failed_ends = [r.ended for r in results if not r.ok and r.ended >= back_at]
    last_failure = max(failed_ends, default=back_at)
    return last_failure - back_at, sum(r.ok and r.started >= last_failure for r in results)


# --- scenarios ---------------------------------------------------------------


def restart_postgres(load: Load, args) -> Verdict:
    verdict = Verdict("restart-postgres")
    workers_before = children(args.gunicorn_pid)
    time.sleep(2)
    stop_at = time.monotonic()
    log("stopping PostgreSQL (pg_ctl -m fast stop)")
    embedded("pg_stop", args.pg_data)
    down_at = time.monotonic()
    log(f"PostgreSQL is down ({down_at - stop_at:.1f}s to stop); waiting {DOWN_SECONDS:.0f}s under load")
    time.sleep(DOWN_SECONDS)
    start_at = time.monotonic()
    embedded("pg_start", args.pg_data, str(args.pg_port))
    back_at = time.monotonic()
    log(f"PostgreSQL is back ({back_at - start_at:.1f}s to start); watching {OBSERVE_AFTER:.0f}s")
    time.sleep(OBSERVE_AFTER)
    end_at = time.monotonic()

    if args.verbose:
        for r in load.overlapping(stop_at, back_at):
            log(f"  {r.started - stop_at:+6.2f}s .. {r.ended - stop_at:+6.2f}s  {r.describe()}")
    # From the stop until PostgreSQL is back, a request gets 503 postgres_unavailable,
    # or a 2xx when it was served before the stop took hold or once the server was back.
    down = load.started_between(down_at, start_at)
    good_503 = [r for r in down if r.unavailable("postgres_unavailable")]
    outage = load.started_between(stop_at, back_at)
    wrong = [r for r in outage if not (r.ok or r.unavailable("postgres_unavailable"))]
    slowest = max((r.seconds for r in down), default=0.0)
    recovery, successes = recovery_seconds(load.overlapping(back_at, end_at), back_at)
    check_contract(verdict, load.overlapping(stop_at, end_at), args.documented)
    verdict.note(f"requests started while down ({start_at - down_at:.1f}s): {len(down)}, {statuses(down)}")
    verdict.note(f"slowest answer while down: {slowest:.2f}s")
    verdict.note(f"recovered {recovery:.2f}s after PostgreSQL was back; then {successes} requests, all 2xx")
    if not good_503:
        verdict.fail("no 503 postgres_unavailable was seen while PostgreSQL was down")
    if wrong:
        verdict.fail(f"{len(wrong)} answers other than 2xx or 503 postgres_unavailable: {sample(wrong)}")
    if slowest > HANG_LIMIT:
        verdict.fail(f"an answer took {slowest:.1f}s while PostgreSQL was down (limit {HANG_LIMIT:.0f}s)")
    if recovery > RECOVERY_LIMIT or successes == 0:
        verdict.fail(f"not serving again within {RECOVERY_LIMIT:.0f}s of PostgreSQL's return")
    workers_after = children(args.gunicorn_pid)
    if workers_after != workers_before:
        verdict.fail(f"gunicorn workers were replaced ({workers_before} -> {workers_after})")
    check_cruds_stored(load, verdict)
    return verdict


def check_cruds_stored(load: Load, verdict: Verdict):
    with load.lock:
        created = list(load.created)
    with psycopg.connect(os.environ["CONNECTION_URL"], connect_timeout=10) as conn:
        rows = conn.execute("SELECT uuid::text FROM activities WHERE uuid = ANY(%s::uuid[])", [created]).fetchall()
    missing = set(created) - {row[0] for row in rows}
    verdict.note(f"cruds posted with a 2xx so far: {len(created)}, missing from PostgreSQL: {len(missing)}")
    if missing:
        verdict.fail(f"{len(missing)} acknowledged cruds are not in the database, e.g. {sorted(missing)[:3]}")


def stop_dynamodb(load: Load, args) -> Verdict:
    verdict = Verdict("stop-dynamodb")
    pids = listening_pids(args.ddb_port)
    if len(pids) != 1:
        verdict.fail(f"expected one process listening on DynamoDB Local's port {args.ddb_port}, found {sorted(pids)}")
        return verdict
    [pid] = pids
    command = [part.decode() for part in Path(f"/proc/{pid}/cmdline").read_bytes().rstrip(b"\0").split(b"\0")]
    cwd = os.readlink(f"/proc/{pid}/cwd")
    log_path = os.readlink(f"/proc/{pid}/fd/1")
    if Path(command[0]).name != "java":
        verdict.fail(f"the process on port {args.ddb_port} is not java: {command[:3]}")
        return verdict
    time.sleep(2)
    kill_at = time.monotonic()
    log(f"killing DynamoDB Local (java, pid {pid}, found by port {args.ddb_port})")
    os.kill(pid, signal.SIGKILL)
    if not wait_until(lambda: not listening_pids(args.ddb_port), 10):
        verdict.fail("DynamoDB Local still listens 10s after SIGKILL")
        return verdict
    down_at = time.monotonic()
    log(f"DynamoDB Local is down; waiting {DOWN_SECONDS:.0f}s under load")
    time.sleep(DOWN_SECONDS)
    start_at = time.monotonic()
    with open(log_path if log_path.startswith("/") else os.devnull, "ab") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    Path(args.ddb_pid_file).write_text(f"{process.pid}\n")
    if not wait_until(lambda: answers_http(args.ddb_port), 30, 0.2):
        verdict.fail("DynamoDB Local did not start again within 30s")
        return verdict
    back_at = time.monotonic()
    log(f"DynamoDB Local is back (pid {process.pid}, {back_at - start_at:.1f}s to start); watching")
    time.sleep(OBSERVE_AFTER)
    end_at = time.monotonic()

    other_kinds = set(CYCLE) - MESSAGE_KINDS
    # From the kill until DynamoDB Local is back, a message request gets 503
    # dynamodb_unavailable, or a 2xx when served before the kill took hold.
    down_messages = load.started_between(down_at, start_at, MESSAGE_KINDS)
    good_503 = [r for r in down_messages if r.unavailable("dynamodb_unavailable")]
    outage = load.started_between(kill_at, back_at, MESSAGE_KINDS)
    wrong = [r for r in outage if not (r.ok or r.unavailable("dynamodb_unavailable"))]
    others = load.started_between(kill_at, end_at, other_kinds)
    others_failed = [r for r in others if not r.ok]
    slowest = max((r.seconds for r in down_messages), default=0.0)
    messages = [r for r in load.overlapping(back_at, end_at) if r.kind in MESSAGE_KINDS]
    recovery, successes = recovery_seconds(messages, back_at)
    check_contract(verdict, load.overlapping(kill_at, end_at), args.documented)
    verdict.note(f"message routes while down ({start_at - down_at:.1f}s): {statuses(down_messages)}")
    verdict.note(f"slowest message answer while down: {slowest:.2f}s")
    verdict.note(f"other routes from the kill to the end: {len(others)} requests, {statuses(others)}")
    verdict.note(f"message routes recovered {recovery:.2f}s after DynamoDB Local was back; then {successes} all 2xx")
    if not good_503:
        verdict.fail("no 503 dynamodb_unavailable was seen while DynamoDB Local was down")
    if wrong:
        verdict.fail(f"{len(wrong)} message answers other than 2xx or 503 dynamodb_unavailable: {sample(wrong)}")
    if others_failed:
        verdict.fail(f"{len(others_failed)} requests to other routes failed: {sample(others_failed)}")
    if slowest > HANG_LIMIT:
        verdict.fail(f"a message answer took {slowest:.1f}s while DynamoDB Local was down (limit {HANG_LIMIT:.0f}s)")
    if recovery > RECOVERY_LIMIT or successes == 0:
        verdict.fail(f"message routes not serving again within {RECOVERY_LIMIT:.0f}s of DynamoDB Local's return")
    return verdict


def soak(load: Load, args) -> Verdict:
    verdict = Verdict("soak")
    warm_up = min(30.0, max(5.0, args.soak_seconds / 10))
    log(f"warming up for {warm_up:.0f}s")
    time.sleep(warm_up)
    before = workers_rss(args.gunicorn_pid)
    start_at = time.monotonic()
    log(f"soaking for {args.soak_seconds}s; worker RSS now {kib(before)}")
    sleep_watching(load, args.soak_seconds, "soak")
    end_at = time.monotonic()
    after = workers_rss(args.gunicorn_pid)
    results = load.started_between(start_at, end_at)
    failed = [r for r in results if not r.ok]
    seconds = end_at - start_at
    verdict.note(f"{len(results)} requests in {seconds:.0f}s ({len(results) / seconds:.1f}/s): {statuses(results)}")
    latencies = sorted(r.seconds for r in results)
    if latencies:
        p95 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.95))]
        verdict.note(f"latency median {latencies[len(latencies) // 2] * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
    check_contract(verdict, results, args.documented)
    if failed:
        verdict.fail(f"{len(failed)} error responses: {sample(failed)}")
    if not results:
        verdict.fail("no request was made during the soak")
    if sorted(before) != sorted(after):
        verdict.fail(f"gunicorn workers changed during the soak ({sorted(before)} -> {sorted(after)})")
    for pid in sorted(set(before) & set(after)):
        growth = (after[pid] - before[pid]) / before[pid]
        verdict.note(f"worker {pid}: VmRSS {before[pid] / 1024:.1f} -> {after[pid] / 1024:.1f} MiB ({growth:+.1%})")
        if growth >= RSS_GROWTH_LIMIT:
            verdict.fail(f"worker {pid} grew by {growth:.1%} (limit {RSS_GROWTH_LIMIT:.0%})")
    check_cruds_stored(load, verdict)
    return verdict


def kib(rss: dict[int, int]) -> str:
    return ", ".join(f"{pid}: {value / 1024:.1f} MiB" for pid, value in sorted(rss.items())) or "no workers"


# The stream scenarios' outage and watch after it: the store scenarios' own.
STREAM_TIMING = argparse.Namespace(down=DOWN_SECONDS, observe=OBSERVE_AFTER)


def restart_stream_postgres(_load: Load, args) -> Verdict:
    return streams.restart_stream_postgres(args, embedded, log, STREAM_TIMING, Verdict("restart-stream-postgres"))


def kill_stream(_load: Load, args) -> Verdict:
    return streams.kill_stream(args, embedded, log, STREAM_TIMING, Verdict("kill-stream"))


SCENARIOS = {
    "restart-postgres": restart_postgres,
    "stop-dynamodb": stop_dynamodb,
    "soak": soak,
    "restart-stream-postgres": restart_stream_postgres,
    "kill-stream": kill_stream,
}
STREAM_SCENARIOS = {"restart-stream-postgres", "kill-stream"}
# Seconds each scenario may take beyond the soak itself, to bound the load.
BUDGET = {"restart-postgres": 60, "stop-dynamodb": 90, "soak": 60, "restart-stream-postgres": 60, "kill-stream": 60}


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness.chaos", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--api", required=True, help="the API's base URL (loopback)")
    parser.add_argument("--gunicorn-pid", type=int, required=True, help="the gunicorn master's pid")
    parser.add_argument("--pg-data", required=True, help="PostgreSQL's data directory")
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--ddb-port", type=int, required=True)
    parser.add_argument("--ddb-pid-file", required=True, help="where to write a restarted DynamoDB Local's pid")
    parser.add_argument("--stream-url", help="the stream process's base URL (loopback), for the stream scenarios")
    parser.add_argument("--stream-pid-file", help="the stream process's pid, rewritten when it is started again")
    parser.add_argument("--scenario", action="append", choices=list(SCENARIOS), required=True)
    parser.add_argument("--soak-seconds", type=int, default=300)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--rate", type=int, default=40)
    parser.add_argument("--verbose", action="store_true", help="list every request around each outage")
    args = parser.parse_args()
    if STREAM_SCENARIOS & set(args.scenario) and not (args.stream_url and args.stream_pid_file):
        parser.error("the stream scenarios need --stream-url and --stream-pid-file")
    args.documented = documented_statuses()
    args.new_api, args.password = partial(Api, args.api), DEMO_PASSWORD
    args.stream_port = urllib.parse.urlsplit(args.stream_url).port if args.stream_url else None

    api = Api(args.api)
    status, body, failure = api.call("POST", "/api/auth/signin", {"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
    if status != 200:
        sys.exit(f"error: signing in as {DEMO_EMAIL} failed: {status or failure} {body[:200]!r}")
    api.token = json.loads(body)["access_token"]
    status, body, failure = api.call("GET", "/api/profile")
    if status != 200:
        sys.exit(f"error: reading the demo user's profile failed: {status or failure}")
    handle = json.loads(body)["handle"]

    budget = sum(BUDGET[name] + (args.soak_seconds if name == "soak" else 0) for name in args.scenario)
    load = Load(api, handle, args.threads, args.rate, time.monotonic() + budget)
    print(f"==> Load: {args.threads} threads, ~{args.rate} requests/s, as @{handle} (at most {budget}s)", flush=True)
    load.start()
    verdicts = []
    started = time.monotonic()
    try:
        for name in args.scenario:
            print(f"==> Scenario {name}", flush=True)
            scenario_started = time.monotonic()
            verdict = SCENARIOS[name](load, args)
            verdict.note(f"took {time.monotonic() - scenario_started:.0f}s")
            verdicts.append(verdict)
            print(f"    {'PASS' if verdict.passed else 'FAIL'} {name}", flush=True)
    finally:
        load.stop()

    print()
    print(f"Chaos verdicts ({len(load.results)} requests in {time.monotonic() - started:.0f}s):")
    for verdict in verdicts:
        print(f"  {'PASS' if verdict.passed else 'FAIL'}  {verdict.name}")
        for figure in verdict.figures:
            print(f"        {figure}")
        for problem in verdict.problems:
            print(f"        FAILED: {problem}")
    passed = sum(v.passed for v in verdicts)
    print(f"chaos: {passed} passed, {len(verdicts) - passed} failed")
    return 0 if passed == len(verdicts) else 1
